import { z } from 'zod';
import { mulberry32, parseOptions } from '@reasonkit/core';

/** zod schema of `BootstrapOptions`: validates it and applies its defaults. */
export const BootstrapOptionsSchema = z.object({
  /** Number of resamples; 1,000 [our choice, spec §6]. */
  resamples: z.number().int().min(1).default(1000),
  /** PRNG seed (mulberry32); same seed, same intervals. */
  seed: z.number().int().default(0),
  /** Two-sided level: the interval is the [α/2, 1 − α/2] percentile range; 0.05 [our choice]. */
  alpha: z.number().gt(0).lt(1).default(0.05),
  signal: z.instanceof(AbortSignal).optional(),
});
/** Input accepted by `BootstrapOptionsSchema` (optional fields may be omitted; defaults are applied when parsed). */
export type BootstrapOptions = z.input<typeof BootstrapOptionsSchema>;

/** A point estimate (on all samples) with a percentile bootstrap interval. */
export interface Interval {
  estimate: number;
  low: number;
  high: number;
}

/** Percentile of sorted values with linear interpolation (numpy's default `linear` method). */
export function percentile(sorted: ArrayLike<number>, q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

/** Draws `resamples` index vectors of length n with replacement from a seeded PRNG. */
export function* resampleIndices(n: number, resamples: number, seed: number): Generator<Int32Array> {
  const rnd = mulberry32(seed);
  for (let r = 0; r < resamples; r++) {
    const idx = new Int32Array(n);
    for (let i = 0; i < n; i++) idx[i] = Math.floor(rnd() * n);
    yield idx;
  }
}

/**
 * Percentile bootstrap over samples of any set of corpus metrics. `score(indices)` computes every
 * metric on the resample (undefined = all samples); precompute per-sample statistics so it does not
 * re-tokenize.
 */
export function bootstrap<K extends string>(n: number, score: (indices?: Int32Array) => Record<K, number>, options: BootstrapOptions = {}): Record<K, Interval> {
  const o = parseOptions(BootstrapOptionsSchema, options, 'bootstrap options');
  const point = score();
  const keys = Object.keys(point) as K[];
  const draws = keys.map(() => new Float64Array(o.resamples));
  let r = 0;
  for (const idx of resampleIndices(n, o.resamples, o.seed)) {
    o.signal?.throwIfAborted();
    const s = score(idx);
    keys.forEach((k, j) => (draws[j]![r] = s[k]));
    r++;
  }
  const out = {} as Record<K, Interval>;
  keys.forEach((k, j) => {
    const d = draws[j]!.sort();
    out[k] = { estimate: point[k], low: percentile(d, o.alpha / 2), high: percentile(d, 1 - o.alpha / 2) };
  });
  return out;
}
