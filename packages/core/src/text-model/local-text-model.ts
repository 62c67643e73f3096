import * as z from 'zod';
import { lazySchema } from '../validation/lazy-schema.js';
import { ReasonkitError } from '../errors/reasonkit-error.js';
import { streamGenerate, type GenerationResult, type GenerationStep } from '../generation/index.js';
import type { GenerateFinishReason, GenerateOptions } from '../generation/generate-options.js';
import { logSoftmaxRow, topNRow } from '../generation/scores.js';
import type { CausalLM } from '../model/causal-lm.js';
import { applyChat, type FormatChat } from '../tokenizer/chat-template.js';
import type { HfTokenizerConfig } from '../tokenizer/hf-tokenizer.js';
import { findImagePart, type Tokenizer } from '../tokenizer/tokenizer.js';
import { throwIfAborted } from './abort.js';
import { validateGenerateRequest, validateScoreRequest } from './generate-request-schema.js';
import type { FinishReason, GenerateRequest, GenerateResult, ScoreRequest, ScoreResult, StreamPart, TextModel, TokenLogprob } from './text-model.js';
import { parseOrThrow } from './zod-issues.js';

export const LocalTextModelDefaultsSchema = /* @__PURE__ */ lazySchema(() => z.object({
  /** Default 128 (our choice, as `generate`). */
  maxTokens: z.number().int().min(0).optional(),
  /** Default 0 = greedy (our choice: reproducible unless asked otherwise). */
  temperature: z.number().min(0).optional(),
  topP: z.number().gt(0).max(1).optional(),
  topK: z.number().int().min(1).optional(),
}));

export interface LocalTextModelOptions {
  lm: CausalLM;
  tokenizer: Tokenizer;
  /** A Jinja chat template (HF `chat_template`). */
  chatTemplate?: string;
  /** `tokenizer_config.json` holding `chat_template`, `bos_token`, `eos_token`. */
  tokenizerConfig?: HfTokenizerConfig;
  /** Chat formatter; overrides any template. Without any of the three, chat is unsupported. */
  formatChat?: FormatChat;
  /** Defaults for omitted request options. */
  defaults?: z.input<typeof LocalTextModelDefaultsSchema>;
  id?: string;
}

const finishOf = (reason: GenerateFinishReason): FinishReason =>
  reason === 'eos' || reason === 'stop-string' ? 'stop' : reason === 'length' ? 'length' : reason === 'abort' ? 'abort' : 'other';

/**
 * A `TextModel` over a local `CausalLM` + tokenizer (+ chat template or `formatChat`), with exact
 * logprobs: each token's logprob is `log_softmax` of the raw logits at its step (spec §5.4), with
 * top-n alternatives sorted descending. `score()` is one forward pass over prompt + continuation.
 * Token strings are the text each token adds after the previous one, so they join to the text.
 */
export function createLocalTextModel(options: LocalTextModelOptions): TextModel {
  const { lm, tokenizer } = options;
  if (!lm || typeof lm.forward !== 'function') throw new ReasonkitError('INVALID_ARGUMENT', 'createLocalTextModel: lm must be a CausalLM', { field: 'lm' });
  if (!tokenizer || typeof tokenizer.encode !== 'function') throw new ReasonkitError('INVALID_ARGUMENT', 'createLocalTextModel: tokenizer must be a Tokenizer', { field: 'tokenizer' });
  const defaults = parseOrThrow(LocalTextModelDefaultsSchema, options.defaults ?? {}, 'local text model defaults');
  const tokenizerConfig: HfTokenizerConfig | undefined =
    options.chatTemplate !== undefined ? { ...options.tokenizerConfig, chat_template: options.chatTemplate } : options.tokenizerConfig;
  const chat = options.formatChat !== undefined || (tokenizerConfig?.chat_template !== undefined && tokenizerConfig.chat_template !== null);
  const bosText = tokenizer.bosId !== undefined ? tokenizer.decode([tokenizer.bosId], { skipSpecial: false }) : undefined;

  const bytesOf = (prev: number | undefined, id: number): number[] | undefined => {
    if (!tokenizer.decodeBytes) return undefined;
    const withPrev = prev === undefined ? tokenizer.decodeBytes([id]) : tokenizer.decodeBytes([prev, id]);
    const prevBytes = prev === undefined ? 0 : tokenizer.decodeBytes([prev]).length;
    return Array.from(withPrev.subarray(prevBytes));
  };
  /** Text `id` adds after `prev` (pair decode diff; falls back to decoding `id` alone). */
  const pieceOf = (prev: number | undefined, id: number): string => {
    if (prev === undefined) return tokenizer.decode([id], { skipSpecial: false });
    const before = tokenizer.decode([prev]);
    const both = tokenizer.decode([prev, id]);
    return both.startsWith(before) ? both.slice(before.length) : tokenizer.decode([id]);
  };
  const tokenOf = (prev: number | undefined, step: { id: number; logprob: number; top?: { id: number; logprob: number }[] }, topN: number): TokenLogprob => {
    const token: TokenLogprob = { token: pieceOf(prev, step.id), logprob: step.logprob };
    const bytes = bytesOf(prev, step.id);
    if (bytes) token.bytes = bytes;
    if (topN > 0) token.top = (step.top ?? []).slice(0, topN).map((alt) => ({ token: pieceOf(prev, alt.id), logprob: alt.logprob }));
    return token;
  };

  const promptIds = (request: GenerateRequest): number[] => {
    if (request.messages === undefined) return tokenizer.encode(request.prompt ?? '');
    const image = findImagePart(request.messages);
    if (image !== undefined) {
      throw new ReasonkitError('INVALID_ARGUMENT', `${image}: this local model takes text only; image content parts are not supported`, { field: image });
    }
    if (!chat) {
      throw new ReasonkitError(
        'INVALID_ARGUMENT',
        'local model has no chat template: pass chatTemplate, tokenizerConfig with chat_template, or formatChat; or send prompt instead of messages',
        { field: 'messages' },
      );
    }
    const text = applyChat(request.messages, { formatChat: options.formatChat, tokenizerConfig });
    // A rendered template that already starts with the BOS text must not get a second BOS.
    const bos = bosText === undefined || bosText === '' || !text.startsWith(bosText);
    return tokenizer.encode(bos ? text : text.slice(bosText.length), { bos: true });
  };

  const generateOptions = (request: GenerateRequest): GenerateOptions => {
    const o: GenerateOptions = {
      inputIds: promptIds(request),
      tokenizer,
      logprobs: { topN: request.logprobs ?? 0, from: 'raw' },
    };
    const maxTokens = request.maxTokens ?? defaults.maxTokens;
    if (maxTokens !== undefined) o.maxNewTokens = maxTokens;
    const temperature = request.temperature ?? defaults.temperature;
    if (temperature !== undefined) o.temperature = temperature;
    const topP = request.topP ?? defaults.topP;
    if (topP !== undefined) o.topP = topP;
    const topK = request.topK ?? defaults.topK;
    if (topK !== undefined) o.topK = topK;
    if (request.seed !== undefined) o.seed = request.seed;
    if (request.stop !== undefined) o.stopStrings = request.stop;
    if (request.signal !== undefined) o.signal = request.signal;
    return o;
  };

  const tokensOf = (result: GenerationResult, topN: number): TokenLogprob[] => {
    const ids = result.allIds;
    const start = result.promptIds.length;
    return result.steps.map((step: GenerationStep, i) => tokenOf(ids[start + i - 1], step, topN));
  };

  const model: TextModel = {
    id: options.id ?? `local:${lm.config.modelType}`,
    capabilities: { chat, completion: true, logprobs: true, topLogprobs: 20, promptScoring: true, images: false },
    async generate(request: GenerateRequest): Promise<GenerateResult> {
      validateGenerateRequest(request);
      let result: GenerationResult | undefined;
      for await (const part of streamGenerate(lm, generateOptions(request))) if (part.type === 'finish') result = part.result;
      if (!result) throw new ReasonkitError('RUNTIME_ERROR', 'local model: generation ended without a result');
      const out: GenerateResult = { text: result.text ?? '', finishReason: finishOf(result.finishReason), usage: result.usage };
      if (request.logprobs !== undefined) out.tokens = tokensOf(result, request.logprobs);
      return out;
    },
    async *stream(request: GenerateRequest): AsyncIterable<StreamPart> {
      validateGenerateRequest(request);
      const o = generateOptions(request);
      const topN = request.logprobs ?? 0;
      let prev = o.inputIds?.at(-1);
      for await (const part of streamGenerate(lm, o)) {
        if (part.type === 'token') {
          const sp: StreamPart = { textDelta: part.textDelta };
          if (request.logprobs !== undefined) sp.token = tokenOf(prev, part.step, topN);
          prev = part.step.id;
          yield sp;
        } else {
          if (part.textDelta !== '') yield { textDelta: part.textDelta };
          yield { textDelta: '', finishReason: finishOf(part.result.finishReason), usage: part.result.usage };
        }
      }
    },
    async score(request: ScoreRequest): Promise<ScoreResult> {
      validateScoreRequest(request);
      throwIfAborted(request.signal, 'score');
      const topN = request.logprobs ?? 0;
      const full = tokenizer.encode(request.prompt + request.continuation);
      const context = tokenizer.encode(request.prompt);
      let k = 0;
      while (k < context.length && k < full.length && context[k] === full[k]) k++;
      if (k === 0) {
        throw new ReasonkitError('INVALID_ARGUMENT', 'score: the prompt encodes to no shared first token (no BOS?); give a non-empty prompt', { field: 'prompt' });
      }
      if (k === full.length) throw new ReasonkitError('INVALID_ARGUMENT', 'score: continuation encodes to no tokens', { field: 'continuation' });
      if (full.length > lm.config.maxPositions) {
        throw new ReasonkitError('CONTEXT_OVERFLOW', `score: ${full.length} tokens exceed the model's context of ${lm.config.maxPositions}`, {
          field: 'continuation',
          actual: full.length,
          expected: lm.config.maxPositions,
        });
      }
      const out = await lm.forward({ inputIds: full, signal: request.signal });
      const vocab = lm.config.vocabSize;
      const tokens: TokenLogprob[] = [];
      for (let p = k; p < full.length; p++) {
        const row = out.logits.data.subarray((p - 1) * vocab, p * vocab);
        const lp = logSoftmaxRow(row);
        const id = full[p] as number;
        const step = { id, logprob: lp[id] as number, top: topNRow(lp, topN).map((t) => ({ id: t.id, logprob: t.value })) };
        tokens.push(tokenOf(full[p - 1], step, topN));
      }
      return { tokens, sum: tokens.reduce((s, t) => s + t.logprob, 0), usage: { input: k, output: full.length - k } };
    },
  };
  return model;
}
