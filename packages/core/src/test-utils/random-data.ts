// Test-only helpers (not exported from the barrel): a tiny seeded PRNG and random tensors.

export { mulberry32 } from '../random/mulberry32.js';

/** `n` seeded uniform floats in [lo, hi). */
export function randomFloats(rand: () => number, n: number, lo = -1, hi = 1): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = lo + (hi - lo) * rand();
  return out;
}
