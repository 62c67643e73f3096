import * as z from 'zod';
import { mulberry32, parseOptions, ReasonkitError } from '@reasonkit/core';
import { fnv1a32 } from '../embedding/hashing-embedder.js';
import { defaultSwissRounds, newSwissState, shuffled, swissPairRound } from './swiss.js';
import type { MatchRecord } from './match-record.js';

/** One judge call: which of two texts is better on `dim`, in the order shown. */
export type PairwiseJudge = (input: { topic: string; dim: string; first: string; second: string; signal?: AbortSignal }) => Promise<{ winner: 'first' | 'second' | 'tie'; raw: string }>;

/** Options of {@link Tournament}: entrants, judge, dimensions, rounds, seed and debiasing (spec §6.3–6.4). */
export const TournamentOptionsSchema = z.object({
  entrants: z.array(z.string().min(1)).min(2, 'a tournament needs at least 2 entrants'),
  judge: z.custom<PairwiseJudge>((v) => typeof v === 'function', 'judge must be a function'),
  /** The paper's three dimensions. */
  dims: z.array(z.string().min(1)).min(1).default(['novelty', 'experiment', 'motivation']),
  /** Swiss rounds per topic. Default ⌈log2 M⌉ + 2, at most M − 1 (our choice, 5 for M = 7 as Si et al.). */
  rounds: z.number().int().min(1).optional(),
  seed: z.number().int().default(42),
  /** Judge each pair in both orders and average (our choice after CoI); `single` = one order (position-biased). */
  debias: z.enum(['both-orders', 'single']).default('both-orders'),
});
/** Input form of {@link TournamentOptionsSchema}. */
export type TournamentOptions = z.input<typeof TournamentOptionsSchema>;

/** Options of `Tournament.run`: an earlier match log to resume from, a per-match callback and a signal. */
export interface TournamentRunOptions {
  /** Records from an earlier (interrupted) run: their pairings are not judged again. */
  resume?: readonly MatchRecord[];
  /** Called after every new record (append it to a JSONL file to make the run resumable). */
  onMatch?: (record: MatchRecord) => void | Promise<void>;
  /** Called after each topic's rounds finish, with the topics done so far. */
  onProgress?: (p: { topic: string; topicsDone: number; topics: number }) => void;
  signal?: AbortSignal;
}

/** What `Tournament.run` returns: the match log, rematch warnings and judging diagnostics (flip rate, first-position wins, calls). */
export interface TournamentResult {
  /** Every judged pairing (resumed ones included). */
  log: MatchRecord[];
  /** Unavoidable rematches. */
  warnings: { kind: 'rematch'; topic: string; round: number; count: number }[];
  /** Position-flip rate, first-position win rate and judge calls of this run. */
  diagnostics: { flipRate: number; firstPositionWinRate: number; judgeCalls: number };
}

/** Swiss tournament per topic with both-order pairwise judging (spec §6.3–6.4). */
export class Tournament {
  readonly options: z.output<typeof TournamentOptionsSchema>;
  constructor(options: TournamentOptions) {
    this.options = parseOptions(TournamentOptionsSchema, options, 'Tournament options');
  }

  /** Runs the Swiss rounds of every topic, each pair judged in both orders (records in `run.resume` are not judged again); returns the match log, warnings and judge diagnostics. */
  async run(textsByTopic: Record<string, Record<string, string>>, run: TournamentRunOptions = {}): Promise<TournamentResult> {
    const o = this.options;
    const done = new Map<string, MatchRecord>();
    for (const r of run.resume ?? []) done.set(`${r.topic}\u0000${r.round}\u0000${r.dim}\u0000${r.a}\u0000${r.b}`, r);
    const log: MatchRecord[] = [];
    const warnings: TournamentResult['warnings'] = [];
    let flips = 0;
    let decided = 0;
    let firstWins = 0;
    let calls = 0;
    const topics = Object.keys(textsByTopic);
    for (let ti = 0; ti < topics.length; ti++) {
      const topic = topics[ti] as string;
      const texts = textsByTopic[topic] as Record<string, string>;
      const present = o.entrants.filter((e) => typeof texts[e] === 'string');
      if (present.length < 2) continue;
      const rand = mulberry32((o.seed ^ fnv1a32(topic)) >>> 0);
      const tieKey = new Map(present.map((e) => [e, rand()]));
      const points = new Map(present.map((e) => [e, 0]));
      const state = newSwissState();
      let order = shuffled(present, rand);
      const R = Math.min(o.rounds ?? defaultSwissRounds(present.length), present.length - 1);
      for (let round = 0; round < R; round++) {
        if (round > 0) order = [...present].sort((a, b) => (points.get(b) as number) - (points.get(a) as number) || (tieKey.get(a) as number) - (tieKey.get(b) as number));
        const pairing = swissPairRound(order, state);
        if (pairing.rematches > 0) warnings.push({ kind: 'rematch', topic, round, count: pairing.rematches });
        for (const [a, b] of pairing.pairs) {
          let sum = 0;
          for (const dim of o.dims) {
            const k = `${topic}\u0000${round}\u0000${dim}\u0000${a}\u0000${b}`;
            let rec = done.get(k);
            if (!rec) {
              if (run.signal?.aborted) throw new ReasonkitError('ABORTED', 'tournament aborted', { record: topic });
              const first = await o.judge({ topic, dim, first: texts[a] as string, second: texts[b] as string, signal: run.signal });
              calls++;
              const s1 = first.winner === 'first' ? 1 : first.winner === 'second' ? 0 : 0.5;
              let outcome = s1;
              let raw: [string, string] = [first.raw, ''];
              if (o.debias === 'both-orders') {
                const second = await o.judge({ topic, dim, first: texts[b] as string, second: texts[a] as string, signal: run.signal });
                calls++;
                const s2 = second.winner === 'first' ? 0 : second.winner === 'second' ? 1 : 0.5;
                outcome = (s1 + s2) / 2;
                raw = [first.raw, second.raw];
                if (first.winner !== 'tie' && second.winner !== 'tie') {
                  decided++;
                  if (s1 !== s2) flips++;
                }
                firstWins += (first.winner === 'first' ? 1 : 0) + (second.winner === 'first' ? 1 : 0);
              } else firstWins += first.winner === 'first' ? 1 : 0;
              rec = { topic, round, dim, a, b, outcome, raw };
              await run.onMatch?.(rec);
            }
            log.push(rec);
            sum += rec.outcome;
          }
          points.set(a, (points.get(a) as number) + sum / o.dims.length);
          points.set(b, (points.get(b) as number) + 1 - sum / o.dims.length);
        }
      }
      run.onProgress?.({ topic, topicsDone: ti + 1, topics: topics.length });
    }
    return { log, warnings, diagnostics: { flipRate: decided ? flips / decided : Number.NaN, firstPositionWinRate: calls ? firstWins / calls : Number.NaN, judgeCalls: calls } };
  }
}
