import { mulberry32 } from '@reasonkit/core';
import { KvSparseError } from '../errors/kv-sparse-error.js';

/** One prefill layer as the token scorers see it. */
export interface TokenScoreInput {
  /** `[kvHeads, S, D]` post-RoPE keys. */
  keys: Float32Array;
  /** Post-RoPE queries of the last `queryRows` prompt positions, `[qHeads, queryRows, D]`. */
  queries?: Float32Array | undefined;
  queryRows?: number;
  /** Prefill attention weights `[qHeads, S, S]` (H2O; the llama2.c reference model's `attentions.{l}`). */
  attentions?: Float32Array | undefined;
  seqLen: number;
  kvHeads: number;
  qHeads: number;
  headDim: number;
}

/** A token-eviction policy (spec §3, §9.3). Plain data. */
export type EvictionPolicy =
  | { kind: 'snapKV'; window: number; kernel: number }
  | { kind: 'pyramidKV'; window: number; kernel: number; beta: number; compat: 'reference' | 'fixed' }
  | { kind: 'streamingLLM'; sinks: number }
  | { kind: 'h2o' }
  | { kind: 'tova' }
  | { kind: 'knorm' }
  | { kind: 'random'; seed: number };

/**
 * SnapKV scores `[kvHeads, S]` (spec §3.1): the last w queries attend (fp32 softmax over all keys,
 * causal inside the window), the columns of the first S − w keys are averaged over the w queries,
 * smoothed by `avg_pool1d(kernel, padding kernel/2)` with zero padding counted in the divisor,
 * averaged over the query heads of each group (probabilities, not logits), and the window gets the
 * global maximum so it is always kept.
 */
export function snapKVScores(input: TokenScoreInput, window: number, kernel: number): Float64Array {
  const { keys, seqLen: S, kvHeads: H, qHeads: QH, headDim: D } = input;
  if (S <= window) throw new KvSparseError('window', `SnapKV needs more than window = ${window} prompt tokens; got S = ${S}`, { field: 'window', actual: S, expected: `> ${window}` });
  const q = needQueries(input, window, 'SnapKV');
  const n = input.queryRows ?? q.length / (QH * D);
  const G = QH / H;
  const scale = 1 / Math.sqrt(D);
  const prefix = S - window;
  const out = new Float64Array(H * S);
  const row = new Float32Array(S);
  const mean = new Float64Array(prefix);
  for (let h = 0; h < QH; h++) {
    const g = Math.floor(h / G);
    mean.fill(0);
    for (let i = 0; i < window; i++) {
      const qo = (h * n + n - window + i) * D;
      const visible = prefix + i + 1;
      let max = -Infinity;
      for (let t = 0; t < visible; t++) {
        let s = 0;
        for (let d = 0; d < D; d++) s += q[qo + d]! * keys[(g * S + t) * D + d]!;
        row[t] = s * scale;
        if (row[t]! > max) max = row[t]!;
      }
      let z = 0;
      for (let t = 0; t < visible; t++) {
        row[t] = Math.exp(row[t]! - max);
        z += row[t]!;
      }
      for (let t = 0; t < prefix; t++) mean[t] = mean[t]! + row[t]! / z / window;
    }
    const half = Math.floor(kernel / 2);
    for (let t = 0; t < prefix; t++) {
      let s = 0;
      for (let j = t - half; j <= t + half; j++) if (j >= 0 && j < prefix) s += mean[j]!;
      out[g * S + t] = out[g * S + t]! + s / kernel / G;
    }
  }
  let gmax = 0;
  for (let i = 0; i < out.length; i++) if (out[i]! > gmax) gmax = out[i]!;
  for (let g = 0; g < H; g++) for (let t = prefix; t < S; t++) out[g * S + t] = gmax;
  return out;
}

/** StreamingLLM: the first `sinks` tokens and the most recent ones (score = position, sinks on top). */
export function streamingScores(input: TokenScoreInput, sinks: number): Float64Array {
  const { seqLen: S, kvHeads: H } = input;
  const out = new Float64Array(H * S);
  for (let g = 0; g < H; g++) for (let t = 0; t < S; t++) out[g * S + t] = t < sinks ? S + 1 + (sinks - t) : t;
  return out;
}

/** H2O: accumulated attention each key received during prefill (needs `attentions`), GQA mean. */
export function h2oScores(input: TokenScoreInput): Float64Array {
  const { attentions, seqLen: S, kvHeads: H, qHeads: QH } = input;
  if (!attentions || attentions.length !== QH * S * S) {
    throw new KvSparseError('config', `H2O needs the prefill attention weights [qHeads, S, S] (the llama2.c reference model's attentions.{l}); got ${attentions?.length ?? 'none'}`, {
      field: 'attentions',
    });
  }
  const G = QH / H;
  const out = new Float64Array(H * S);
  for (let h = 0; h < QH; h++) {
    const g = Math.floor(h / G);
    for (let i = 0; i < S; i++) for (let t = 0; t <= i; t++) out[g * S + t] = out[g * S + t]! + attentions[(h * S + i) * S + t]! / G;
  }
  return out;
}

/** TOVA: the last prompt query's attention over all keys, GQA mean. */
export function tovaScores(input: TokenScoreInput): Float64Array {
  const { keys, seqLen: S, kvHeads: H, qHeads: QH, headDim: D } = input;
  const q = needQueries(input, 1, 'TOVA');
  const n = input.queryRows ?? q.length / (QH * D);
  const G = QH / H;
  const out = new Float64Array(H * S);
  const row = new Float64Array(S);
  for (let h = 0; h < QH; h++) {
    const g = Math.floor(h / G);
    const qo = (h * n + n - 1) * D;
    let max = -Infinity;
    for (let t = 0; t < S; t++) {
      let s = 0;
      for (let d = 0; d < D; d++) s += q[qo + d]! * keys[(g * S + t) * D + d]!;
      row[t] = s / Math.sqrt(D);
      max = Math.max(max, row[t]!);
    }
    let z = 0;
    for (let t = 0; t < S; t++) z += (row[t] = Math.exp(row[t]! - max));
    for (let t = 0; t < S; t++) out[g * S + t] = out[g * S + t]! + row[t]! / z / G;
  }
  return out;
}

/** K-norm: keep keys with the **lowest** L2 norm (score = −‖k‖; kvpress KnormPress). */
export function knormScores(input: TokenScoreInput): Float64Array {
  const { keys, seqLen: S, kvHeads: H, headDim: D } = input;
  const out = new Float64Array(H * S);
  for (let i = 0; i < H * S; i++) {
    let s = 0;
    for (let d = 0; d < D; d++) s += keys[i * D + d]! ** 2;
    out[i] = -Math.sqrt(s);
  }
  return out;
}

/** Seeded random scores (mulberry32). */
export function randomScores(input: TokenScoreInput, seed: number): Float64Array {
  const rand = mulberry32(seed);
  return Float64Array.from({ length: input.kvHeads * input.seqLen }, rand);
}

/**
 * The `n` highest-scoring tokens of each head, returned in **positional order** (spec §3.1, our
 * choice; the reference gathers in score order). Ties: the lower index wins.
 */
export function topTokens(scores: Float64Array, heads: number, S: number, n: number): Int32Array[] {
  const keep = Math.max(0, Math.min(S, n));
  const out: Int32Array[] = [];
  for (let g = 0; g < heads; g++) {
    const idx = Array.from({ length: S }, (_, t) => t);
    idx.sort((a, b) => scores[g * S + b]! - scores[g * S + a]! || a - b);
    out.push(Int32Array.from(idx.slice(0, keep)).sort());
  }
  return out;
}

/**
 * Ada-KV head-wise allocation (spec §3.3): the layer's `n·heads` slots go to the globally
 * highest scores, after each head is guaranteed `floor(alpha·n)` of its own best tokens. Returns
 * per-head kept indices (real ragged lengths; positional order).
 */
export function adaKVAllocate(scores: Float64Array, heads: number, S: number, n: number, alphaSafeguard = 0.2): Int32Array[] {
  const floorN = Math.min(S, Math.floor(alphaSafeguard * n));
  const chosen = topTokens(scores, heads, S, floorN).map((k) => new Set(k));
  const rest: [number, number][] = [];
  for (let g = 0; g < heads; g++) for (let t = 0; t < S; t++) if (!chosen[g]!.has(t)) rest.push([g, t]);
  rest.sort((a, b) => scores[b[0] * S + b[1]]! - scores[a[0] * S + a[1]]! || a[0] - b[0] || a[1] - b[1]);
  let left = Math.min(heads * S, heads * n) - heads * floorN;
  for (const [g, t] of rest) {
    if (left-- <= 0) break;
    chosen[g]!.add(t);
  }
  return chosen.map((s) => Int32Array.from(s).sort());
}

function needQueries(input: TokenScoreInput, rows: number, who: string): Float32Array {
  const { queries, qHeads: QH, headDim: D } = input;
  if (!queries) throw new KvSparseError('config', `${who} needs the prompt's post-RoPE queries (queries.{l})`, { field: 'queries' });
  const n = input.queryRows ?? queries.length / (QH * D);
  if (n < rows) throw new KvSparseError('window', `${who}: window of ${rows} query positions is larger than the ${n} available`, { field: 'window', actual: n, expected: `≥ ${rows}` });
  return queries;
}
