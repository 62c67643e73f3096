import { l2Normalize, tensor } from '@reasonkit/core';
/** Text embedder: L2-normalised vectors of `dim` floats, identified by `modelId` (spec §9.4). */
export interface Embedder {
  /** Identity recorded in a store's embedding lock; two models must never share a store. */
  readonly modelId: string;
  /** Vector width. */
  readonly dim: number;
  /** One L2-normalised vector per text. */
  embed(texts: string[], options?: { signal?: AbortSignal }): Promise<Float32Array[]>;
}

/** L2-normalised copy of one vector (core's `l2Normalize`; a zero vector stays zero). */
export function unitVector(v: Float32Array): Float32Array {
  return l2Normalize(tensor('float32', v, [v.length])).data;
}

/** Dot product of two vectors (cosine for L2-normalised ones). */
export function dot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] as number) * (b[i] as number);
  return s;
}
