import type { ScorerInput, StepScorer, StepScoreResult } from './scorer.js';

/**
 * Wraps any async function as a scorer (rule-based checkers, remote PRM servers, fixed predictors).
 * A function returning `boolean[]` gives explicit labels; `number[]` gives scores. The call's
 * latency is recorded as `usage.latencyMs` unless the function returns its own usage.
 */
export function createFunctionScorer(
  id: string,
  fn: (item: ScorerInput, ctx: { signal?: AbortSignal }) => Promise<StepScoreResult | boolean[] | number[]> | StepScoreResult | boolean[] | number[],
): StepScorer {
  return {
    id,
    kind: 'function',
    async score(item, ctx) {
      const started = performance.now();
      const out = await fn(item, ctx);
      const usage = { latencyMs: performance.now() - started };
      if (!Array.isArray(out)) return out.usage ? out : { ...out, usage };
      if (out.every((x) => typeof x === 'boolean')) return { valid: true, labels: out as boolean[], usage };
      return { valid: true, scores: out as number[], usage };
    },
  };
}
