import * as z from 'zod';
import { parseOptions } from '@reasonkit/core';
import type { MatchRecord } from './match-record.js';

/** Options of `fitBradleyTerry`: dimension, prior strength α (default 1), anchor, tolerance (spec §6.6). */
export const BradleyTerryOptionsSchema = z.object({
  dim: z.string().optional(),
  /** Virtual games against an anchor at 1000, each half won. Default 1 (our choice: keeps all-win entrants finite). */
  prior: z.number().nonnegative().default(1),
  /** `prior`: ratings as fitted against the anchor; `mean1000`: shifted to mean 1000; `{pin}`: that entrant at 1000. */
  anchor: z.union([z.literal('prior'), z.literal('mean1000'), z.object({ pin: z.string() })]).default('prior'),
  maxIterations: z.number().int().min(1).default(10_000),
  tolerance: z.number().positive().default(1e-10),
  /** Entrants to rate even without games (they stay at the anchor). */
  entrants: z.array(z.string()).optional(),
});
/** Input form of {@link BradleyTerryOptionsSchema}. */
export type BradleyTerryOptions = z.input<typeof BradleyTerryOptionsSchema>;

/** A Bradley–Terry fit: ratings on the Elo scale (1000 = anchor), iterations and warnings such as `disconnected`. */
export interface BradleyTerryFit {
  ratings: Record<string, number>;
  iterations: number;
  /** Connected components of the comparison graph when there is more than one. */
  warnings: { kind: 'disconnected'; components: string[][] }[];
}

/** Win/game tallies of a log: w[i][j] = wins of i over j + ½ ties, n[i][j] = games. */
export interface Tallies {
  names: string[];
  w: Float64Array;
  n: Float64Array;
}

/** Per-pair wins (ties count ½) and games from a match log, optionally for one dimension, as flat matrices over the entrants. */
export function tally(log: readonly MatchRecord[], dim?: string, entrants?: readonly string[]): Tallies {
  const names = [...(entrants ?? [])];
  const index = new Map(names.map((n, i) => [n, i]));
  const games = dim === undefined ? log : log.filter((m) => m.dim === dim);
  for (const m of games) for (const p of [m.a, m.b]) if (!index.has(p)) index.set(p, names.push(p) - 1);
  const M = names.length;
  const w = new Float64Array(M * M);
  const n = new Float64Array(M * M);
  for (const m of games) {
    const a = index.get(m.a) as number;
    const b = index.get(m.b) as number;
    w[a * M + b] = (w[a * M + b] as number) + m.outcome;
    w[b * M + a] = (w[b * M + a] as number) + 1 - m.outcome;
    n[a * M + b] = (n[a * M + b] as number) + 1;
    n[b * M + a] = (n[b * M + a] as number) + 1;
  }
  return { names, w, n };
}

function components(t: Tallies): string[][] {
  const M = t.names.length;
  const seen = new Int32Array(M).fill(-1);
  const out: string[][] = [];
  for (let s = 0; s < M; s++) {
    if (seen[s] !== -1) continue;
    const comp: string[] = [];
    const stack = [s];
    seen[s] = out.length;
    while (stack.length) {
      const i = stack.pop() as number;
      comp.push(t.names[i] as string);
      for (let j = 0; j < M; j++) if (seen[j] === -1 && (t.n[i * M + j] as number) > 0) (seen[j] = out.length), stack.push(j);
    }
    out.push(comp);
  }
  return out;
}

/** MM iteration on tallies (spec §6.6); returns log10 π per entrant. */
export function fitTallies(t: Tallies, prior: number, maxIterations = 10_000, tolerance = 1e-10, init?: Float64Array): { log10pi: Float64Array; iterations: number } {
  const M = t.names.length;
  const W = new Float64Array(M);
  for (let i = 0; i < M; i++) for (let j = 0; j < M; j++) W[i] = (W[i] as number) + (t.w[i * M + j] as number);
  let pi = init ? init.map((l) => 10 ** l) : new Float64Array(M).fill(1);
  let it = 0;
  for (; it < maxIterations; it++) {
    const next = new Float64Array(M);
    let delta = 0;
    for (let i = 0; i < M; i++) {
      let den = prior / ((pi[i] as number) + 1);
      for (let j = 0; j < M; j++) {
        const nij = t.n[i * M + j] as number;
        if (nij > 0) den += nij / ((pi[i] as number) + (pi[j] as number));
      }
      const num = (W[i] as number) + prior / 2;
      next[i] = den > 0 ? num / den : (pi[i] as number);
      delta = Math.max(delta, Math.abs(Math.log10(next[i] as number) - Math.log10(pi[i] as number)));
    }
    // The game likelihood is shift-invariant, so only the weak prior pins the common level and plain MM
    // crawls along that direction. Maximise exactly along it: solve Σ cπ_i/(cπ_i + 1) = M/2 for c.
    if (prior > 0) {
      let logc = 0;
      for (let k = 0; k < 50; k++) {
        let g = -M / 2;
        let h = 0;
        for (let i = 0; i < M; i++) {
          const x = (next[i] as number) * 10 ** logc;
          g += x / (x + 1);
          h += (x / (x + 1) ** 2) * Math.LN10;
        }
        const step = g / h;
        logc -= step;
        if (Math.abs(step) < 1e-14) break;
      }
      const c = 10 ** logc;
      for (let i = 0; i < M; i++) next[i] = (next[i] as number) * c;
      delta = Math.max(delta, Math.abs(logc));
    }
    pi = next;
    if (delta < tolerance) {
      it++;
      break;
    }
  }
  return { log10pi: pi.map((p) => Math.log10(p)), iterations: it };
}

/**
 * Bradley–Terry ratings on the Elo scale (π = 10^(R/400)), fitted by MM with a weak prior of
 * `prior` virtual games against an anchor at 1000 (spec §6.6). Ties count as half wins.
 */
export function fitBradleyTerry(log: readonly MatchRecord[], options: BradleyTerryOptions = {}): BradleyTerryFit {
  const o = parseOptions(BradleyTerryOptionsSchema, options, 'fitBradleyTerry options');
  const t = tally(log, o.dim, o.entrants);
  const { log10pi, iterations } = fitTallies(t, o.prior, o.maxIterations, o.tolerance);
  const ratings = anchorRatings(t.names, log10pi, o.anchor);
  const comps = components(t);
  return { ratings, iterations, warnings: comps.length > 1 ? [{ kind: 'disconnected', components: comps }] : [] };
}

export function anchorRatings(names: readonly string[], log10pi: Float64Array, anchor: z.output<typeof BradleyTerryOptionsSchema>['anchor']): Record<string, number> {
  const raw = Array.from(log10pi, (l) => 1000 + 400 * l);
  let shift = 0;
  if (anchor === 'mean1000') shift = 1000 - raw.reduce((a, b) => a + b, 0) / Math.max(1, raw.length);
  else if (typeof anchor === 'object') {
    const i = names.indexOf(anchor.pin);
    if (i >= 0) shift = 1000 - (raw[i] as number);
  }
  return Object.fromEntries(names.map((n, i) => [n, (raw[i] as number) + shift]));
}
