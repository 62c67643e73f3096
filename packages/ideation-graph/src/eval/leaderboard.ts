import { bootstrapRatings } from './bootstrap.js';
import { fitBradleyTerry } from './bradley-terry.js';
import { onlineElo } from './elo.js';
import type { MatchRecord } from './match-record.js';

/** One entrant of the leaderboard: Bradley–Terry ratings with intervals and online Elo, per dimension. */
export interface LeaderboardRow {
  /** Entrant name. */
  entrant: string;
  /** Bradley–Terry rating with its 95 % cluster-bootstrap interval, per dimension and averaged. */
  bt: Record<string, { rating: number; lo: number; hi: number }>;
  /** Online Elo (mean over permutations), per dimension: parity with the paper's tables. */
  elo: Record<string, number>;
}

/** Per-dimension and average ratings with intervals, sorted by the average BT rating. */
export function leaderboard(log: readonly MatchRecord[], options: { B?: number; seed?: number } = {}): LeaderboardRow[] {
  const dims = [...new Set(log.map((m) => m.dim))];
  const entrants = [...new Set(log.flatMap((m) => [m.a, m.b]))];
  const rows: LeaderboardRow[] = entrants.map((e) => ({ entrant: e, bt: {}, elo: {} }));
  for (const dim of dims) {
    const boot = bootstrapRatings(log, { dim, B: options.B ?? 1000, seed: options.seed ?? 7 });
    const fit = fitBradleyTerry(log, { dim });
    const elo = onlineElo(log, { dim });
    for (const r of rows) {
      const iv = boot.ratings[r.entrant];
      r.bt[dim] = { rating: fit.ratings[r.entrant] ?? 1000, lo: iv?.lo ?? Number.NaN, hi: iv?.hi ?? Number.NaN };
      r.elo[dim] = elo[r.entrant] ?? 1000;
    }
  }
  for (const r of rows) {
    const vals = dims.map((d) => r.bt[d] as { rating: number; lo: number; hi: number });
    r.bt.avg = { rating: vals.reduce((s, v) => s + v.rating, 0) / vals.length, lo: vals.reduce((s, v) => s + v.lo, 0) / vals.length, hi: vals.reduce((s, v) => s + v.hi, 0) / vals.length };
    r.elo.avg = dims.reduce((s, d) => s + (r.elo[d] as number), 0) / dims.length;
  }
  return rows.sort((a, b) => (b.bt.avg?.rating ?? 0) - (a.bt.avg?.rating ?? 0));
}

/** A Markdown table with a text bar per entrant (the leaderboard "chart"). */
export function leaderboardMarkdown(rows: readonly LeaderboardRow[]): string {
  const dims = Object.keys(rows[0]?.bt ?? {});
  const head = `| entrant | ${dims.map((d) => `BT ${d} [95% CI]`).join(' | ')} | Elo avg | chart |\n|---|${dims.map(() => '---|').join('')}---|---|`;
  const min = Math.min(...rows.map((r) => r.bt.avg?.lo ?? 1000));
  const max = Math.max(...rows.map((r) => r.bt.avg?.hi ?? 1000));
  const bar = (v: number) => '█'.repeat(Math.max(1, Math.round(((v - min) / Math.max(1e-9, max - min)) * 20)));
  const body = rows.map((r) => `| ${r.entrant} | ${dims.map((d) => `${r.bt[d]?.rating.toFixed(0)} [${r.bt[d]?.lo.toFixed(0)}, ${r.bt[d]?.hi.toFixed(0)}]`).join(' | ')} | ${r.elo.avg?.toFixed(0)} | ${bar(r.bt.avg?.rating ?? 1000)} |`);
  return [head, ...body].join('\n') + '\n';
}
