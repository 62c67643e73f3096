import type { ChatMessage } from '../tokenizer/tokenizer.js';

/**
 * One generation request. Exactly one of `messages` and `prompt`. Message content may hold
 * `image_url` parts for models whose `capabilities.images` is true.
 */
export interface GenerateRequest {
  messages?: ChatMessage[];
  prompt?: string;
  maxTokens?: number;
  temperature?: number;
  topP?: number;
  topK?: number;
  stop?: string[];
  /** Keep the stop sequence that ended a choice at the end of its text. Default false (as OpenAI). */
  includeStop?: boolean;
  /** Choices to generate (1..16). Default 1. Local models sample choice `i` with seed `seed + i`. */
  n?: number;
  seed?: number;
  /** OpenAI `frequency_penalty` (-2..2): subtracted once per earlier occurrence in the completion. */
  frequencyPenalty?: number;
  /** OpenAI `presence_penalty` (-2..2): subtracted once from every token already in the completion. */
  presencePenalty?: number;
  /** OpenAI `logit_bias`: token id → bias (-100..100) added to its logit before sampling. */
  logitBias?: Record<number, number>;
  /** 0 = chosen token's logprob only; n > 0 = plus the top-n alternatives. */
  logprobs?: number;
  signal?: AbortSignal;
}

/** One alternative at a token position, sorted by descending logprob in `TokenLogprob.top`. */
export interface TopLogprob {
  token: string;
  logprob: number;
  bytes?: number[];
}

/** A generated or scored token with its logprob (and top alternatives when asked). */
export interface TokenLogprob {
  token: string;
  bytes?: number[];
  logprob: number;
  top?: TopLogprob[];
}

/** Why a text model stopped generating. */
export type FinishReason = 'stop' | 'length' | 'abort' | 'content-filter' | 'other';

/** Token counts of a request (prompt, completion, total). */
export interface Usage {
  /** Prompt tokens. */
  input: number;
  /** Completion tokens (summed over all choices). */
  output: number;
  /** Wall-clock time of the whole call, in milliseconds, as measured by the model adapter. */
  latencyMs?: number;
  /** Streaming only: milliseconds until the first text arrived. */
  firstTokenMs?: number;
}

/**
 * Why a choice stopped, finer than `finishReason` (which stays OpenAI's vocabulary, so `'stop'`
 * covers both): `'eos'` = the model ended its turn (an end-of-sequence token),
 * `'stop-sequence'` = one of `request.stop` matched (see `stopSequence`).
 */
export type StopCause = 'eos' | 'stop-sequence';

/** One generated alternative. */
export interface GenerateChoice {
  text: string;
  finishReason: FinishReason;
  /** Set when `finishReason` is `'stop'` and the adapter knows which kind of stop it was. */
  stopCause?: StopCause;
  /** The entry of `request.stop` that ended this choice (absent when it ended otherwise). */
  stopSequence?: string;
  tokens?: TokenLogprob[];
}

/** The result of `generate`: the first choice's fields at the top level, every choice in `choices`. */
export interface GenerateResult extends GenerateChoice {
  usage?: Usage;
  /** All `request.n` choices, in order (`choices[0]` repeats the top-level fields). Always present when `n > 1`. */
  choices?: GenerateChoice[];
  raw?: unknown;
}

/** One part of a streamed response: a text delta, and on the last part the finish reason and usage. */
export interface StreamPart {
  textDelta: string;
  /** The choice this part belongs to (0..n-1). Absent means 0. */
  index?: number;
  token?: TokenLogprob;
  /** Present on the last part of each choice. */
  finishReason?: FinishReason;
  stopCause?: StopCause;
  stopSequence?: string;
  /** Present on the last part of the stream. */
  usage?: Usage;
}

/** What a text model supports (chat, completion, logprobs, ...). */
export interface TextModelCapabilities {
  chat: boolean;
  completion: boolean;
  logprobs: boolean;
  topLogprobs: number;
  promptScoring: boolean;
  /** Accepts `image_url` content parts. Absent means false. */
  images?: boolean;
}

/** The text-level language-model interface every feature package talks to. */
export interface TextModel {
  readonly id: string;
  readonly capabilities: TextModelCapabilities;
  /** Generates a complete response. */
  generate(request: GenerateRequest): Promise<GenerateResult>;
  /** Streams a response, when the server supports it. */
  stream?(request: GenerateRequest): AsyncIterable<StreamPart>;
  /** Scores a continuation's token logprobs, when the server supports it. */
  score?(request: ScoreRequest): Promise<ScoreResult>;
  /** Tokens `text` encodes to (no BOS), where the model's tokenizer is known. */
  countTokens?(text: string): number;
}

/** Score a fixed continuation after a prompt (teacher forcing); no text is generated. */
export interface ScoreRequest {
  prompt: string;
  continuation: string;
  /** Top-n alternatives per continuation token (0 = none). */
  logprobs?: number;
  signal?: AbortSignal;
}

/** Result of `TextModel.score`: per-token logprobs of a continuation. */
export interface ScoreResult {
  /** One entry per continuation token. */
  tokens: TokenLogprob[];
  /** Sum of the continuation tokens' logprobs. */
  sum: number;
  usage?: Usage;
}
