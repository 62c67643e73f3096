import type { ScorerInput, StepScorer, StepScoreResult } from './scorer.js';

/**
 * Wraps any async function as a scorer (rule-based checkers, remote PRM servers, fixed predictors).
 * A function returning `boolean[]` gives explicit labels; `number[]` gives scores.
 */
export function createFunctionScorer(
  id: string,
  fn: (item: ScorerInput, ctx: { signal?: AbortSignal }) => Promise<StepScoreResult | boolean[] | number[]> | StepScoreResult | boolean[] | number[],
): StepScorer {
  return {
    id,
    kind: 'function',
    async score(item, ctx) {
      const out = await fn(item, ctx);
      if (!Array.isArray(out)) return out;
      if (out.every((x) => typeof x === 'boolean')) return { valid: true, labels: out as boolean[] };
      return { valid: true, scores: out as number[] };
    },
  };
}
