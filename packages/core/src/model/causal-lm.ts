import type { KVCache, KVCacheSpec } from '../kv-cache/kv-cache.js';
import type { Tensor } from '../tensor/tensor.js';

/** Architecture facts of a decoder-only model, normalised from `config.json`. */
export interface CausalLMConfig {
  modelType: string;
  numLayers: number;
  numQHeads: number;
  numKvHeads: number;
  headDim: number;
  hiddenSize: number;
  vocabSize: number;
  /** Context length (`max_position_embeddings`). */
  maxPositions: number;
  bosTokenId?: number;
  eosTokenIds: number[];
  kvDtype: 'float32' | 'float16';
}

/** Input of one `CausalLM.forward` step. */
export interface ForwardInput {
  /** New token ids only (batch 1). */
  inputIds: readonly number[];
  /** Cache from the previous step; omitted = empty past. */
  cache?: KVCache;
  /** Explicit absolute positions for the new ids; default continues from `cache.nextPosition`. */
  positionIds?: readonly number[];
  /** Extra graph outputs to return in `extra` (e.g. `hidden_states.3`, `queries.0`). */
  outputs?: readonly string[];
  /**
   * `'last'`: only the last position's logits are needed (`[1, 1, vocab]` may be returned; ONNX
   * graphs declaring `num_logits_to_keep` then skip the rest). `'none'`: no logits are needed
   * (e.g. a prefill that only reads hidden states or fills the cache); `logits` is then an empty
   * `[1, 0, vocab]` tensor and the model skips what it can (the reference model skips the final
   * norm and LM head; the ONNX adapter does not fetch or convert them). Default `'all'`.
   * Implementations may ignore `'last'` and return all positions; callers take the last row either way.
   */
  logits?: 'all' | 'last' | 'none';
  signal?: AbortSignal;
}

/** Output of one `CausalLM.forward` step. */
export interface ForwardOutput {
  /** `[1, inputIds.length, vocab]` float32 (`[1, 1, vocab]` allowed for `'last'`, `[1, 0, vocab]` for `'none'`). */
  logits: Tensor<'float32'>;
  cache: KVCache;
  extra: Record<string, Tensor>;
}

/**
 * A decoder-only language model stepping over a KV cache. Implemented by the ONNX adapter and by
 * the pure-TypeScript llama2.c reference, so generation and hooks work over either.
 */
export interface CausalLM {
  readonly config: CausalLMConfig;
  /** Names of extra outputs this model can return (beyond logits and present.*). */
  readonly extraOutputs: readonly string[];
  readonly cacheSpec: KVCacheSpec;
  /**
   * Whether `forward` honours positions that differ from `cache.length + i` (explicit
   * `positionIds`, or an evicted cache whose `nextPosition` exceeds its `length`). False for ONNX
   * graphs without a `position_ids` input: such a model throws `POSITION_IDS_UNSUPPORTED` rather
   * than use wrong positions. `undefined` (older implementations) means unknown.
   */
  readonly takesPositionIds?: boolean;
  /** A new empty cache for this model. */
  createCache(): KVCache;
  /** Runs one forward pass: logits for the new tokens and the updated KV cache. */
  forward(input: ForwardInput): Promise<ForwardOutput>;
  /** Releases the model's resources (sessions, tensors). */
  dispose(): Promise<void>;
}
