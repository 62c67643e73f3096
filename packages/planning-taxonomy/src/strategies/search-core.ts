import { lazySchema } from '@reasonkit/core';
import * as z from 'zod';

/** llm-reasoners' split: the world model simulates, the search config proposes and scores. */
export interface WorldModel<S, A, E = unknown> {
  /** The initial state for example `e`. */
  init(e: E): S | Promise<S>;
  /** Applies action `a` to state `s` and returns the next state. */
  step(s: S, a: A): Promise<{ state: S; aux?: object }>;
  /** True when `s` is terminal. */
  isTerminal(s: S): boolean | Promise<boolean>;
}

/** What the search needs besides the world model: actions and rewards. */
export interface SearchConfig<S, A> {
  /** Actions available in state `s`. */
  actions(s: S): Promise<A[]>;
  /** A cheap prior computed before stepping (default 0). */
  fastReward?(s: S, a: A): Promise<number>;
  /** Reward of taking action `a` in state `s`. */
  reward(s: S, a: A, ctx: { aux?: object; fastReward?: number }): Promise<number>;
}

/** An event of a search run. */
export type SearchEvent =
  | { type: 'expand'; depth: number; children: number }
  | { type: 'evaluate'; depth: number; value: number }
  | { type: 'select'; depth: number; index: number }
  | { type: 'backprop'; values: number[] }
  | { type: 'terminal'; depth: number; reward: number };

/** zod schema of `Budget`: validates it and applies its defaults. */
export const BudgetSchema = /* @__PURE__ */ lazySchema(() => z.object({
  llmCalls: z.number().int().nonnegative().optional(),
  tokens: z.number().int().nonnegative().optional(),
  ms: z.number().nonnegative().optional(),
  expansions: z.number().int().nonnegative().optional(),
}));
/** Parsed value of `BudgetSchema` (defaults applied). */
export type Budget = z.infer<typeof BudgetSchema>;

/** Options of a search run. */
export interface RunOptions {
  budget?: Budget;
  signal?: AbortSignal;
  /** Called on each search event. */
  onEvent?(e: SearchEvent): void;
  /** Shared usage counter: LM-backed configs increment it; budgets read it. */
  usage?: Usage;
}

/** LLM calls and tokens used. */
export interface Usage {
  llmCalls: number;
  promptTokens: number;
  completionTokens: number;
}

/** Zero usage. */
export const newUsage = (): Usage => ({ llmCalls: 0, promptTokens: 0, completionTokens: 0 });

/** Why a search stopped: a terminal state, exhaustion, a limit or budget, or abort. */
export type StopReason = 'terminal' | 'exhausted' | 'depth-limit' | 'iterations' | 'budget-llm-calls' | 'budget-tokens' | 'budget-ms' | 'budget-expansions' | 'aborted';

/** Result of a search: the best path, why it stopped, and usage. */
export interface SearchResult<S, A> {
  trace: { states: S[]; actions: A[] };
  stopReason: StopReason;
  /** Whether the trace ends in a terminal state. */
  terminal: boolean;
  expansions: number;
}

/** A search algorithm over a world model and a search config. */
export interface SearchAlgorithm<S, A> {
  /** Runs the search from `init`. */
  run(wm: WorldModel<S, A>, cfg: SearchConfig<S, A>, init: S, o?: RunOptions): Promise<SearchResult<S, A>>;
}

/** Checks budgets and the signal; returns a stop reason or undefined. */
export function budgetGuard(o: RunOptions = {}) {
  const budget = o.budget ? BudgetSchema.parse(o.budget) : {};
  const start = Date.now();
  return (expansions: number): StopReason | undefined => {
    if (o.signal?.aborted) return 'aborted';
    if (budget.expansions !== undefined && expansions >= budget.expansions) return 'budget-expansions';
    if (budget.llmCalls !== undefined && o.usage && o.usage.llmCalls >= budget.llmCalls) return 'budget-llm-calls';
    if (budget.tokens !== undefined && o.usage && o.usage.promptTokens + o.usage.completionTokens >= budget.tokens) return 'budget-tokens';
    if (budget.ms !== undefined && Date.now() - start >= budget.ms) return 'budget-ms';
    return undefined;
  };
}

export { parseWith } from '../search/search-options.js';

/** Softmax with temperature τ. */
export function softmax(xs: number[], tau = 1): number[] {
  const m = Math.max(...xs.map((x) => x / tau));
  const e = xs.map((x) => Math.exp(x / tau - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / s);
}
