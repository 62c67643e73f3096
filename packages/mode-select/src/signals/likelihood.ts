import { entropyFromProbs } from '@reasonkit/core';

/** Perplexity exp(−(1/n)·Σ log p_t) of a span from its token logprobs; empty → 1. */
export function perplexity(logprobs: readonly number[]): number {
  if (logprobs.length === 0) return 1;
  return Math.exp(-logprobs.reduce((a, b) => a + b, 0) / logprobs.length);
}

/**
 * Mean per-token entropy (nats) of a trial answer, Ĥ = (1/n)·Σ_t H(p_t) ("Adaptive Think",
 * arXiv 2505.18237). Each row is a probability distribution; a truncated one (top-k over an API)
 * gets one extra "rest" bucket holding the missing mass, so the value is a lower bound
 * (`approximate` is then true) [our choice].
 */
export function meanEntropy(rows: readonly (readonly number[])[]): { entropy: number; approximate: boolean } {
  if (rows.length === 0) return { entropy: 0, approximate: false };
  let sum = 0;
  let approximate = false;
  for (const row of rows) {
    const mass = row.reduce((a, b) => a + b, 0);
    const rest = 1 - mass;
    if (rest > 1e-6) {
      approximate = true;
      sum += entropyFromProbs(Float32Array.from([...row, rest]));
    } else sum += entropyFromProbs(Float32Array.from(row));
  }
  return { entropy: sum / rows.length, approximate };
}

/** Logistic function 1/(1 + e^−x), stable on both sides. */
export function logistic(x: number): number {
  return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
}
