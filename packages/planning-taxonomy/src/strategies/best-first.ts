import * as z from 'zod';
import { lazySchema } from '@reasonkit/core';
import { MinHeap } from '../search/min-heap.js';
import type { RunOptions, SearchAlgorithm, SearchConfig, SearchResult, StopReason, WorldModel } from './search-core.js';
import { budgetGuard, parseWith } from './search-core.js';

/** zod schema of a `BestFirstOptions`: validates it and applies its defaults. */
export const BestFirstOptionsSchema = /* @__PURE__ */ lazySchema(() => z.object({
  /** `astar`: f = g + w·h, reopens on a cheaper g; `gbfs`: f = h, never reopens (as the planners). */
  mode: z.enum(['astar', 'gbfs']).default('astar'),
  /** Weight on h for A* (1 = plain A*). */
  weight: z.number().positive().default(1),
  /** Paths longer than this are not extended (unset = no limit). */
  maxDepth: z.number().int().nonnegative().optional(),
}));

/** Options of best-first search: search settings plus the state key and heuristic. */
export interface BestFirstOptions<S, A> extends z.input<typeof BestFirstOptionsSchema> {
  /** The user heuristic; `Infinity` marks a dead end (pruned). May call an LM (its calls count through `RunOptions.usage`). */
  h: (s: S) => number | Promise<number>;
  /** Step cost (default 1). Must be ≥ 0. */
  cost?: (s: S, a: A) => number;
  /** Duplicate-detection key (default: strings as is, typed arrays by content, else JSON). */
  key?: (s: S) => string;
}

interface Node<S, A> {
  state: S;
  parent: Node<S, A> | undefined;
  action: A | undefined;
  g: number;
  h: number;
  depth: number;
}

/** Default state key of best-first search: strings as is, typed arrays by content, otherwise JSON. */
export function defaultStateKey(s: unknown): string {
  if (typeof s === 'string') return s;
  if (ArrayBuffer.isView(s) && !(s instanceof DataView)) return `${s.constructor.name}:${Array.from(s as unknown as ArrayLike<number>).join(',')}`;
  return JSON.stringify(s);
}

/**
 * The open list: the package's MinHeap over indices into `items`, keyed by (f, h, insertion
 * order), so ties go to lower h, then FIFO (spec §5.4).
 */
function openList<T>() {
  const heap = new MinHeap();
  const items: (T | undefined)[] = [];
  return {
    push(f: number, h: number, v: T): void {
      heap.push(items.length, f, h);
      items.push(v);
    },
    pop(): T | undefined {
      const top = heap.pop();
      if (!top) return undefined;
      const v = items[top.value];
      items[top.value] = undefined; // release: the heap never returns an index twice
      return v;
    },
  };
}

/**
 * `BestFirst` over any world model (spec §5.5): A* (f = g + w·h) or GBFS (f = h) with a user
 * heuristic h(s). Successors come from `cfg.actions(s)` and `wm.step`; rewards are not used.
 * The goal test is on expansion (so A* with an admissible h returns a cheapest path). Budgets
 * (`expansions`, `llmCalls`, `tokens`, `ms`) and the signal are checked before every expansion
 * and every step. Without reaching a terminal state, the trace is the path to the node with the
 * lowest h seen (ties: first seen).
 */
export function bestFirstSearch<S, A>(options: BestFirstOptions<S, A>): SearchAlgorithm<S, A> {
  const o = parseWith(BestFirstOptionsSchema, { mode: options.mode, weight: options.weight, maxDepth: options.maxDepth }, 'bestFirstSearch');
  const key = options.key ?? defaultStateKey;
  const cost = options.cost ?? (() => 1);
  const fOf = (g: number, h: number) => (o.mode === 'gbfs' ? h : g + o.weight * h);
  return {
    async run(wm: WorldModel<S, A>, cfg: SearchConfig<S, A>, init: S, ro: RunOptions = {}): Promise<SearchResult<S, A>> {
      const guard = budgetGuard(ro);
      let expansions = 0;
      const trace = (n: Node<S, A>) => {
        const states: S[] = [];
        const actions: A[] = [];
        for (let x: Node<S, A> | undefined = n; x; x = x.parent) {
          states.push(x.state);
          if (x.action !== undefined) actions.push(x.action);
        }
        return { states: states.reverse(), actions: actions.reverse() };
      };
      const done = (n: Node<S, A>, stopReason: StopReason, terminal: boolean): SearchResult<S, A> => {
        if (terminal) ro.onEvent?.({ type: 'terminal', depth: n.depth, reward: -n.g });
        return { trace: trace(n), stopReason, terminal, expansions };
      };
      let stop = guard(0);
      const h0 = stop ? Infinity : await options.h(init);
      const root: Node<S, A> = { state: init, parent: undefined, action: undefined, g: 0, h: h0, depth: 0 };
      if (stop) return done(root, stop, false);
      ro.onEvent?.({ type: 'evaluate', depth: 0, value: h0 });
      let best = root;
      const open = openList<Node<S, A>>();
      const bestG = new Map<string, number>();
      const closed = new Set<string>();
      if (h0 !== Infinity) {
        open.push(fOf(0, h0), h0, root);
        bestG.set(key(init), 0);
      }
      let pruned = false;
      for (;;) {
        const n = open.pop();
        if (!n) return done(best, pruned ? 'depth-limit' : 'exhausted', false);
        const k = key(n.state);
        if (o.mode === 'gbfs') {
          if (closed.has(k)) continue;
          closed.add(k);
        } else if ((bestG.get(k) ?? Infinity) < n.g) continue; // stale entry
        if (await wm.isTerminal(n.state)) return done(n, 'terminal', true);
        if (o.maxDepth !== undefined && n.depth >= o.maxDepth) {
          pruned = true;
          continue;
        }
        if ((stop = guard(expansions))) return done(best, stop, false);
        const acts = await cfg.actions(n.state);
        expansions++;
        ro.onEvent?.({ type: 'expand', depth: n.depth, children: acts.length });
        for (const a of acts) {
          if ((stop = guard(expansions))) return done(best, stop, false);
          const { state } = await wm.step(n.state, a);
          const c = cost(n.state, a);
          const g = n.g + c;
          const ck = key(state);
          if (o.mode === 'gbfs' ? closed.has(ck) || bestG.has(ck) : (bestG.get(ck) ?? Infinity) <= g) continue;
          bestG.set(ck, g);
          if ((stop = guard(expansions))) return done(best, stop, false);
          const h = await options.h(state);
          ro.onEvent?.({ type: 'evaluate', depth: n.depth + 1, value: h });
          if (h === Infinity) continue;
          const child: Node<S, A> = { state, parent: n, action: a, g, h, depth: n.depth + 1 };
          if (h < best.h) best = child;
          open.push(fOf(g, h), h, child);
        }
        ro.onEvent?.({ type: 'select', depth: n.depth, index: 0 });
      }
    },
  };
}
