// Local structural copies of the parts of the AI SDK language-model specification (v2, v3, v4)
// that `fromAiSdk` reads. No dependency on `@ai-sdk/provider`.

/** AI SDK language-model specification versions `fromAiSdk` accepts. */
export type AiSdkSpecificationVersion = 'v2' | 'v3' | 'v4';

/**
 * A text part of an AI SDK prompt message.
 *
 * @inline
 */
export interface AiSdkTextPart {
  type: 'text';
  text: string;
}

/**
 * An image as a v2+ file part: base64 data (from a data URL) or a URL.
 *
 * @inline
 */
export interface AiSdkFilePart {
  type: 'file';
  data: string | URL;
  mediaType: string;
}

/**
 * A tool result part of an AI SDK prompt message, with a text output.
 *
 * @inline
 */
export interface AiSdkToolResultPart {
  type: 'tool-result';
  toolCallId: string;
  toolName: string;
  output: { type: 'text'; value: string };
}

/** One message of an AI SDK prompt (system, user, assistant or tool). */
export type AiSdkPromptMessage =
  | { role: 'system'; content: string }
  | { role: 'user'; content: (AiSdkTextPart | AiSdkFilePart)[] }
  | { role: 'assistant'; content: (AiSdkTextPart | AiSdkFilePart)[] }
  | { role: 'tool'; content: AiSdkToolResultPart[] };

/** JSON values, as the AI SDK's `JSONValue` (provider options must be JSON). */
export type AiSdkJsonValue = null | string | number | boolean | AiSdkJsonObject | AiSdkJsonValue[];
/** A JSON object as the AI SDK types it (provider options). */
export interface AiSdkJsonObject {
  [key: string]: AiSdkJsonValue;
}

/** Call options the AI SDK passes to a language model's `doGenerate` / `doStream` (the subset reasonkit reads and writes). */
export interface AiSdkCallOptions {
  prompt: AiSdkPromptMessage[];
  maxOutputTokens?: number;
  temperature?: number;
  topP?: number;
  topK?: number;
  stopSequences?: string[];
  seed?: number;
  frequencyPenalty?: number;
  presencePenalty?: number;
  abortSignal?: AbortSignal;
  /** As the SDK's `SharedV3ProviderOptions`: provider name → JSON object. */
  providerOptions?: Record<string, AiSdkJsonObject>;
}

/** v2: a string; v3/v4: `{ unified, raw }`. */
export type AiSdkFinishReason = string | { unified: string; raw?: string };

/** v2: flat counts; v3/v4: `{ total, … }` objects. */
export interface AiSdkUsage {
  inputTokens?: number | { total?: number } | undefined;
  outputTokens?: number | { total?: number } | undefined;
  [key: string]: unknown;
}

/** One part of an AI SDK generate result's `content` (text, reasoning, ...). */
export interface AiSdkContentPart {
  type: string;
  text?: string;
}

/** What an AI SDK language model's `doGenerate` resolves to (the fields reasonkit reads). */
export interface AiSdkGenerateResult {
  content: AiSdkContentPart[];
  finishReason: AiSdkFinishReason;
  usage?: AiSdkUsage;
  providerMetadata?: Record<string, Record<string, unknown> | undefined>;
  warnings?: unknown[];
}

/** One part of an AI SDK `doStream` stream (text deltas, finish, ...). */
export interface AiSdkStreamPart {
  type: string;
  /** Text / reasoning block id (`text-start`, `text-delta`, `text-end`; v2+). */
  id?: string;
  /** `stream-start` (v2+). */
  warnings?: unknown[];
  /** `text-delta` (v2+). */
  delta?: string;
  /** `text-delta` in pre-v2 providers. */
  textDelta?: string;
  finishReason?: AiSdkFinishReason;
  usage?: AiSdkUsage;
  providerMetadata?: Record<string, Record<string, unknown> | undefined>;
  error?: unknown;
}

/** Any object shaped like an AI SDK `LanguageModelV2 | V3 | V4`. */
export interface AiSdkLanguageModel {
  readonly specificationVersion: AiSdkSpecificationVersion;
  readonly provider?: string;
  readonly modelId?: string;
  /** Generates a complete response (AI SDK `doGenerate`). */
  doGenerate(options: AiSdkCallOptions): PromiseLike<AiSdkGenerateResult>;
  /** Streams a response as parts (AI SDK `doStream`); optional, `fromAiSdk` falls back to `doGenerate` without it. */
  doStream?(options: AiSdkCallOptions): PromiseLike<{ stream: ReadableStream<AiSdkStreamPart> | AsyncIterable<AiSdkStreamPart> }>;
}
