import * as z from 'zod';
import { lazySchema } from '@reasonkit/core';
import type { RunOptions, SearchAlgorithm, SearchConfig, SearchResult, StopReason, WorldModel } from './search-core.js';
import { budgetGuard, parseWith } from './search-core.js';

/** zod schema of `MctsOptions`: validates it and applies its defaults. */
export const MctsOptionsSchema = /* @__PURE__ */ lazySchema(() => z.object({
  wExp: z.number().nonnegative().default(1),
  depthLimit: z.number().int().positive().default(5),
  nIters: z.number().int().positive().default(10),
  cumReward: z.enum(['sum']).default('sum'),
  calcQ: z.enum(['mean', 'max']).default('mean'),
  simulate: z.enum(['max']).default('max'),
  output: z.enum(['max_reward', 'follow_max', 'max_visit', 'max_iter', 'last_iter', 'last_terminal_iter']).default('max_reward'),
  uctWithFastReward: z.boolean().default(true),
}));
/** Input accepted by `MctsOptionsSchema` (optional fields may be omitted; defaults are applied when parsed). */
export type MctsOptions = z.input<typeof MctsOptionsSchema>;

/** A node of the MCTS tree. */
export interface MctsNode<S, A> {
  state: S | null;
  action: A | null;
  parent: MctsNode<S, A> | null;
  children: MctsNode<S, A>[] | null;
  fastReward: number;
  reward: number;
  isTerminal: boolean;
  depth: number;
  cumRewards: number[];
}

/** UCT(c) = Q(c) + w·√(ln N(parent) / max(1, N(c))). */
export function uct(q: number, nParent: number, nChild: number, w: number): number {
  return q + w * Math.sqrt(Math.log(nParent) / Math.max(1, nChild));
}

/** Back-propagation: node n_i appends R_i = Σ_{j ≥ i} r_j; returns R_0. */
export function backpropagate(path: { reward: number; cumRewards: number[] }[]): number {
  let acc = 0;
  for (let i = path.length - 1; i >= 0; i--) {
    acc += path[i]!.reward;
    path[i]!.cumRewards.push(acc);
  }
  return acc;
}

/** MCTS as in llm-reasoners (RAP); formulas in spec §3.4. */
export function mcts<S, A>(options: MctsOptions = {}): SearchAlgorithm<S, A> & { lastRoot?: MctsNode<S, A> } {
  const o = parseWith(MctsOptionsSchema, options, 'mcts');
  const alg: SearchAlgorithm<S, A> & { lastRoot?: MctsNode<S, A> } = {
    async run(wm: WorldModel<S, A>, cfg: SearchConfig<S, A>, init: S, ro: RunOptions = {}): Promise<SearchResult<S, A>> {
      const guard = budgetGuard(ro);
      const N = (n: MctsNode<S, A>) => n.cumRewards.length;
      const Q = (n: MctsNode<S, A>) => (n.state === null || n.cumRewards.length === 0 ? n.fastReward : o.calcQ === 'mean' ? n.cumRewards.reduce((a, b) => a + b, 0) / n.cumRewards.length : Math.max(...n.cumRewards));
      const root: MctsNode<S, A> = { state: init, action: null, parent: null, children: null, fastReward: 0, reward: 0, isTerminal: await wm.isTerminal(init), depth: 0, cumRewards: [] };
      alg.lastRoot = root;
      const done = (n: MctsNode<S, A>) => n.isTerminal || n.depth >= o.depthLimit;
      let expansions = 0;
      const expand = async (node: MctsNode<S, A>) => {
        if (node.state === null) {
          const p = node.parent!;
          const { state, aux } = await wm.step(p.state as S, node.action as A);
          node.state = state;
          node.reward = await cfg.reward(p.state as S, node.action as A, { aux, fastReward: node.fastReward });
          node.isTerminal = await wm.isTerminal(state);
          ro.onEvent?.({ type: 'evaluate', depth: node.depth, value: node.reward });
        }
        if (node.isTerminal) return;
        const acts = await cfg.actions(node.state);
        expansions++;
        node.children = [];
        for (const a of acts) {
          const fr = cfg.fastReward ? await cfg.fastReward(node.state, a) : 0;
          node.children.push({ state: null, action: a, parent: node, children: null, fastReward: fr, reward: 0, isTerminal: false, depth: node.depth + 1, cumRewards: [] });
        }
        ro.onEvent?.({ type: 'expand', depth: node.depth, children: acts.length });
      };
      const select = (): MctsNode<S, A>[] => {
        const path: MctsNode<S, A>[] = [];
        let node = root;
        for (;;) {
          path.push(node);
          if (!node.children || node.children.length === 0 || done(node)) return path;
          let best = node.children[0]!;
          if (!o.uctWithFastReward) {
            const unvisited = node.children.filter((c) => c.state === null);
            if (unvisited.length) {
              best = unvisited.reduce((a, b) => (b.fastReward > a.fastReward ? b : a));
              path.push(best);
              return path;
            }
          }
          let bestV = -Infinity;
          for (const c of node.children) {
            const v = uct(Q(c), N(node), N(c), o.wExp);
            if (v > bestV) {
              bestV = v;
              best = c;
            }
          }
          ro.onEvent?.({ type: 'select', depth: node.depth, index: node.children.indexOf(best) });
          node = best;
        }
      };
      const simulate = async (path: MctsNode<S, A>[]) => {
        let node = path[path.length - 1]!;
        for (;;) {
          if (node.state === null || node.children === null) await expand(node);
          if (done(node) || !node.children || node.children.length === 0) return;
          let best = node.children[0]!;
          for (const c of node.children) if (c.fastReward > best.fastReward) best = c;
          node = best;
          path.push(node);
        }
      };
      let maxReward = -Infinity;
      let bestPath: MctsNode<S, A>[] | undefined;
      let bestIterPath: MctsNode<S, A>[] | undefined;
      let bestIter = -Infinity;
      let lastPath: MctsNode<S, A>[] = [root];
      let lastTerminal: MctsNode<S, A>[] | undefined;
      let stop: StopReason = 'iterations';
      for (let it = 0; it < o.nIters; it++) {
        const why = guard(expansions);
        if (why) {
          stop = why;
          break;
        }
        const path = select();
        if (!done(path[path.length - 1]!)) {
          await expand(path[path.length - 1]!);
          await simulate(path);
        } else if (path[path.length - 1]!.state === null) await expand(path[path.length - 1]!);
        const cum = backpropagate(path);
        ro.onEvent?.({ type: 'backprop', values: path.map((n) => n.cumRewards[n.cumRewards.length - 1]!) });
        lastPath = path;
        const end = path[path.length - 1]!;
        if (end.isTerminal) {
          lastTerminal = path;
          ro.onEvent?.({ type: 'terminal', depth: end.depth, reward: cum });
          if (cum > maxReward) {
            maxReward = cum;
            bestPath = path;
          }
        }
        // llm-reasoners: max_iter keeps the best iteration that ended in a terminal state
        // (a depth-limited or dead-end leaf is not an answer).
        if (end.isTerminal && cum > bestIter) {
          bestIter = cum;
          bestIterPath = path;
        }
      }
      let out: MctsNode<S, A>[];
      switch (o.output) {
        case 'max_reward':
          out = bestPath ?? [root];
          break;
        case 'max_iter':
          out = bestIterPath ?? [root];
          break;
        case 'last_iter':
          out = lastPath;
          break;
        case 'last_terminal_iter':
          out = lastTerminal ?? [root];
          break;
        case 'follow_max':
        case 'max_visit': {
          out = [root];
          let n = root;
          while (n.children && n.children.some((c) => c.state !== null)) {
            const visited = n.children.filter((c) => c.state !== null);
            n = visited.reduce((a, b) => ((o.output === 'max_visit' ? N(b) > N(a) : b.reward > a.reward) ? b : a));
            out.push(n);
          }
          break;
        }
      }
      const end = out[out.length - 1]!;
      return {
        trace: { states: out.map((n) => n.state as S), actions: out.slice(1).map((n) => n.action as A) },
        stopReason: stop,
        terminal: end.isTerminal,
        expansions,
      };
    },
  };
  return alg;
}
