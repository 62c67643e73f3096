import { mulberry32 } from '@reasonkit/core';
import { compressLayer } from '../compress/compress-layer.js';
import { accumulateValues, denseLogits, softmaxInPlace } from '../kernels/dense-kernels.js';

/** Prefill compression time against dense prefill attention at one sequence length (spec §12 T5). */
export interface PrefillRow {
  seqLen: number;
  /** Channel ratio of the compression timed. */
  ratio: number;
  /** Median CPU ms of `compressLayer` (score + select + restore statistics + packing), all heads. */
  compressMs: number;
  /** Estimated ms of the causal dense prefill attention as core's reference decoder runs it (per-element loops). */
  referenceAttentionMs: number;
  /** Estimated ms of the same attention with the optimised dense kernels (a stricter baseline). */
  optimisedAttentionMs: number;
  /** `compressMs / referenceAttentionMs` (T5: ≤ 0.10). */
  ratioVsReference: number;
  /** `compressMs / optimisedAttentionMs`. */
  ratioVsOptimised: number;
  /** Every `stride`-th query row was timed and the sum scaled by `stride`. */
  stride: number;
}

const median = (x: number[]) => {
  const s = [...x].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

/**
 * Causal attention of query row `i` for every head as core's `Llama2cReferenceModel` computes it
 * in its dense path (a per-element transcription of that loop, kept here only as the T5 timing
 * baseline: logits, softmax, then each output channel summed over the tokens).
 */
function referenceRow(q: Float32Array, keys: Float32Array, values: Float32Array, i: number, H: number, S: number, D: number, scale: number, att: Float32Array, out: Float32Array): void {
  const len = i + 1;
  for (let h = 0; h < H; h++) {
    const qo = (h * S + i) * D;
    let max = -Infinity;
    for (let t = 0; t < len; t++) {
      const base = (h * S + t) * D;
      let s = 0;
      for (let d = 0; d < D; d++) s += q[qo + d]! * keys[base + d]!;
      s *= scale;
      att[t] = s;
      if (s > max) max = s;
    }
    let sum = 0;
    for (let t = 0; t < len; t++) {
      const e = Math.exp(att[t]! - max);
      att[t] = e;
      sum += e;
    }
    for (let d = 0; d < D; d++) {
      let acc = 0;
      for (let t = 0; t < len; t++) acc += att[t]! * values[(h * S + t) * D + d]!;
      out[h * D + d] = acc / sum;
    }
  }
}

/** The same row with the optimised dense kernels of {@link denseLogits} / {@link accumulateValues}. */
function optimisedRow(q: Float32Array, keys: Float32Array, values: Float32Array, i: number, H: number, S: number, D: number, scale: number, att: Float32Array, out: Float32Array): void {
  out.fill(0);
  for (let h = 0; h < H; h++) {
    denseLogits(q, (h * S + i) * D, keys, h * S * D, i + 1, D, scale, att, 0);
    softmaxInPlace(att, i + 1);
    accumulateValues(att, 0, values, h * S * D, i + 1, D, out, h * D);
  }
}

/**
 * T5 (spec §12): prefill compression (SparK scores + fixed-ratio selection + sparkMean statistics,
 * plus packing into the compressed storage) against the dense prefill attention of the same layer
 * (H_kv = qHeads = 8, D = 128, causal, fp32), timed in one process and interleaved. The full dense
 * prefill costs O(S²) (≈ a minute per layer at 8k), so every `stride`-th query row is timed and the
 * sum scaled by `stride`: row i costs ∝ i + 1, so uniform strides estimate the total without bias.
 * Median of `runs`; `clock` (ms) defaults to wall time.
 */
export function prefillSuite(S = 8192, ratio = 0.5, runs = 3, stride = 64, log: (s: string) => void = () => {}, clock: () => number = () => performance.now()): PrefillRow {
  const H = 8;
  const D = 128;
  const rand = mulberry32(S + 1);
  const keys = Float32Array.from({ length: H * S * D }, () => (rand() - 0.5) * Math.exp(rand()));
  const values = Float32Array.from({ length: H * S * D }, () => rand() - 0.5);
  const q = Float32Array.from({ length: H * S * D }, () => rand() - 0.5);
  const W = 32;
  const queries = new Float32Array(H * W * D);
  for (let h = 0; h < H; h++) queries.set(q.subarray((h * S + S - W) * D, (h * S + S) * D), h * W * D);
  const positions = Int32Array.from({ length: S }, (_, i) => i);
  const scale = 1 / Math.sqrt(D);
  const att = new Float32Array(S);
  const out = new Float32Array(H * D);
  const comp: number[] = [];
  const ref: number[] = [];
  const opt: number[] = [];
  let sink = 0;
  for (let r = 0; r < runs; r++) {
    let t0 = clock();
    const layer = compressLayer({ keys, values, positions, kvHeads: H, qHeads: H, headDim: D, queries, press: { scorer: { kind: 'spark', window: W }, selector: { kind: 'fixedRatio', ratio }, restorer: { kind: 'sparkMean', sign: 'stored' } } });
    comp.push(clock() - t0);
    sink += layer.heads[0]!.seqLen;
    t0 = clock();
    for (let i = stride - 1; i < S; i += stride) referenceRow(q, keys, values, i, H, S, D, scale, att, out);
    ref.push((clock() - t0) * stride);
    sink += out[0]!;
    t0 = clock();
    for (let i = stride - 1; i < S; i += stride) optimisedRow(q, keys, values, i, H, S, D, scale, att, out);
    opt.push((clock() - t0) * stride);
    sink += out[0]!;
    log(`prefill S = ${S} run ${r + 1}/${runs}: compress ${comp[r]!.toFixed(0)} ms, dense attention ≈ ${ref[r]!.toFixed(0)} ms (reference loop), ≈ ${opt[r]!.toFixed(0)} ms (optimised)`);
  }
  if (sink === 42) log('');
  const compressMs = median(comp);
  const referenceAttentionMs = median(ref);
  const optimisedAttentionMs = median(opt);
  return { seqLen: S, ratio, compressMs, referenceAttentionMs, optimisedAttentionMs, ratioVsReference: compressMs / referenceAttentionMs, ratioVsOptimised: compressMs / optimisedAttentionMs, stride };
}
