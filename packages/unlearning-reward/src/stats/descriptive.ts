import { InvalidOptionsError } from '../errors/index.js';

/** Harmonic mean (scipy `hmean`): n / Σ 1/x; 0 if any value is 0; values must be ≥ 0. */
export function hmean(values: readonly number[]): number {
  if (values.length === 0) throw new InvalidOptionsError('hmean: no values', 'values');
  let s = 0;
  for (const v of values) {
    if (!(v >= 0)) throw new InvalidOptionsError(`hmean: values must be ≥ 0, got ${v}`, 'values');
    if (v === 0) return 0;
    s += 1 / v;
  }
  return values.length / s;
}

/** Arithmetic mean of `values`. */
export function mean(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  let s = 0;
  for (const v of values) s += v;
  return s / values.length;
}

/** Trapezoidal ∫ y dx over points in the given order. */
export function trapezoid(xs: readonly number[], ys: readonly number[]): number {
  let s = 0;
  for (let i = 1; i < xs.length; i++) s += ((xs[i]! - xs[i - 1]!) * (ys[i]! + ys[i - 1]!)) / 2;
  return s;
}

/** Percentile bootstrap confidence interval of the mean, with a seeded PRNG `random()` in [0, 1). */
export function bootstrapMeanCi(values: readonly number[], o: { resamples?: number; alpha?: number; random: () => number }): { low: number; high: number } {
  const b = o.resamples ?? 1000;
  const alpha = o.alpha ?? 0.05;
  const means: number[] = [];
  for (let r = 0; r < b; r++) {
    let s = 0;
    for (let i = 0; i < values.length; i++) s += values[Math.floor(o.random() * values.length)]!;
    means.push(s / values.length);
  }
  means.sort((p, q) => p - q);
  return { low: means[Math.floor((alpha / 2) * b)]!, high: means[Math.min(b - 1, Math.ceil((1 - alpha / 2) * b) - 1)]! };
}
