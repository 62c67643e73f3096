/**
 * Membership-inference attack scores (`metrics.mia`): loss, zlib, Min-K%, Min-K%++ and ROC-AUC.
 *
 * @module
 */
import { mean } from '../stats/descriptive.js';

/** Loss attack score: mean token NLL (higher = less likely a member). */
export function lossScore(tokenLogprobs: readonly number[]): number {
  return -mean(tokenLogprobs);
}

/** zlib attack: log-likelihood / zlib-compressed byte length (caller supplies the length; zlib builds differ). */
export function zlibScore(tokenLogprobs: readonly number[], zlibBytes: number): number {
  return tokenLogprobs.reduce((s, v) => s + v, 0) / zlibBytes;
}

/** Min-K%: mean of the k fraction lowest token log-probs (k in (0, 1]). */
export function minKScore(tokenLogprobs: readonly number[], k: number): number {
  const sorted = [...tokenLogprobs].sort((a, b) => a - b);
  const n = Math.max(1, Math.floor(sorted.length * k));
  return mean(sorted.slice(0, n));
}

/** Min-K%++: Min-K% over z_t = (log p(x_t) − μ_t)/σ_t with μ_t, σ_t the mean/std of log p under the next-token distribution. */
export function minKPlusPlusScore(steps: readonly { logprob: number; mu: number; sigma: number }[], k: number): number {
  return minKScore(
    steps.map((s) => (s.logprob - s.mu) / s.sigma),
    k,
  );
}

/** ROC AUC that a member score is greater than a non-member score (ties count ½). */
export function rocAuc(positives: readonly number[], negatives: readonly number[]): number {
  let s = 0;
  for (const p of positives) for (const q of negatives) s += p > q ? 1 : p === q ? 0.5 : 0;
  return s / (positives.length * negatives.length);
}
