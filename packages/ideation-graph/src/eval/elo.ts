import * as z from 'zod';
import { mulberry32, parseOptions } from '@reasonkit/core';
import type { MatchRecord } from './match-record.js';

/** E_A = 1 / (1 + 10^((R_B − R_A)/400)) (spec §6.5). */
export function expectedScore(ra: number, rb: number): number {
  return 1 / (1 + 10 ** ((rb - ra) / 400));
}

/** One Elo update: R_A += K(S_A − E_A), R_B −= K(S_A − E_A). Zero-sum. */
export function eloUpdate(ra: number, rb: number, sa: number, k = 16): [number, number] {
  const d = k * (sa - expectedScore(ra, rb));
  return [ra + d, rb - d];
}

/** Options of `onlineElo`: K (default 16), initial rating (1000), permutations (100) and seed (spec §6.5). */
export const OnlineEloOptionsSchema = z.object({
  dim: z.string().optional(),
  /** K-factor. Default 16 (our choice; the paper does not say). */
  K: z.number().positive().default(16),
  /** Initial rating. Default 1000 (the paper's tables centre on it). */
  init: z.number().default(1000),
  /** Mean over this many seeded permutations of the log. Default 100 (our choice). */
  permutations: z.number().int().min(1).default(100),
  seed: z.number().int().default(7),
  /** Chronological single pass (the paper's protocol, order-dependent). Default false. */
  singlePass: z.boolean().default(false),
});
/** Input form of {@link OnlineEloOptionsSchema}. */
export type OnlineEloOptions = z.input<typeof OnlineEloOptionsSchema>;

/** Online Elo over a match log, averaged over seeded permutations (or one chronological pass). */
export function onlineElo(log: readonly MatchRecord[], options: OnlineEloOptions = {}): Record<string, number> {
  const o = parseOptions(OnlineEloOptionsSchema, options, 'onlineElo options');
  const games = o.dim === undefined ? log : log.filter((m) => m.dim === o.dim);
  // Names → indices once; each pass is a loop over typed arrays.
  const names: string[] = [];
  const index = new Map<string, number>();
  const id = (n: string) => index.get(n) ?? (index.set(n, names.push(n) - 1), names.length - 1);
  const A = Int32Array.from(games, (m) => id(m.a));
  const B = Int32Array.from(games, (m) => id(m.b));
  const S = Float64Array.from(games, (m) => m.outcome);
  const r = new Float64Array(names.length);
  const pass = (order: ArrayLike<number>) => {
    r.fill(o.init);
    for (let k = 0; k < order.length; k++) {
      const g = order[k] as number;
      const a = A[g] as number;
      const b = B[g] as number;
      const d = o.K * ((S[g] as number) - 1 / (1 + 10 ** (((r[b] as number) - (r[a] as number)) / 400)));
      r[a] = (r[a] as number) + d;
      r[b] = (r[b] as number) - d;
    }
  };
  const idx = Int32Array.from(games, (_, i) => i);
  if (o.singlePass) {
    pass(idx);
    return Object.fromEntries(names.map((n, i) => [n, r[i] as number]));
  }
  const rand = mulberry32(o.seed);
  const sum = new Float64Array(names.length);
  for (let p = 0; p < o.permutations; p++) {
    for (let i = idx.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      const t = idx[i] as number;
      idx[i] = idx[j] as number;
      idx[j] = t;
    }
    pass(idx);
    for (let i = 0; i < names.length; i++) sum[i] = (sum[i] as number) + (r[i] as number);
  }
  return Object.fromEntries(names.map((n, i) => [n, (sum[i] as number) / o.permutations]));
}
