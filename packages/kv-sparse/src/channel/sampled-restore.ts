import { mulberry32 } from '@reasonkit/core';
import { DEGENERATE_CHANNEL_NORM, referenceSign } from './restorers.js';

/** Options of {@link restoreSampledDense} (reference `pooling_ratio` 0.654/0.6554 and 0.754/0.7554 families, spec §2.5). */
export interface SampledRestoreOptions {
  dist: 'exponential' | 'normal';
  /** `'avg'`: sampled values above the T-th score become `a_t`; `'threshold'` ("up"): clipped to the threshold. */
  cap: 'avg' | 'threshold';
  seed: number;
}

/**
 * Sampled restoration, an ablation only (it has no compact form: the compressed cache refuses it).
 * Per token: draw D values (Exponential with rate 1/mean score, mean clamped ≥ 1e-5; or |Normal(mean,
 * std)| of the token's scores), sort them descending and give them by rank to the channels in score
 * order; pruned entries whose value exceeds the T-th largest score are capped, then
 * `k̂ = sgn(k)·sqrt(v/qn)`. Seeded with mulberry32.
 */
export function restoreSampledDense(
  keys: Float32Array,
  scores: Float64Array,
  keptMask: Uint8Array,
  channelNorm: Float32Array,
  seqLen: number,
  headDim: number,
  options: SampledRestoreOptions,
): Float32Array {
  const D = headDim;
  const rand = mulberry32(options.seed);
  const out = keys.slice();
  const order = Array.from({ length: D }, (_, c) => c);
  for (let t = 0; t < seqLen; t++) {
    const s = scores.subarray(t * D, t * D + D);
    let mean = 0;
    for (let c = 0; c < D; c++) mean += s[c]!;
    mean /= D;
    let varSum = 0;
    for (let c = 0; c < D; c++) varSum += (s[c]! - mean) ** 2;
    const std = Math.sqrt(varSum / D);
    const draws = Array.from({ length: D }, () => {
      if (options.dist === 'exponential') return -Math.log(1 - rand()) * Math.max(mean, 1e-5);
      const z = Math.sqrt(-2 * Math.log(Math.max(rand(), 1e-12))) * Math.cos(2 * Math.PI * rand());
      return Math.abs(mean + std * z);
    }).sort((a, b) => b - a);
    order.sort((a, b) => s[b]! - s[a]! || a - b);
    let kept = 0;
    let prunedSum = 0;
    let pruned = 0;
    for (let c = 0; c < D; c++) {
      if (keptMask[t * D + c]) kept++;
      else {
        prunedSum += s[c]!;
        pruned++;
      }
    }
    const threshold = kept > 0 ? s[order[kept - 1]!]! : Infinity;
    const avg = pruned > 0 ? prunedSum / pruned : 0;
    for (let rank = 0; rank < D; rank++) {
      const c = order[rank]!;
      if (keptMask[t * D + c]) continue;
      let v = draws[rank]!;
      if (v > threshold) v = options.cap === 'avg' ? avg : threshold;
      const qn = channelNorm[c]!;
      out[t * D + c] = qn > DEGENERATE_CHANNEL_NORM ? referenceSign(keys[t * D + c]!) * Math.sqrt(v / qn) : 0;
    }
  }
  return out;
}
