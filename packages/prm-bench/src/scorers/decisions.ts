import { z } from 'zod';
import type { StepScoreResult } from './scorer.js';

/** How per-step scores become labels (true = correct). */
export type Decision =
  | { kind: 'threshold'; threshold: number }
  | { kind: 'delta'; threshold: number }
  | { kind: 'explicit' };

/** zod schema of a `Decision`: validates it and applies its defaults. */
export const DecisionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('threshold'), threshold: z.number() }),
  z.object({ kind: z.literal('delta'), threshold: z.number() }),
  z.object({ kind: z.literal('explicit') }),
]);

/** Upstream wrapper defaults [ref: ssmisya/PRMBench `mr_eval/models/*.py`, spec §3.2]. */
export const DECISIONS = {
  /** Qwen2.5-Math-PRM: p(class 1) at each `<extra_0>` > 0.5. */
  qwenPrm: { kind: 'threshold', threshold: 0.5 },
  /** Math-Shepherd: p(+) over the +/- logits at each `ки` > 0.5. */
  mathShepherd: { kind: 'threshold', threshold: 0.5 },
  /** RLHFlow: p(+) > 0.5. */
  rlhflow: { kind: 'threshold', threshold: 0.5 },
  /** PURE: p(+) − p(−) > 0. */
  pure: { kind: 'threshold', threshold: 0 },
  /** Llemma-7B PRM: sigmoid > 0.5. */
  llemma: { kind: 'threshold', threshold: 0.5 },
  /** MATH-Minos: raw logit > 0. */
  mathMinos: { kind: 'threshold', threshold: 0 },
  /** ReasonEval validity p(neutral) + p(positive) > 0.5. */
  reasonEval: { kind: 'threshold', threshold: 0.5 },
  /** Skywork-PRM: first differences r1, r2 − r1, … > −0.05. */
  skywork: { kind: 'delta', threshold: -0.05 },
  /** LLM critics: JSON validity ∈ [−1, 1] > 0. */
  llmCritic: { kind: 'threshold', threshold: 0 },
} as const satisfies Record<string, Decision>;

/** r₁, r₂ − r₁, r₃ − r₂, … (Skywork's reward differences). */
export function firstDifferences(scores: readonly number[]): number[] {
  return scores.map((s, i) => (i === 0 ? s : s - scores[i - 1]!));
}

/**
 * Labels from a result: `score > t` (strict: a score equal to the threshold is an error
 * [spec pitfall 6]), the delta rule, or the scorer's own labels. Undefined when the result has
 * neither (an invalid result).
 */
export function applyDecision(result: StepScoreResult, decision: Decision): boolean[] | undefined {
  if (!result.valid) return undefined;
  if (decision.kind === 'explicit' || (result.labels && !result.scores)) return result.labels ? [...result.labels] : undefined;
  if (!result.scores) return undefined;
  const values = decision.kind === 'delta' ? firstDifferences(result.scores) : result.scores;
  return values.map((v) => v > decision.threshold);
}

/** Redundancy labels from critic redundancy scores (> threshold = redundant); ReasonEval uses 0.15 [ref]. */
export function redundancyLabels(result: StepScoreResult, threshold = 0): boolean[] | undefined {
  return result.valid && result.redundancy ? result.redundancy.map((v) => v > threshold) : undefined;
}
