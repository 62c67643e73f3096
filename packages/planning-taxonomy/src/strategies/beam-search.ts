import * as z from 'zod';
import { lazySchema } from '@reasonkit/core';
import type { Rng } from '../random/rng.js';
import { createRng } from '../random/rng.js';
import type { RunOptions, SearchAlgorithm, SearchConfig, SearchResult, StopReason, WorldModel } from './search-core.js';
import { budgetGuard, parseWith, softmax } from './search-core.js';

/** zod schema of `BeamSearchOptions`: validates it and applies its defaults. */
export const BeamSearchOptionsSchema = /* @__PURE__ */ lazySchema(() => z.object({
  beamSize: z.number().int().positive(),
  maxDepth: z.number().int().nonnegative(),
  sampling: z.enum(['argmax', 'stochastic']).default('argmax'),
  temperature: z.number().positive().default(1),
  /** Multiplicative temperature decay per depth (our choice). */
  temperatureDecay: z.number().positive().default(1),
  rewardAggregator: z.enum(['last', 'mean', 'cumulative']).default('last'),
  earlyTerminate: z.boolean().default(true),
  seed: z.number().int().default(0),
}));
/** Input accepted by `BeamSearchOptionsSchema` (optional fields may be omitted; defaults are applied when parsed). */
export type BeamSearchOptions = z.input<typeof BeamSearchOptionsSchema>;

interface Item<S, A> {
  states: S[];
  actions: A[];
  rewards: number[];
  terminal: boolean;
  score: number;
}

function sampleWithout(scores: number[], k: number, tau: number, rng: Rng): number[] {
  const idx = scores.map((_, i) => i);
  const out: number[] = [];
  while (out.length < k && idx.length) {
    const p = softmax(idx.map((i) => scores[i]!), tau);
    let r = rng.next();
    let j = 0;
    for (; j < p.length - 1; j++) {
      r -= p[j]!;
      if (r < 0) break;
    }
    out.push(idx[j]!);
    idx.splice(j, 1);
  }
  return out;
}

/** Beam search over a world model; stable sort, terminal items carried forward, returns the best item. */
export function beamSearch<S, A>(options: BeamSearchOptions): SearchAlgorithm<S, A> {
  const o = parseWith(BeamSearchOptionsSchema, options, 'beamSearch');
  return {
    async run(wm: WorldModel<S, A>, cfg: SearchConfig<S, A>, init: S, ro: RunOptions = {}): Promise<SearchResult<S, A>> {
      const guard = budgetGuard(ro);
      const rng = createRng(o.seed);
      const agg = (r: number[]) => (o.rewardAggregator === 'last' ? r[r.length - 1]! : o.rewardAggregator === 'mean' ? r.reduce((a, b) => a + b, 0) / r.length : r.reduce((a, b) => a + b, 0));
      let beam: Item<S, A>[] = [{ states: [init], actions: [], rewards: [], terminal: await wm.isTerminal(init), score: -Infinity }];
      let expansions = 0;
      let stop: StopReason = 'depth-limit';
      let tau = o.temperature;
      for (let depth = 0; depth < o.maxDepth; depth++) {
        if (beam.every((b) => b.terminal)) {
          stop = 'terminal';
          break;
        }
        const cands: Item<S, A>[] = [];
        let stopped: StopReason | undefined;
        for (const item of beam) {
          if (item.terminal) {
            cands.push(item);
            continue;
          }
          stopped = guard(expansions);
          if (stopped) break;
          const s = item.states[item.states.length - 1]!;
          const acts = await cfg.actions(s);
          expansions++;
          ro.onEvent?.({ type: 'expand', depth, children: acts.length });
          for (const a of acts) {
            const fast = cfg.fastReward ? await cfg.fastReward(s, a) : 0;
            const { state, aux } = await wm.step(s, a);
            const r = await cfg.reward(s, a, { aux, fastReward: fast });
            const rewards = [...item.rewards, r];
            const terminal = await wm.isTerminal(state);
            cands.push({ states: [...item.states, state], actions: [...item.actions, a], rewards, terminal, score: agg(rewards) });
          }
        }
        if (stopped) {
          stop = stopped;
          break;
        }
        if (cands.length === 0) {
          stop = 'exhausted';
          break;
        }
        const order = cands.map((c, i) => ({ c, i })).sort((x, y) => y.c.score - x.c.score || x.i - y.i);
        if (o.sampling === 'argmax') beam = order.slice(0, o.beamSize).map((x) => x.c);
        else beam = sampleWithout(cands.map((c) => c.score), o.beamSize, tau, rng).map((i) => cands[i]!);
        tau *= o.temperatureDecay;
        ro.onEvent?.({ type: 'select', depth, index: 0 });
        if (o.earlyTerminate && beam[0]!.terminal) {
          stop = 'terminal';
          break;
        }
      }
      const terminals = beam.filter((b) => b.terminal);
      const best = (terminals.length ? terminals : beam).reduce((a, b) => (b.score > a.score ? b : a));
      if (best.terminal) ro.onEvent?.({ type: 'terminal', depth: best.actions.length, reward: best.score });
      return { trace: { states: best.states, actions: best.actions }, stopReason: best.terminal && stop === 'depth-limit' ? 'terminal' : stop, terminal: best.terminal, expansions };
    },
  };
}

/** Greedy = beam search with beam 1. */
export function greedySearch<S, A>(options: Omit<BeamSearchOptions, 'beamSize'>): SearchAlgorithm<S, A> {
  return beamSearch<S, A>({ ...options, beamSize: 1 });
}
