import * as z from 'zod';
import { lazySchema } from '../validation/lazy-schema.js';
import { ReasonkitError } from '../errors/reasonkit-error.js';
import { streamGenerate, type GenerationResult, type GenerationStep } from '../generation/index.js';
import type { GenerateFinishReason, GenerateOptions } from '../generation/generate-options.js';
import type { LogitsProcessor } from '../generation/logits-processor.js';
import { temperatureProcessor, topKProcessor, topPProcessor } from '../generation/logits-processors.js';
import { logSoftmaxRow, topNRow } from '../generation/scores.js';
import type { CausalLM } from '../model/causal-lm.js';
import { applyChat, type FormatChat } from '../tokenizer/chat-template.js';
import type { HfTokenizerConfig } from '../tokenizer/hf-tokenizer.js';
import { contentText, findImagePart, type Tokenizer } from '../tokenizer/tokenizer.js';
import { throwIfAborted } from './abort.js';
import { validateGenerateRequest, validateScoreRequest } from './generate-request-schema.js';
import { hasOpenAIPenalties, openAIPenaltiesProcessor } from './openai-penalties.js';
import type {
  FinishReason,
  GenerateChoice,
  GenerateRequest,
  GenerateResult,
  ScoreRequest,
  ScoreResult,
  StopCause,
  StreamPart,
  TextModel,
  TokenLogprob,
} from './text-model.js';
import { parseOrThrow } from './zod-issues.js';

/** zod schema of a `LocalTextModelDefaults`: validates it and applies its defaults. */
export const LocalTextModelDefaultsSchema = /* @__PURE__ */ lazySchema(() => z.object({
  /** Default 128 (our choice, as `generate`). */
  maxTokens: z.number().int().min(0).optional(),
  /** Default 0 = greedy (our choice: reproducible unless asked otherwise). */
  temperature: z.number().min(0).optional(),
  topP: z.number().gt(0).max(1).optional(),
  topK: z.number().int().min(1).optional(),
}));

/** Options of `LocalTextModel`: the causal LM, its tokenizer and generation defaults. */
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

/** `finishReason`, `stopCause` and `stopSequence` of a finished generation. */
function endOf(result: GenerationResult): Pick<GenerateChoice, 'finishReason' | 'stopCause' | 'stopSequence'> {
  const end: Pick<GenerateChoice, 'finishReason' | 'stopCause' | 'stopSequence'> = { finishReason: finishOf(result.finishReason) };
  const cause: StopCause | undefined = result.finishReason === 'eos' ? 'eos' : result.finishReason === 'stop-string' ? 'stop-sequence' : undefined;
  if (cause !== undefined) end.stopCause = cause;
  if (result.finishReason === 'stop-string' && result.stopReason !== undefined) end.stopSequence = result.stopReason;
  return end;
}

/**
 * Seed of choice `i`: `seed + i` (so `n` choices differ and each is reproducible alone: choice `i`
 * of a request equals choice 0 of the same request with seed `seed + i`). Without a seed, one
 * random base seed per request.
 */
function choiceSeed(base: number | undefined, i: number): number | undefined {
  return base === undefined ? undefined : base + i;
}

/**
 * Safety factor of the prompt-size check: a prompt is rejected before tokenizing only when even
 * `bytes / (factor * (longest token + 1))` tokens would not fit (our choice: normalizers and
 * leading-space rules can make a token cover a little more text in context than alone).
 */
const PRECHECK_FACTOR = 4;

const now = () => globalThis.performance?.now() ?? Date.now();
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
  const utf8 = new TextEncoder();
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

  let maxTokenBytes: number | undefined;
  /** Bytes of the longest token alone (computed once, on the first prompt long enough to need it). */
  const longestToken = (): number => {
    if (maxTokenBytes !== undefined) return maxTokenBytes;
    let max = 1;
    for (let id = 0; id < tokenizer.vocabSize; id++) {
      const bytes = tokenizer.decodeBytes ? tokenizer.decodeBytes([id]).length : utf8.encode(tokenizer.decode([id], { skipSpecial: false })).length;
      if (bytes > max) max = bytes;
    }
    maxTokenBytes = max;
    return max;
  };
  /**
   * Rejects text that cannot fit the context whatever its tokenization, before the (synchronous,
   * possibly slow) tokenizer sees it: each token covers at most `longestToken()` bytes.
   */
  const precheck = (text: string, field: 'prompt' | 'messages' | 'continuation') => {
    const context = lm.config.maxPositions;
    if (text.length <= context) return; // ≤ 1 token per UTF-16 unit fits anyway
    const bytes = utf8.encode(text).length;
    const atLeast = Math.floor(bytes / (PRECHECK_FACTOR * (longestToken() + 1)));
    if (atLeast > context) {
      throw new ReasonkitError('CONTEXT_OVERFLOW', `${field}: ${bytes} bytes of text need more than ${atLeast} tokens, beyond the model's context of ${context} positions`, {
        field,
        actual: atLeast,
        expected: context,
      });
    }
  };
  const checkFits = (ids: number[], field: 'prompt' | 'messages'): number[] => {
    const context = lm.config.maxPositions;
    if (ids.length > context) {
      throw new ReasonkitError('CONTEXT_OVERFLOW', `${field}: the prompt has ${ids.length} tokens, beyond the model's context of ${context} positions`, {
        field,
        actual: ids.length,
        expected: context,
      });
    }
    return ids;
  };

  const promptIds = (request: GenerateRequest): number[] => {
    if (request.messages === undefined) {
      const prompt = request.prompt ?? '';
      precheck(prompt, 'prompt');
      return checkFits(tokenizer.encode(prompt), 'prompt');
    }
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
    // Before rendering too: templates keep every message's text, so the contents alone bound the prompt.
    precheck(request.messages.map((m) => contentText(m.content)).join(''), 'messages');
    const text = applyChat(request.messages, { formatChat: options.formatChat, tokenizerConfig });
    precheck(text, 'messages');
    // A rendered template that already starts with the BOS text must not get a second BOS.
    const bos = bosText === undefined || bosText === '' || !text.startsWith(bosText);
    return checkFits(tokenizer.encode(bos ? text : text.slice(bosText.length), { bos: true }), 'messages');
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
    const penalties = { frequencyPenalty: request.frequencyPenalty, presencePenalty: request.presencePenalty, logitBias: request.logitBias };
    if (hasOpenAIPenalties(penalties)) {
      for (const key of Object.keys(request.logitBias ?? {})) {
        if (Number(key) >= lm.config.vocabSize) {
          throw new ReasonkitError('INVALID_ARGUMENT', `logitBias.${key}: token id outside the vocabulary (0..${lm.config.vocabSize - 1})`, { field: `logitBias.${key}`, actual: Number(key) });
        }
      }
      // OpenAI applies penalties to the raw logits, so they run first: temperature, top-k and
      // top-p move after them (same order as generate's built-ins, which are then off).
      const list: LogitsProcessor[] = [openAIPenaltiesProcessor(penalties, o.inputIds?.length ?? 0)];
      if (temperature !== undefined && temperature > 0) {
        if (temperature !== 1) list.push(temperatureProcessor(temperature));
        if (topK !== undefined) list.push(topKProcessor(topK));
        if (topP !== undefined && topP < 1) list.push(topPProcessor(topP));
        o.temperature = 1;
        delete o.topK;
        delete o.topP;
      }
      o.logitsProcessors = list;
    }
    return o;
  };

  /** Options of choice `i` (its own seed; a shared random base seed when the request has none). */
  const choiceOptions = (base: GenerateOptions, seed: number | undefined, i: number): GenerateOptions => {
    const s = choiceSeed(seed, i);
    return s === undefined ? base : { ...base, seed: s };
  };
  const baseSeed = (request: GenerateRequest) => request.seed ?? ((request.n ?? 1) > 1 ? Math.floor(Math.random() * 2 ** 31) : undefined);

  const choiceOf = (result: GenerationResult, request: GenerateRequest): GenerateChoice => {
    const end = endOf(result);
    const text = (result.text ?? '') + (request.includeStop === true && end.stopSequence !== undefined ? end.stopSequence : '');
    const choice: GenerateChoice = { text, ...end };
    if (request.logprobs !== undefined) choice.tokens = tokensOf(result, request.logprobs);
    return choice;
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
      const started = now();
      const base = generateOptions(request);
      const seed = baseSeed(request);
      const choices: GenerateChoice[] = [];
      let output = 0;
      for (let i = 0; i < (request.n ?? 1); i++) {
        let result: GenerationResult | undefined;
        for await (const part of streamGenerate(lm, choiceOptions(base, seed, i))) if (part.type === 'finish') result = part.result;
        if (!result) throw new ReasonkitError('RUNTIME_ERROR', 'local model: generation ended without a result');
        choices.push(choiceOf(result, request));
        output += result.usage.output;
      }
      const out: GenerateResult = { ...(choices[0] as GenerateChoice), usage: { input: base.inputIds?.length ?? 0, output, latencyMs: now() - started } };
      if (choices.length > 1) out.choices = choices;
      return out;
    },
    async *stream(request: GenerateRequest): AsyncIterable<StreamPart> {
      validateGenerateRequest(request);
      const started = now();
      let firstTokenMs: number | undefined;
      const base = generateOptions(request);
      const seed = baseSeed(request);
      const n = request.n ?? 1;
      const topN = request.logprobs ?? 0;
      let output = 0;
      for (let index = 0; index < n; index++) {
        const o = choiceOptions(base, seed, index);
        let prev = o.inputIds?.at(-1);
        for await (const part of streamGenerate(lm, o)) {
          if (part.type === 'token') {
            const sp: StreamPart = { textDelta: part.textDelta };
            if (n > 1) sp.index = index;
            if (request.logprobs !== undefined) sp.token = tokenOf(prev, part.step, topN);
            prev = part.step.id;
            if (firstTokenMs === undefined && part.textDelta !== '') firstTokenMs = now() - started;
            yield sp;
            continue;
          }
          const end = endOf(part.result);
          const tail = part.textDelta + (request.includeStop === true && end.stopSequence !== undefined ? end.stopSequence : '');
          if (tail !== '') {
            firstTokenMs ??= now() - started;
            yield n > 1 ? { textDelta: tail, index } : { textDelta: tail };
          }
          output += part.result.usage.output;
          const last: StreamPart = { textDelta: '', ...end };
          if (n > 1) last.index = index;
          if (index === n - 1) {
            last.usage = { input: part.result.usage.input, output, latencyMs: now() - started };
            if (firstTokenMs !== undefined) last.usage.firstTokenMs = firstTokenMs;
          }
          yield last;
        }
      }
    },
    countTokens(text: string): number {
      return tokenizer.encode(text, { bos: false }).length;
    },
    async score(request: ScoreRequest): Promise<ScoreResult> {
      validateScoreRequest(request);
      throwIfAborted(request.signal, 'score');
      const started = now();
      const topN = request.logprobs ?? 0;
      precheck(request.prompt + request.continuation, 'continuation');
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
      return { tokens, sum: tokens.reduce((s, t) => s + t.logprob, 0), usage: { input: k, output: full.length - k, latencyMs: now() - started } };
    },
  };
  return model;
}
