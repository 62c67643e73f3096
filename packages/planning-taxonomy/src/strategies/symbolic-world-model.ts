import type { GroundAction, GroundTask } from '../pddl/ground.js';
import { apply, applicableActions, isGoal } from '../pddl/state.js';
import type { State } from '../pddl/state.js';
import { createHeuristic } from '../search/heuristics.js';
import type { SearchConfig, WorldModel } from './search-core.js';

/** A world model that simulates a grounded PDDL task exactly (state = bitset). */
export function symbolicWorldModel(task: GroundTask): WorldModel<State, GroundAction, void> {
  return {
    init: () => task.init,
    step: async (s, a) => ({ state: apply(s, a) }),
    isTerminal: (s) => isGoal(task, s),
  };
}

/** Fraction of positive goal atoms true in `s` (1 for an empty goal). */
export function goalFraction(task: GroundTask, s: State): number {
  if (task.goalPos.length === 0) return 1;
  let n = 0;
  for (const g of task.goalPos) if ((s[g >>> 5]! & (1 << (g & 31))) !== 0) n++;
  return n / task.goalPos.length;
}

/** RAP's α weighting the oracle reward (paper: 0.5). */
export const ORACLE_ALPHA = 0.5; // RAP's α (paper)

/**
 * oracleSearchConfig (spec §7, ours): applicable ground actions in grounding order; beam reward
 * −h_FF(T(s,a)); MCTS fast reward 0.5·(−h_FF(T(s,a))); MCTS reward fast + 0.5·g (g = 100 at the
 * goal, else the goal fraction). `epsilon` > 0 injects illegal proposals (random non-applicable
 * actions) with that probability per state.
 */
export function oracleSearchConfig(task: GroundTask, options: { mode: 'beam' | 'mcts'; epsilon?: number; rng?: () => number } = { mode: 'beam' }): SearchConfig<State, GroundAction> {
  const hff = createHeuristic(task, 'hff');
  const cache = new Map<string, number>();
  const h = (s: State, a: GroundAction) => {
    const t = apply(s, a);
    const key = Array.from(t).join(',');
    let v = cache.get(key);
    if (v === undefined) cache.set(key, (v = hff(t)));
    return v === Infinity ? -1e9 : -v;
  };
  const eps = options.epsilon ?? 0;
  const rng = options.rng ?? Math.random;
  return {
    async actions(s) {
      const app = applicableActions(task, s);
      if (eps > 0 && rng() < eps) {
        const illegal = task.actions.filter((a) => !app.includes(a));
        if (illegal.length) app.push(illegal[Math.floor(rng() * illegal.length)]!);
      }
      return app;
    },
    fastReward: options.mode === 'mcts' ? async (s, a) => ORACLE_ALPHA * h(s, a) : undefined,
    async reward(s, a, ctx) {
      if (options.mode === 'beam') return h(s, a);
      const t = apply(s, a);
      const g = isGoal(task, t) ? 100 : goalFraction(task, t);
      return (ctx.fastReward ?? ORACLE_ALPHA * h(s, a)) + (1 - ORACLE_ALPHA) * g;
    },
  };
}
