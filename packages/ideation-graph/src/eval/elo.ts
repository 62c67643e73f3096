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
export type OnlineEloOptions = z.input<typeof OnlineEloOptionsSchema>;

function eloPass(log: readonly MatchRecord[], order: readonly number[], K: number, init: number): Map<string, number> {
  const r = new Map<string, number>();
  for (const i of order) {
    const m = log[i] as MatchRecord;
    const [ra, rb] = eloUpdate(r.get(m.a) ?? init, r.get(m.b) ?? init, m.outcome, K);
    r.set(m.a, ra);
    r.set(m.b, rb);
  }
  return r;
}

/** Online Elo over a match log, averaged over seeded permutations (or one chronological pass). */
export function onlineElo(log: readonly MatchRecord[], options: OnlineEloOptions = {}): Record<string, number> {
  const o = parseOptions(OnlineEloOptionsSchema, options, 'onlineElo options');
  const games = o.dim === undefined ? log : log.filter((m) => m.dim === o.dim);
  const idx = games.map((_, i) => i);
  if (o.singlePass) return Object.fromEntries(eloPass(games, idx, o.K, o.init));
  const rand = mulberry32(o.seed);
  const sum = new Map<string, number>();
  for (let p = 0; p < o.permutations; p++) {
    for (let i = idx.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [idx[i], idx[j]] = [idx[j] as number, idx[i] as number];
    }
    for (const [name, rating] of eloPass(games, idx, o.K, o.init)) sum.set(name, (sum.get(name) ?? 0) + rating);
  }
  return Object.fromEntries([...sum].map(([k, v]) => [k, v / o.permutations]));
}
