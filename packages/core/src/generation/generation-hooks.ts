import type { KVCache } from '../kv-cache/kv-cache.js';
import type { CausalLM } from '../model/causal-lm.js';
import type { Tensor } from '../tensor/tensor.js';

/** One generated token with its score (log-softmax over raw or processed logits, see `logprobs.from`). */
export interface GenerationStep {
  id: number;
  /** `NaN` for a token forced at a step run with `logits: 'none'` (no logits to score it). */
  logprob: number;
  /** Top-n alternatives, sorted descending (only when `logprobs.topN > 0`). */
  top?: { id: number; logprob: number }[];
  /** True when a hook forced this token instead of the sampler. */
  forced?: boolean;
}

/** What `beforeStep` hooks see: the forward about to run. */
export interface BeforeStepContext {
  /** 0 = the prompt (prefill) forward, then 1, 2, … one per generated token. */
  step: number;
  /** Ids about to be fed (the prompt at step 0, then the previous token). */
  inputIds: readonly number[];
  /** Prompt + generated ids so far. */
  ids: readonly number[];
  promptLength: number;
  /** The cache the forward will read. */
  cache: KVCache;
  lm: CausalLM;
}

/** What `onStep` hooks see after each forward, before the next token is chosen. */
export interface StepContext extends BeforeStepContext {
  /** Absolute position of the last fed token. */
  position: number;
  /** Raw float32 logits of the last position (do not mutate; copy if needed); empty at a `logits: 'none'` step. */
  logits: Float32Array;
  /** Logits after all processors (what the sampler reads). */
  processed: Float32Array;
  /** Extra outputs requested with `outputs` (e.g. hidden states), as returned by this forward. */
  extra: Record<string, Tensor>;
  /** The cache after this forward (it holds `inputIds`). An earlier hook's replacement shows here. */
  cache: KVCache;
}

/** What a hook may return. */
export interface StepDirective {
  /** Stop now (before choosing a token at this step); finish reason `'hook'`. */
  stop?: boolean;
  /** Why (reported as `result.stopReason`). */
  reason?: string;
  /**
   * Replace the KV cache (evict, compress, …). The next forward reads it; the next token's position
   * is `cache.nextPosition` (keep original absolute positions in `positions`, e.g. `DenseKVCache.from`).
   */
  cache?: KVCache;
  /** Emit this token instead of sampling (onStep only). */
  forceToken?: number;
}

/** A value or a promise of it: hooks may be synchronous or async. */
export type MaybePromise<T> = T | Promise<T>;

/** Generation hooks; several hook objects may be passed as an array and run in order. */
export interface GenerationHooks {
  /** Before each forward; may replace the cache the forward reads, or stop. */
  beforeStep?(ctx: BeforeStepContext): MaybePromise<Pick<StepDirective, 'stop' | 'reason' | 'cache'> | void>;
  /** After each forward; may stop, replace the cache, or force the token. */
  onStep?(ctx: StepContext): MaybePromise<StepDirective | void>;
  /** After a token is chosen (and its text delta is known). */
  onToken?(token: GenerationStep & { index: number; textDelta: string }): MaybePromise<void>;
}
