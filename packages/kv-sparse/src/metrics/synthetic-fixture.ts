import { mulberry32 } from '@reasonkit/core';

/** A seeded synthetic KV head (spec §12 data (a)): log-normal channel scales and per-token channel spikes. */
export interface SyntheticHead {
  /** `[S, D]` keys. */
  keys: Float32Array;
  /** `[S, D]` values. */
  values: Float32Array;
  /** `[G, W, D]` window queries. */
  windowQueries: Float32Array;
  /** `[G, D]` decode queries (same distribution as the window). */
  decodeQueries: Float32Array;
  seqLen: number;
  headDim: number;
  groupSize: number;
  window: number;
}

function gaussian(rand: () => number): number {
  const u = Math.max(rand(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
}

/**
 * Keys `k[t,c] = σ_c·z` with `σ_c = exp(0.8·N(0,1))`, plus per-token spikes (5% of entries ×4);
 * queries `q[c] = τ_c·z + μ_c` with their own log-normal scales and a small shared direction so
 * the window predicts the decode query. Our choice of fixture, in the spirit of the spec's.
 */
export function syntheticHead(seed: number, options: { seqLen?: number; headDim?: number; groupSize?: number; window?: number } = {}): SyntheticHead {
  const S = options.seqLen ?? 1024;
  const D = options.headDim ?? 128;
  const G = options.groupSize ?? 4;
  const W = options.window ?? 32;
  const rand = mulberry32(seed);
  const sigma = Float32Array.from({ length: D }, () => Math.exp(0.8 * gaussian(rand)));
  const tau = Float32Array.from({ length: D }, () => Math.exp(0.8 * gaussian(rand)));
  const mu = Float32Array.from({ length: D }, () => 0.5 * gaussian(rand));
  const keys = new Float32Array(S * D);
  for (let t = 0; t < S; t++) for (let c = 0; c < D; c++) keys[t * D + c] = sigma[c]! * gaussian(rand) * (rand() < 0.05 ? 4 : 1);
  const values = Float32Array.from({ length: S * D }, () => gaussian(rand));
  const q = () => Float32Array.from({ length: D }, (_, c) => tau[c]! * gaussian(rand) + mu[c]! * tau[c]!);
  const windowQueries = new Float32Array(G * W * D);
  for (let i = 0; i < G * W; i++) windowQueries.set(q(), i * D);
  const decodeQueries = new Float32Array(G * D);
  for (let g = 0; g < G; g++) decodeQueries.set(q(), g * D);
  return { keys, values, windowQueries, decodeQueries, seqLen: S, headDim: D, groupSize: G, window: W };
}
