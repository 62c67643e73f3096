import { ReasonkitError } from '../errors/reasonkit-error.js';
import type { KVCache } from '../kv-cache/kv-cache.js';
import type { CausalLM, ForwardInput } from '../model/causal-lm.js';
import { topK as topKOp } from '../tensor/ops/top-k.js';
import { parseOptions } from '../validation/parse-options.js';
import { type GenerateFinishReason, type GenerateOptions, GenerateOptionsSchema, type ResolvedGenerateOptions } from './generate-options.js';
import type { GenerationHooks, GenerationStep, StepContext, StepDirective } from './generation-hooks.js';
import type { LogitsProcessor } from './logits-processor.js';
import {
  badWordsProcessor,
  minNewTokensProcessor,
  noRepeatNgramProcessor,
  repetitionPenaltyProcessor,
  suppressTokensProcessor,
  temperatureProcessor,
  topKProcessor,
  topPProcessor,
} from './logits-processors.js';
import { Mt19937 } from './mt19937.js';
import { greedySampler, multinomialSampler, type Sampler } from './samplers.js';
import { logSoftmaxRow, sumExpShifted } from './scores.js';
import { TextStream } from './text-stream.js';

/** Result of a local generation: the generated ids and text, why it stopped, and usage. */
export interface GenerationResult {
  /** Generated ids (an EOS id that ended generation is included). */
  ids: number[];
  /** Prompt + generated ids. */
  allIds: number[];
  promptIds: number[];
  /** Decoded generated text (needs a tokenizer): EOS excluded, a matched stop string trimmed. */
  text?: string;
  /** One entry per generated id. */
  steps: GenerationStep[];
  finishReason: GenerateFinishReason;
  /** The hook's `reason` or the matched stop string. */
  stopReason?: string;
  /**
   * The cache after the last forward: it holds every fed token, i.e. the prompt and all generated
   * ids except the last one (which was never fed). Continue with `inputIds: [lastId, …]`.
   */
  cache: KVCache;
  usage: { input: number; output: number };
}

/** One part of a local generation stream. */
export type GenerateStreamPart =
  | { type: 'token'; index: number; step: GenerationStep; textDelta: string }
  | { type: 'finish'; textDelta: string; result: GenerationResult };

/** The spec §5.4 processor order: penalties, n-gram, bad words, min tokens, suppress, temperature, top-k, top-p, user. */
export function buildProcessors(o: ResolvedGenerateOptions, promptLength: number, eos: readonly number[]): LogitsProcessor[] {
  const list: LogitsProcessor[] = [];
  if (o.repetitionPenalty !== undefined && o.repetitionPenalty !== 1) list.push(repetitionPenaltyProcessor(o.repetitionPenalty));
  if (o.noRepeatNgramSize !== undefined) list.push(noRepeatNgramProcessor(o.noRepeatNgramSize));
  if (o.badWordsIds !== undefined && o.badWordsIds.length > 0) list.push(badWordsProcessor(o.badWordsIds));
  if (o.minNewTokens !== undefined && o.minNewTokens > 0) list.push(minNewTokensProcessor(o.minNewTokens, promptLength, eos));
  if (o.suppressTokens !== undefined && o.suppressTokens.length > 0) list.push(suppressTokensProcessor(o.suppressTokens));
  if (o.temperature > 0 && o.temperature !== 1) list.push(temperatureProcessor(o.temperature));
  if (o.topK !== undefined) list.push(topKProcessor(o.topK));
  if (o.topP !== undefined && o.topP < 1) list.push(topPProcessor(o.topP));
  list.push(...o.logitsProcessors);
  return list;
}

/** `log_softmax(row)[id]` without allocating a row: the same float64 arithmetic as `logSoftmaxRow`. */
function logprobOf(row: Float32Array, id: number, knownMax?: number): number {
  let max = -Infinity;
  if (knownMax !== undefined) max = knownMax;
  else for (let i = 0; i < row.length; i++) if (row[i]! > max) max = row[i]!;
  if (!(max > -Infinity)) return -Infinity;
  return row[id]! - (max + Math.log(sumExpShifted(row, max)));
}

/** `knownMax`: the row's maximum when the caller already has it (a greedy pick from this row). */
function scoreStep(id: number, row: Float32Array, topN: number, knownMax?: number): GenerationStep {
  if (topN <= 0) return { id, logprob: logprobOf(row, id, knownMax) };
  const lp = logSoftmaxRow(row);
  const step: GenerationStep = { id, logprob: lp[id]! };
  if (topN > 0) {
    const best = topKOp(row, Math.min(topN, row.length));
    step.top = [];
    for (const i of best.indices) if (lp[i]! > -Infinity) step.top.push({ id: i, logprob: lp[i]! });
  }
  return step;
}

function isAbort(error: unknown, signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true && (ReasonkitError.is(error, 'ABORTED') || (error as Error)?.name === 'AbortError');
}

/**
 * One generation as a state machine: the setup of `streamGenerate` in the constructor, one token
 * per `next()`, the result from `finish()`. `streamGenerate` yields its parts; `generate` drives
 * it in a plain loop, so a non-streaming call pays no async-generator round trip per token.
 * @internal
 */
export class GenerationRun {
  readonly #lm: CausalLM;
  readonly #o: ResolvedGenerateOptions;
  readonly #promptIds: number[];
  readonly #vocab: number;
  readonly #maxPositions: number;
  readonly #eos: Set<number>;
  readonly #processors: LogitsProcessor[];
  readonly #sampler: Sampler;
  readonly #hooks: GenerationHooks[];
  readonly #copyProcessed: boolean;
  readonly #text: TextStream | undefined;
  readonly #signal: AbortSignal | undefined;
  readonly #allIds: number[];
  readonly #generated: number[] = [];
  readonly #steps: GenerationStep[] = [];
  #cache: KVCache;
  #feed: number[];
  #step = 0;
  #finishReason: GenerateFinishReason | undefined;
  #stopReason: string | undefined;

  constructor(lm: CausalLM, options: GenerateOptions) {
    const o = parseOptions(GenerateOptionsSchema, options, 'generate options');
    const tokenizer = o.tokenizer;
    const promptIds = o.inputIds
      ? [...o.inputIds]
      : tokenizer!.encode(o.prompt!, o.addBos === undefined ? undefined : { bos: o.addBos });
    if (promptIds.length === 0) {
      throw new ReasonkitError('INVALID_ARGUMENT', 'generate options: prompt encodes to no tokens', { field: 'prompt' });
    }
    const vocab = lm.config.vocabSize;
    for (const [i, id] of promptIds.entries()) {
      if (id >= vocab) {
        throw new ReasonkitError('INVALID_ARGUMENT', `generate options: inputIds.${i} = ${id} is outside the vocabulary (${vocab})`, {
          field: `inputIds.${i}`,
          actual: id,
        });
      }
    }
    const cache = o.cache ?? lm.createCache();
    const maxPositions = lm.config.maxPositions;
    if (cache.nextPosition + promptIds.length > maxPositions) {
      throw new ReasonkitError(
        'CONTEXT_OVERFLOW',
        `generate: the prompt has ${promptIds.length} tokens starting at position ${cache.nextPosition}, beyond the model's context of ${maxPositions} positions`,
        { field: 'inputIds', promptLength: promptIds.length, startPosition: cache.nextPosition, expected: maxPositions },
      );
    }
    this.#lm = lm;
    this.#o = o;
    this.#promptIds = promptIds;
    this.#vocab = vocab;
    this.#maxPositions = maxPositions;
    this.#cache = cache;
    this.#eos = new Set(o.eosTokenIds ?? lm.config.eosTokenIds);
    this.#processors = buildProcessors(o, promptIds.length, [...this.#eos]);
    this.#sampler = o.temperature > 0 ? multinomialSampler(new Mt19937(o.seed ?? Math.floor(Math.random() * 2 ** 32))) : greedySampler;
    this.#hooks = o.hooks === undefined ? [] : Array.isArray(o.hooks) ? o.hooks : [o.hooks];
    // Without processors or onStep hooks nothing writes the processed row: sample from the raw row.
    this.#copyProcessed = this.#processors.length > 0 || this.#hooks.some((h) => h.onStep !== undefined);
    this.#text = tokenizer ? new TextStream(tokenizer, promptIds, o.stopStrings) : undefined;
    this.#signal = o.signal;
    this.#allIds = [...promptIds];
    this.#feed = promptIds;
  }

  /** Generates one token: its stream part, or `undefined` once generation has finished (then call `finish`). */
  async next(): Promise<(GenerateStreamPart & { type: 'token' }) | undefined> {
    if (this.#finishReason !== undefined) return undefined;
    const o = this.#o;
    const lm = this.#lm;
    const hooks = this.#hooks;
    const signal = this.#signal;
    const vocab = this.#vocab;
    const allIds = this.#allIds;
    const generated = this.#generated;
    const promptLength = this.#promptIds.length;
    const step = this.#step;
    const feed = this.#feed;
    if (generated.length >= o.maxNewTokens) {
      this.#finishReason = 'length';
      return undefined;
    }
    if (signal?.aborted) {
      this.#finishReason = 'abort';
      return undefined;
    }
    for (const h of hooks) {
      if (!h.beforeStep) continue;
      const d = await h.beforeStep({ step, inputIds: feed, ids: allIds, promptLength, cache: this.#cache, lm });
      if (d?.cache) this.#cache = d.cache;
      if (d?.stop) {
        this.#finishReason = 'hook';
        if (d.reason !== undefined) this.#stopReason = d.reason;
        return undefined;
      }
    }
    if (this.#cache.nextPosition + feed.length > this.#maxPositions) {
      this.#finishReason = 'length';
      this.#stopReason = 'context';
      return undefined;
    }

    const stepOutputs = typeof o.outputs === 'function' ? o.outputs(step) : o.outputs;
    const logitsMode = typeof o.logits === 'function' ? o.logits(step) : o.logits;
    if (logitsMode !== 'last' && logitsMode !== 'none') {
      throw new ReasonkitError('INVALID_ARGUMENT', `generate options: logits(${step}) returned ${String(logitsMode)}; expected 'last' or 'none'`, {
        field: 'logits',
        actual: logitsMode,
      });
    }
    const noLogits = logitsMode === 'none';
    let out;
    try {
      const input: ForwardInput = { inputIds: feed, cache: this.#cache, logits: logitsMode };
      if (stepOutputs.length > 0) input.outputs = stepOutputs;
      if (signal) input.signal = signal;
      out = await lm.forward(input);
    } catch (error) {
      if (isAbort(error, signal)) {
        this.#finishReason = 'abort';
        return undefined;
      }
      throw error;
    }
    let cache = (this.#cache = out.cache);
    const rows = out.logits.dims[1]!;
    // A view of the last row (no copy of the vocabulary); `processed` is a copy only when
    // processors or hooks may write to it.
    const raw = noLogits ? new Float32Array(0) : out.logits.data.subarray((rows - 1) * vocab, rows * vocab);
    const processed = this.#copyProcessed ? Float32Array.from(raw) : raw;
    if (!noLogits) for (const p of this.#processors) p(allIds, processed);

    let forced: number | undefined;
    let ctx: StepContext | undefined; // built only when an onStep hook runs
    for (const h of hooks) {
      if (!h.onStep) continue;
      ctx ??= {
        step,
        inputIds: feed,
        ids: allIds,
        promptLength,
        cache,
        lm,
        position: cache.nextPosition - 1,
        logits: raw,
        processed,
        extra: out.extra,
      };
      const d: StepDirective | void = await h.onStep(ctx);
      if (!d) continue;
      if (d.cache) {
        cache = this.#cache = d.cache;
        ctx.cache = d.cache;
      }
      if (d.forceToken !== undefined && forced === undefined) forced = d.forceToken;
      if (d.stop) {
        this.#finishReason = 'hook';
        if (d.reason !== undefined) this.#stopReason = d.reason;
        return undefined;
      }
    }
    if (forced !== undefined && (!Number.isInteger(forced) || forced < 0 || forced >= vocab)) {
      throw new ReasonkitError('INVALID_ARGUMENT', `generate: hook forced token ${forced}, outside the vocabulary (${vocab})`, {
        field: 'hooks.onStep.forceToken',
        actual: forced,
      });
    }

    if (noLogits && forced === undefined) {
      throw new ReasonkitError(
        'INVALID_ARGUMENT',
        `generate: step ${step} ran with logits: 'none', so there is nothing to sample; an onStep hook must force a token or stop`,
        { field: 'logits', actual: 'none', step },
      );
    }
    const sampler = this.#sampler;
    const id = forced ?? sampler(processed);
    const scoreRow = o.logprobs.from === 'raw' ? raw : processed;
    // A greedy pick from the scored row is its maximum: one pass over the vocabulary is saved.
    const knownMax = forced === undefined && sampler === greedySampler && scoreRow === processed ? processed[id] : undefined;
    const scored: GenerationStep = noLogits ? { id, logprob: Number.NaN } : scoreStep(id, scoreRow, o.logprobs.topN, knownMax);
    if (forced !== undefined) scored.forced = true;
    generated.push(id);
    allIds.push(id);
    this.#steps.push(scored);

    let textDelta = '';
    const text = this.#text;
    if (this.#eos.has(id)) this.#finishReason = 'eos';
    else if (text) {
      const u = text.update(generated);
      textDelta = u.delta;
      if (u.stopAt !== undefined) {
        this.#finishReason = 'stop-string';
        if (u.stopString !== undefined) this.#stopReason = u.stopString;
      }
    }
    for (const h of hooks) await h.onToken?.({ ...scored, index: generated.length - 1, textDelta });
    o.onProgress?.({ generated: generated.length, maxNewTokens: o.maxNewTokens });
    this.#feed = [id];
    this.#step = step + 1;
    return { type: 'token', index: generated.length - 1, step: scored, textDelta };
  }

  /** The final part: flushes the text stream and builds the result (call once `next()` gave `undefined`). */
  finish(): GenerateStreamPart & { type: 'finish' } {
    const generated = this.#generated;
    const text = this.#text;
    let finishReason = this.#finishReason;
    let textDelta = '';
    let finalText: string | undefined;
    if (text) {
      if (finishReason !== 'stop-string') {
        const textIds = finishReason === 'eos' ? generated.slice(0, -1) : generated;
        text.update(textIds);
        // a complete stop string cannot remain here (it would have stopped generation)
      }
      textDelta = text.flush();
      finishReason ??= 'length';
      finalText = text.text;
    }
    const result: GenerationResult = {
      ids: generated,
      allIds: this.#allIds,
      promptIds: this.#promptIds,
      steps: this.#steps,
      finishReason: finishReason ?? 'length',
      cache: this.#cache,
      usage: { input: this.#promptIds.length, output: generated.length },
    };
    if (finalText !== undefined) result.text = finalText;
    if (this.#stopReason !== undefined) result.stopReason = this.#stopReason;
    return { type: 'finish', textDelta, result };
  }
}

/**
 * Generates token by token over any `CausalLM`, yielding a part per token (with a UTF-8-safe text
 * delta when a tokenizer is given) and a final `finish` part with the result. The loop (spec core
 * §5.4): forward → last-position logits → processors → `onStep` hooks → sample (greedy ties → lowest
 * id, or MT19937 multinomial) → score → stop checks. An `AbortSignal` ends generation with finish
 * reason `'abort'` and the partial result (it does not throw). A prompt that does not fit the
 * context throws `CONTEXT_OVERFLOW` before any forward.
 */
export async function* streamGenerate(lm: CausalLM, options: GenerateOptions): AsyncGenerator<GenerateStreamPart, GenerationResult> {
  const run = new GenerationRun(lm, options);
  for (let part = await run.next(); part !== undefined; part = await run.next()) yield part;
  const last = run.finish();
  yield last;
  return last.result;
}
