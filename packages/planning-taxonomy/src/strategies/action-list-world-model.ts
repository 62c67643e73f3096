import type { WorldModel } from './search-core.js';

/** Options of a world model whose actions come from a fixed list. */
export interface ActionListWorldModelOptions<A> {
  /** Terminal test over the actions so far (default: never terminal, as llm-reasoners' DefaultWorldModel). */
  isTerminal?: (actions: readonly A[]) => boolean | Promise<boolean>;
  /** Optional depth cap: a list of this many actions is terminal (our choice; unset = no cap). */
  maxDepth?: number;
}

/**
 * ToT-style world model (llm-reasoners' `DefaultWorldModel`): the state is the list of actions
 * taken so far. `init` returns `[]`, `step(s, a)` returns a new list `[...s, a]` (states are never
 * mutated, so search trees can share prefixes safely). No LLM calls.
 */
export function actionListWorldModel<A, E = unknown>(options: ActionListWorldModelOptions<A> = {}): WorldModel<readonly A[], A, E> {
  const { isTerminal, maxDepth } = options;
  return {
    init: () => [],
    step: async (s, a) => ({ state: [...s, a] }),
    isTerminal: (s) => {
      if (maxDepth !== undefined && s.length >= maxDepth) return true;
      return isTerminal ? isTerminal(s) : false;
    },
  };
}
