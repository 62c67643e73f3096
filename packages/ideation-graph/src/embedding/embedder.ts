/** Text embedder: L2-normalised vectors of `dim` floats, identified by `modelId` (spec §9.4). */
export interface Embedder {
  readonly modelId: string;
  readonly dim: number;
  embed(texts: string[], options?: { signal?: AbortSignal }): Promise<Float32Array[]>;
}

/** In-place L2 normalisation; returns the vector. A zero vector stays zero. */
export function l2Normalize(v: Float32Array): Float32Array {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += (v[i] as number) * (v[i] as number);
  const n = Math.sqrt(s);
  if (n > 0) for (let i = 0; i < v.length; i++) v[i] = (v[i] as number) / n;
  return v;
}

export function dot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] as number) * (b[i] as number);
  return s;
}
