import * as z from 'zod';
import { mulberry32, parseOptions } from '@reasonkit/core';
import { anchorRatings, BradleyTerryOptionsSchema, fitTallies, tally } from './bradley-terry.js';
import type { MatchRecord } from './match-record.js';

/** Options of `bootstrapRatings`: resamples B (default 1000), clustered by topic, seed, interval level (spec §6.6). */
export const BootstrapOptionsSchema = z.object({
  dim: z.string().optional(),
  /** Resamples. Default 1000 (spec §6.6). */
  B: z.number().int().min(1).default(1000),
  /** Resampling unit: whole topics (games within a topic are correlated) or single games. */
  cluster: z.enum(['topic', 'game']).default('topic'),
  seed: z.number().int().default(7),
  prior: z.number().nonnegative().default(1),
  anchor: BradleyTerryOptionsSchema.shape.anchor,
  /** Two-sided interval level. Default 0.95. */
  level: z.number().gt(0).lt(1).default(0.95),
});
/** Input form of {@link BootstrapOptionsSchema}. */
export type BootstrapOptions = z.input<typeof BootstrapOptionsSchema>;

/** A rating with its bootstrap median and percentile interval. */
export interface RatingInterval {
  /** Rating on the full data. */
  estimate: number;
  /** Bootstrap median. */
  median: number;
  /** Lower percentile bound. */
  lo: number;
  /** Upper percentile bound. */
  hi: number;
}

/** Result of `bootstrapRatings`: per-entrant intervals, pairwise rank probabilities and differences to a reference. */
export interface BootstrapResult {
  /** Entrants in fit order. */
  entrants: string[];
  /** Rating interval per entrant. */
  ratings: Record<string, RatingInterval>;
  /** P(rank_i better than rank_j) over resamples: probBetter[i][j]. */
  probBetter: Record<string, Record<string, number>>;
  /** Percentile interval of R_i − R_ref for each i (ref = `reference`). */
  differences(reference: string): Record<string, { lo: number; hi: number; median: number }>;
  /** All resampled ratings, one row per resample, columns in `entrants` order. */
  samples: Float64Array[];
}

function quantile(sorted: Float64Array, q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return (sorted[lo] as number) + ((sorted[hi] as number) - (sorted[lo] as number)) * (pos - lo);
}

/** Cluster bootstrap of Bradley–Terry ratings (spec §6.6): resample topics with replacement, refit. */
export function bootstrapRatings(log: readonly MatchRecord[], options: BootstrapOptions = {}): BootstrapResult {
  const o = parseOptions(BootstrapOptionsSchema, options, 'bootstrapRatings options');
  const games = o.dim === undefined ? log : log.filter((m) => m.dim === o.dim);
  const full = tally(games);
  const names = full.names;
  const M = names.length;
  const groups = new Map<string, MatchRecord[]>();
  games.forEach((m, i) => {
    const k = o.cluster === 'topic' ? m.topic : String(i);
    let g = groups.get(k);
    if (!g) groups.set(k, (g = []));
    g.push(m);
  });
  // Per-cluster tallies once; a resample adds them up.
  const clusterTallies = [...groups.values()].map((g) => tally(g, undefined, names));
  let warm: Float64Array | undefined;
  const fitOf = (w: Float64Array, n: Float64Array) => {
    const { log10pi } = fitTallies({ names, w, n }, o.prior, 10_000, 1e-10, warm);
    warm ??= log10pi; // resamples start from the full-data fit (same fixed point, fewer iterations)
    const r = anchorRatings(names, log10pi, o.anchor);
    return Float64Array.from(names, (nm) => r[nm] as number);
  };
  const estimate = fitOf(full.w, full.n);
  const rand = mulberry32(o.seed);
  const samples: Float64Array[] = [];
  const C = clusterTallies.length;
  for (let b = 0; b < o.B; b++) {
    const w = new Float64Array(M * M);
    const n = new Float64Array(M * M);
    for (let c = 0; c < C; c++) {
      const t = clusterTallies[Math.floor(rand() * C)] as (typeof clusterTallies)[number];
      for (let i = 0; i < M * M; i++) {
        w[i] = (w[i] as number) + (t.w[i] as number);
        n[i] = (n[i] as number) + (t.n[i] as number);
      }
    }
    samples.push(fitOf(w, n));
  }
  const alpha = (1 - o.level) / 2;
  const ratings: Record<string, RatingInterval> = {};
  names.forEach((nm, i) => {
    const col = Float64Array.from(samples, (s) => s[i] as number).sort();
    ratings[nm] = { estimate: estimate[i] as number, median: quantile(col, 0.5), lo: quantile(col, alpha), hi: quantile(col, 1 - alpha) };
  });
  const probBetter: Record<string, Record<string, number>> = {};
  names.forEach((a, i) => {
    probBetter[a] = {};
    names.forEach((bn, j) => {
      if (i !== j) (probBetter[a] as Record<string, number>)[bn] = samples.filter((s) => (s[i] as number) > (s[j] as number)).length / samples.length;
    });
  });
  return {
    entrants: names,
    ratings,
    probBetter,
    samples,
    differences(reference) {
      const r = names.indexOf(reference);
      const out: Record<string, { lo: number; hi: number; median: number }> = {};
      names.forEach((nm, i) => {
        if (i === r) return;
        const col = Float64Array.from(samples, (s) => (s[i] as number) - (s[r] as number)).sort();
        out[nm] = { lo: quantile(col, alpha), hi: quantile(col, 1 - alpha), median: quantile(col, 0.5) };
      });
      return out;
    },
  };
}
