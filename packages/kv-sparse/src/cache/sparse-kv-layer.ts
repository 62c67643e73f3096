import type { QuantizedArray } from '../quant/quantized-array.js';
import type { ChannelSparseKeys } from './channel-sparse-keys.js';

/** Dense float32 rows appended after compression: keys and values `[kvHeads, length, D]`. */
export interface DenseChunk {
  keys: Float32Array;
  values: Float32Array;
  length: number;
}

/**
 * One layer of a {@link SparseKVCache}: compressed keys and stored values per KV head for the
 * tokens kept at compression, then dense chunks of tokens appended later (decode steps stay
 * dense, spec §2.6).
 */
export interface SparseKVLayer {
  /** Compressed keys per KV head. */
  heads: ChannelSparseKeys[];
  /** Values per KV head, one row of D per token. */
  values: QuantizedArray[];
  /** Absolute positions of the compressed tokens (head 0's when heads keep different tokens). */
  positions: Int32Array;
  /** Per-head absolute positions when token eviction chose different tokens per KV head (kvpress scores per head). */
  headPositions?: Int32Array[];
  /** Tokens appended after compression, oldest first. */
  tail: DenseChunk[];
}

/** Compressed tokens of the layer (the same for every head). */
export function compressedLength(layer: SparseKVLayer): number {
  return layer.heads[0]?.seqLen ?? 0;
}

/** Tokens in the tail chunks. */
export function tailLength(layer: SparseKVLayer): number {
  let n = 0;
  for (const c of layer.tail) n += c.length;
  return n;
}
