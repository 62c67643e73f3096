import type { Tensor } from '../tensor/tensor.js';

/** One layer of cached keys and values, each `[1, kvHeads, length, headDim]`; keys are post-RoPE. */
export interface KVLayer {
  readonly key: Tensor<'float32' | 'float16'>;
  readonly value: Tensor<'float32' | 'float16'>;
}

/**
 * The KV cache a causal LM feeds as `past_key_values.*` and rebuilds from `present.*`.
 * Implementations are immutable values: `update` returns a new cache. The dense default keeps
 * everything; other packages (kv-sparse) implement this interface to prune, evict or quantise.
 * Batch 1 in v1.
 */
export interface KVCache {
  /** Number of cached tokens, i.e. the `past_sequence_length` fed to the model (ragged: of the union of all layers). */
  readonly length: number;
  /** Absolute position of every cached token, ascending; `positions.length === length` (ragged: the union of all layers). */
  readonly positions: Int32Array;
  /**
   * Per-layer positions when layers keep different tokens (PyramidKV, Ada-KV): layer `l` holds
   * `layerPositions[l].length` tokens, in that order. `undefined` (the usual case): every layer
   * holds exactly `positions`. Only the llama2.c reference model attends over a ragged cache;
   * ONNX graphs take one past length for all layers and throw `CACHE_UNSUPPORTED`.
   */
  readonly layerPositions?: readonly Int32Array[] | undefined;
  /** Absolute position the next token takes. After eviction this exceeds `length`. */
  readonly nextPosition: number;
  /** Tensors to feed as `past_key_values.{i}.key|value`, one entry per layer. */
  layers(): readonly KVLayer[];
  /**
   * The cache after a forward step. `present` is the model's output (the fed past followed by
   * the new tokens, `[1, kvHeads, length + n, headDim]`, per layer for a ragged cache); `newPositions`
   * are the new tokens' absolute positions.
   */
  update(present: readonly KVLayer[], newPositions: Int32Array): KVCache;
}

/** The shape facts needed to allocate an empty cache. */
export interface KVCacheSpec {
  numLayers: number;
  numKvHeads: number;
  headDim: number;
  dtype: 'float32' | 'float16';
}
