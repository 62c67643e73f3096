import { z } from 'zod';
import { parseOptions } from '@reasonkit/core';
import { PreprocessSchema } from './preprocess-option.js';
import { prepareCorpus } from './prepared-corpus.js';
import type { PreparedCorpus } from './prepared-corpus.js';
import type { Sample } from './sample.js';

/** zod schema of `BleuOptions`: validates it and applies its defaults. */
export const BleuOptionsSchema = z.object({
  /** Highest n-gram order; pycocoevalcap's `Bleu(4)` [reference code]. */
  maxN: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]).default(4),
  preprocess: PreprocessSchema,
});
/** Input accepted by `BleuOptionsSchema` (optional fields may be omitted; defaults are applied when parsed). */
export type BleuOptions = z.input<typeof BleuOptionsSchema>;

/** Sufficient statistics of one sample or of a corpus (spec §4.1). */
export interface BleuStats {
  testLen: number;
  refLen: number;
  guess: number[];
  correct: number[];
}

/** BLEU-1..4 of a corpus, with per-sample scores. */
export interface BleuResult {
  /** Corpus BLEU-1..maxN. */
  corpus: number[];
  /** `perSample[k]` holds every sample's BLEU-(k+1). */
  perSample: Float64Array[];
  stats: BleuStats;
}

/** Per-sample statistics in flat typed arrays (what bootstrap resampling sums). */
export interface BleuSampleStats {
  maxN: number;
  testLen: Int32Array;
  refLen: Int32Array;
  /** `guess[i * maxN + k]`, k = 0..maxN−1. */
  guess: Int32Array;
  correct: Int32Array;
}

const TINY = 1e-15;
const SMALL = 1e-9;

/**
 * BLEU from counts (spec §4.1): the cumulative product of the smoothed precisions
 * `(C_k + 1e-15) / (G_k + 1e-9)`, its n-th root, times the brevity penalty
 * `exp(1 − 1/q)` with `q = (T + 1e-15) / (R + 1e-9)` when `q < 1`.
 */
export function bleuFromCounts(testLen: number, refLen: number, guess: ArrayLike<number>, correct: ArrayLike<number>, maxN: number, out: number[] = []): number[] {
  let prod = 1;
  for (let k = 0; k < maxN; k++) {
    prod *= (correct[k]! + TINY) / (guess[k]! + SMALL);
    out[k] = prod ** (1 / (k + 1));
  }
  const ratio = (testLen + TINY) / (refLen + SMALL);
  if (ratio < 1) {
    const bp = Math.exp(1 - 1 / ratio);
    for (let k = 0; k < maxN; k++) out[k] = out[k]! * bp;
  }
  return out;
}

/**
 * Closest reference length (spec §4.1): the length minimising `(|ℓ − t|, ℓ)`, so ties go to the
 * shorter reference.
 */
export function closestRefLength(refLens: readonly number[], testLen: number): number {
  let best = refLens[0]!;
  for (const l of refLens) {
    const d = Math.abs(l - testLen);
    const bd = Math.abs(best - testLen);
    if (d < bd || (d === bd && l < best)) best = l;
  }
  return best;
}

/** Per-sample BLEU statistics (tokens by Python `str.split()`), without the final scores. */
export function bleuSampleStats(samples: readonly Sample[], options: BleuOptions = {}): BleuSampleStats {
  const o = parseOptions(BleuOptionsSchema, options, 'bleu options');
  return bleuStatsFromPrepared(prepareCorpus(samples, { preprocess: o.preprocess, n: o.maxN }), o.maxN);
}

/** Per-sample BLEU statistics of a prepared corpus (its n-gram order must be ≥ maxN). */
export function bleuStatsFromPrepared(prep: PreparedCorpus, maxN: number): BleuSampleStats {
  const n = maxN;
  const N = prep.cands.length;
  const stats: BleuSampleStats = { maxN: n, testLen: new Int32Array(N), refLen: new Int32Array(N), guess: new Int32Array(N * n), correct: new Int32Array(N * n) };
  const maxRef = new Int32Array(prep.vocabSize);
  const refLens: number[] = [];
  for (let i = 0; i < N; i++) {
    const refs = prep.refs[i]!;
    const cand = prep.cands[i]!;
    refLens.length = 0;
    for (const r of refs) {
      refLens.push(r.length);
      const end = r.orderStart[n]!;
      for (let j = 0; j < end; j++) {
        const id = r.ids[j]!;
        if (r.counts[j]! > maxRef[id]!) maxRef[id] = r.counts[j]!;
      }
    }
    for (let k = 0; k < n; k++) {
      let correct = 0;
      for (let j = cand.orderStart[k]!; j < cand.orderStart[k + 1]!; j++) {
        const c = cand.counts[j]!;
        const m = maxRef[cand.ids[j]!]!;
        correct += c < m ? c : m;
      }
      stats.correct[i * n + k] = correct;
      stats.guess[i * n + k] = Math.max(0, cand.length - k);
    }
    for (const r of refs) for (let j = 0; j < r.ids.length; j++) maxRef[r.ids[j]!] = 0;
    stats.testLen[i] = cand.length;
    stats.refLen[i] = closestRefLength(refLens, cand.length);
  }
  return stats;
}

/** Corpus and per-sample BLEU from per-sample statistics, over `indices` (all samples by default). */
export function bleuFromSampleStats(stats: BleuSampleStats, indices?: ArrayLike<number>): { corpus: number[]; stats: BleuStats } {
  const n = stats.maxN;
  const guess = new Array<number>(n).fill(0);
  const correct = new Array<number>(n).fill(0);
  let testLen = 0;
  let refLen = 0;
  const count = indices ? indices.length : stats.testLen.length;
  for (let c = 0; c < count; c++) {
    const i = indices ? indices[c]! : c;
    testLen += stats.testLen[i]!;
    refLen += stats.refLen[i]!;
    for (let k = 0; k < n; k++) {
      guess[k]! += stats.guess[i * n + k]!;
      correct[k]! += stats.correct[i * n + k]!;
    }
  }
  return { corpus: bleuFromCounts(testLen, refLen, guess, correct, n), stats: { testLen, refLen, guess, correct } };
}

/** Per-sample BLEU-1..maxN from per-sample statistics: `result[k][i]` is sample i's BLEU-(k+1). */
export function bleuPerSample(stats: BleuSampleStats): Float64Array[] {
  const n = stats.maxN;
  const N = stats.testLen.length;
  const perSample = Array.from({ length: n }, () => new Float64Array(N));
  const tmp: number[] = [];
  for (let i = 0; i < N; i++) {
    bleuFromCounts(stats.testLen[i]!, stats.refLen[i]!, stats.guess.subarray(i * n, i * n + n), stats.correct.subarray(i * n, i * n + n), n, tmp);
    for (let k = 0; k < n; k++) perSample[k]![i] = tmp[k]!;
  }
  return perSample;
}

/**
 * Corpus BLEU-1..maxN with pycocoevalcap semantics (`Bleu(4)`, option `closest`), plus per-sample
 * BLEU. Tokens: Python `str.split()` after preprocessing (default `priorrg`).
 */
export function bleu(samples: readonly Sample[], options: BleuOptions = {}): BleuResult {
  const stats = bleuSampleStats(samples, options);
  const corpus = bleuFromSampleStats(stats);
  return { corpus: corpus.corpus, perSample: bleuPerSample(stats), stats: corpus.stats };
}
