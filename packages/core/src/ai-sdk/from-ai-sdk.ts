import * as z from 'zod';
import { lazySchema } from '../validation/lazy-schema.js';
import { ReasonkitError } from '../errors/reasonkit-error.js';
import { abortError } from '../text-model/abort.js';
import { validateGenerateRequest } from '../text-model/generate-request-schema.js';
import type { FinishReason, GenerateRequest, GenerateResult, StreamPart, TextModel, TokenLogprob, Usage } from '../text-model/text-model.js';
import { parseOrThrow } from '../text-model/zod-issues.js';
import { type ChatMessage, contentText } from '../tokenizer/tokenizer.js';
import type {
  AiSdkCallOptions,
  AiSdkFilePart,
  AiSdkFinishReason,
  AiSdkJsonObject,
  AiSdkLanguageModel,
  AiSdkPromptMessage,
  AiSdkStreamPart,
  AiSdkTextPart,
  AiSdkUsage,
} from './ai-sdk-types.js';

/** zod schema of `FromAiSdkOptions`: validates it and applies its defaults. */
export const FromAiSdkOptionsSchema = /* @__PURE__ */ lazySchema(() => z.object({
  /**
   * The provider returns OpenAI logprobs in `providerMetadata.openai.logprobs` when asked through
   * `providerOptions.openai.logprobs` (e.g. `@ai-sdk/openai`). Default false: the AI SDK spec has
   * no logprobs, so they are only claimed when configured.
   */
  logprobs: z.boolean().default(false),
  /** Most top alternatives the provider returns. Default 20 (OpenAI's cap). */
  topLogprobs: z.number().int().min(0).max(20).default(20),
  id: z.string().optional(),
}));
/** Input accepted by `FromAiSdkOptionsSchema` (optional fields may be omitted; defaults are applied when parsed). */
export type FromAiSdkOptions = z.input<typeof FromAiSdkOptionsSchema>;

const VERSIONS = new Set(['v2', 'v3', 'v4']);

/** AI SDK finish reasons (v2 string or v3/v4 `{unified}`) → ours. */
export function normalizeAiSdkFinishReason(reason: AiSdkFinishReason | undefined): FinishReason {
  const value = typeof reason === 'object' && reason !== null ? reason.unified : reason;
  if (value === 'stop' || value === 'length' || value === 'content-filter') return value;
  return 'other';
}

const count = (value: number | { total?: number } | undefined): number =>
  typeof value === 'number' ? value : typeof value === 'object' && value !== null && typeof value.total === 'number' ? value.total : 0;

/** AI SDK usage (v2 flat numbers or v3/v4 `{ total, … }` objects) → `{ input, output }`. */
export function normalizeAiSdkUsage(usage: AiSdkUsage | undefined): Usage {
  return { input: count(usage?.inputTokens), output: count(usage?.outputTokens) };
}

/**
 * OpenAI logprobs from `providerMetadata.openai.logprobs`: chat entries `[{token, logprob,
 * top_logprobs}]` (possibly under `content`), or completions parallel arrays.
 */
export function readOpenAILogprobs(metadata: Record<string, Record<string, unknown> | undefined> | undefined, topN: number): TokenLogprob[] | undefined {
  const raw = metadata?.openai?.logprobs as unknown;
  if (raw === undefined || raw === null) return undefined;
  const entries = Array.isArray(raw) ? raw : typeof raw === 'object' && Array.isArray((raw as { content?: unknown }).content) ? (raw as { content: unknown[] }).content : undefined;
  if (entries) {
    return entries.map((e) => {
      const entry = e as { token: string; logprob: number; bytes?: number[]; top_logprobs?: { token: string; logprob: number }[] };
      const token: TokenLogprob = { token: String(entry.token), logprob: Number(entry.logprob) };
      if (Array.isArray(entry.bytes)) token.bytes = entry.bytes;
      if (topN > 0) token.top = (entry.top_logprobs ?? []).slice(0, topN).map((t) => ({ token: String(t.token), logprob: Number(t.logprob) }));
      return token;
    });
  }
  const arrays = raw as { tokens?: string[]; token_logprobs?: number[]; top_logprobs?: Record<string, number>[] };
  if (Array.isArray(arrays.tokens) && Array.isArray(arrays.token_logprobs)) {
    return arrays.tokens.map((t, i) => {
      const token: TokenLogprob = { token: t, logprob: arrays.token_logprobs?.[i] ?? Number.NaN };
      if (topN > 0) {
        token.top = Object.entries(arrays.top_logprobs?.[i] ?? {})
          .map(([tt, logprob]) => ({ token: tt, logprob }))
          .sort((a, b) => b.logprob - a.logprob)
          .slice(0, topN);
      }
      return token;
    });
  }
  return undefined;
}

function isAiSdkModel(value: unknown): value is AiSdkLanguageModel {
  return (
    typeof value === 'object' &&
    value !== null &&
    VERSIONS.has((value as { specificationVersion?: string }).specificationVersion ?? '') &&
    typeof (value as { doGenerate?: unknown }).doGenerate === 'function'
  );
}

/**
 * Adapt an AI SDK language model (any object with `specificationVersion` `'v2' | 'v3' | 'v4'` and
 * `doGenerate`) to a `TextModel`. Text parts are joined; finish reason and usage are normalised;
 * logprobs are read from `providerMetadata.openai.logprobs` when enabled. The AI SDK has no raw
 * completion mode, so a `prompt` is sent as one user message.
 */
export function fromAiSdk(model: AiSdkLanguageModel, options: FromAiSdkOptions = {}): TextModel {
  if (!isAiSdkModel(model)) {
    const version = (model as { specificationVersion?: unknown } | null)?.specificationVersion;
    throw new ReasonkitError(
      'INVALID_ARGUMENT',
      `fromAiSdk: expected an AI SDK language model with specificationVersion 'v2' | 'v3' | 'v4' and doGenerate(); got specificationVersion ${JSON.stringify(version)}`,
      { field: 'model.specificationVersion', actual: version },
    );
  }
  const o = parseOrThrow(FromAiSdkOptionsSchema, options, 'fromAiSdk options');

  const callOptions = (request: GenerateRequest): AiSdkCallOptions => {
    if (request.logprobs !== undefined && (!o.logprobs || request.logprobs > o.topLogprobs)) {
      throw new ReasonkitError(
        'LOGPROBS_UNSUPPORTED',
        o.logprobs
          ? `fromAiSdk(${model.modelId ?? model.provider ?? 'model'}): logprobs ${request.logprobs} exceeds topLogprobs ${o.topLogprobs}`
          : `fromAiSdk(${model.modelId ?? model.provider ?? 'model'}): the AI SDK interface has no logprobs; pass { logprobs: true } for providers that return providerMetadata.openai.logprobs`,
        { field: 'logprobs', actual: request.logprobs },
      );
    }
    const messages: ChatMessage[] = request.messages ?? [{ role: 'user', content: request.prompt ?? '' }];
    const call: AiSdkCallOptions = { prompt: messages.map(toAiSdkMessage) };
    if (request.maxTokens !== undefined) call.maxOutputTokens = request.maxTokens;
    if (request.temperature !== undefined) call.temperature = request.temperature;
    if (request.topP !== undefined) call.topP = request.topP;
    if (request.topK !== undefined) call.topK = request.topK;
    if (request.stop !== undefined) call.stopSequences = request.stop;
    if (request.seed !== undefined) call.seed = request.seed;
    if (request.frequencyPenalty !== undefined) call.frequencyPenalty = request.frequencyPenalty;
    if (request.presencePenalty !== undefined) call.presencePenalty = request.presencePenalty;
    if (request.signal !== undefined) call.abortSignal = request.signal;
    const openai: AiSdkJsonObject = {};
    if (request.logprobs !== undefined) openai.logprobs = request.logprobs > 0 ? request.logprobs : true;
    // The AI SDK has no logit bias of its own; its OpenAI providers read providerOptions.openai.logitBias.
    if (request.logitBias !== undefined) openai.logitBias = { ...request.logitBias };
    if (Object.keys(openai).length > 0) call.providerOptions = { openai };
    return call;
  };

  const logprobsOf = (request: GenerateRequest, metadata: AiSdkStreamPart['providerMetadata']): TokenLogprob[] | undefined => {
    if (request.logprobs === undefined) return undefined;
    const tokens = readOpenAILogprobs(metadata, request.logprobs);
    if (!tokens) {
      throw new ReasonkitError('LOGPROBS_UNSUPPORTED', `fromAiSdk(${model.modelId ?? 'model'}): logprobs requested but providerMetadata.openai.logprobs is absent`, { field: 'logprobs' });
    }
    return tokens;
  };

  const wrapError = (error: unknown, signal?: AbortSignal): unknown => {
    if (ReasonkitError.is(error)) return error;
    if (signal?.aborted) return abortError(signal);
    return error;
  };

  const textModel: TextModel = {
    id: o.id ?? `ai-sdk:${model.provider ?? 'unknown'}:${model.modelId ?? 'unknown'}`,
    capabilities: { chat: true, completion: true, logprobs: o.logprobs, topLogprobs: o.logprobs ? o.topLogprobs : 0, promptScoring: false },
    async generate(request): Promise<GenerateResult> {
      validateGenerateRequest(request);
      // The AI SDK has no `n`: one call per choice, choice i with seed + i when a seed is given.
      const results: GenerateResult[] = [];
      for (let i = 0; i < (request.n ?? 1); i++) {
        const call = callOptions(request);
        if (request.seed !== undefined) call.seed = request.seed + i;
        let result;
        try {
          result = await model.doGenerate(call);
        } catch (error) {
          throw wrapError(error, request.signal);
        }
        const text = (result.content ?? []).filter((p) => p.type === 'text').map((p) => p.text ?? '').join('');
        const out: GenerateResult = { text, finishReason: normalizeAiSdkFinishReason(result.finishReason), usage: normalizeAiSdkUsage(result.usage), raw: result };
        const tokens = logprobsOf(request, result.providerMetadata);
        if (tokens) out.tokens = tokens;
        results.push(out);
      }
      const first = results[0] as GenerateResult;
      if (results.length === 1) return first;
      const usage: Usage = { input: first.usage?.input ?? 0, output: results.reduce((sum, r) => sum + (r.usage?.output ?? 0), 0) };
      return { ...first, usage, choices: results.map(({ usage: _u, raw: _r, ...choice }) => choice) };
    },
  };

  const doStream = model.doStream?.bind(model);
  if (doStream) {
    textModel.stream = async function* (request: GenerateRequest): AsyncIterable<StreamPart> {
      validateGenerateRequest(request);
      if ((request.n ?? 1) > 1) throw new ReasonkitError('INVALID_ARGUMENT', 'fromAiSdk: stream supports n = 1 only (the AI SDK has no n); use generate for several choices', { field: 'n', actual: request.n });
      const call = callOptions(request);
      let stream;
      try {
        ({ stream } = await doStream(call));
      } catch (error) {
        throw wrapError(error, request.signal);
      }
      let finishReason: FinishReason = 'other';
      let usage: Usage | undefined;
      let metadata: AiSdkStreamPart['providerMetadata'];
      try {
        for await (const part of stream as AsyncIterable<AiSdkStreamPart>) {
          if (part.type === 'text-delta') {
            const delta = part.delta ?? part.textDelta ?? '';
            if (delta !== '') yield { textDelta: delta };
          } else if (part.type === 'finish') {
            finishReason = normalizeAiSdkFinishReason(part.finishReason);
            usage = normalizeAiSdkUsage(part.usage);
            metadata = part.providerMetadata;
          } else if (part.type === 'error') {
            throw part.error instanceof Error ? part.error : new ReasonkitError('RUNTIME_ERROR', `fromAiSdk: stream error: ${JSON.stringify(part.error)}`, { error: part.error });
          }
        }
      } catch (error) {
        throw wrapError(error, request.signal);
      }
      const tokens = logprobsOf(request, metadata);
      // Logprobs arrive with the finish part, after the text: report them as tokens with empty deltas.
      for (const token of tokens ?? []) yield { textDelta: '', token };
      yield { textDelta: '', finishReason, usage };
    };
  }
  return textModel;
}

/** Ours → an AI SDK prompt message: images become `file` parts, a `tool` message a `tool-result`. */
function toAiSdkMessage(message: ChatMessage): AiSdkPromptMessage {
  if (message.role === 'system') return { role: 'system', content: contentText(message.content) };
  if (message.role === 'tool') {
    return {
      role: 'tool',
      content: [
        {
          type: 'tool-result',
          toolCallId: message.toolCallId ?? '',
          toolName: message.name ?? 'tool',
          output: { type: 'text', value: contentText(message.content) },
        },
      ],
    };
  }
  const parts = typeof message.content === 'string' ? [{ type: 'text' as const, text: message.content }] : message.content;
  return {
    role: message.role,
    content: parts.map((part): AiSdkTextPart | AiSdkFilePart => {
      if (part.type === 'text') return { type: 'text', text: part.text };
      const url = part.image_url.url;
      // Match the prefix only: the base64 payload can be megabytes (video frames), not worth a regex scan.
      const prefix = /^data:([^;,]+);base64,/.exec(url);
      return prefix ? { type: 'file', mediaType: prefix[1] as string, data: url.slice(prefix[0].length) } : { type: 'file', mediaType: 'image/*', data: new URL(url) };
    }),
  };
}
