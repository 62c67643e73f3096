import { topK, type Tensor, type Tokenizer } from '@reasonkit/core';
import { tokenText } from '../common.js';

/** A vocabulary token near a projected vector: its id, text and cosine similarity. */
export interface Neighbour {
  id: number;
  text: string;
  cosine: number;
}

/** Row norms of an embedding matrix `[V, d]`. */
export function rowNorms(embedding: Tensor<'float32'>): Float64Array {
  const [V, d] = embedding.dims as [number, number];
  const out = new Float64Array(V);
  for (let v = 0; v < V; v++) {
    let s = 0;
    for (let j = 0; j < d; j++) s += embedding.data[v * d + j]! ** 2;
    out[v] = Math.sqrt(s);
  }
  return out;
}

/**
 * The `k` nearest vocabulary rows of token `id` by cosine similarity of input embeddings (spec
 * §4.2), excluding `id` itself explicitly (Know-MRI drops "the first" match, which breaks on
 * duplicate rows). Ties → lower id.
 */
export function nearestTokens(embedding: Tensor<'float32'>, id: number, k: number, tokenizer: Tokenizer, norms = rowNorms(embedding)): Neighbour[] {
  const [V, d] = embedding.dims as [number, number];
  const sims = new Float32Array(V);
  const base = id * d;
  for (let v = 0; v < V; v++) {
    let s = 0;
    for (let j = 0; j < d; j++) s += embedding.data[base + j]! * embedding.data[v * d + j]!;
    const denom = norms[id]! * norms[v]!;
    sims[v] = denom > 0 ? s / denom : 0;
  }
  sims[id] = -Infinity;
  const top = topK(sims, k);
  return Array.from(top.indices, (n, i) => ({ id: n, text: tokenText(tokenizer, n), cosine: top.values[i]! }));
}
