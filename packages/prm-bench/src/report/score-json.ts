import type { GroupMetrics } from '../metrics/score-steps.js';

/** The six headline fields, snake_case, as printed by `prm-bench score --json`. */
export interface ScoreFields {
  prm_score: number | null;
  f1: number | null;
  negative_f1: number | null;
  correct_step_acc: number | null;
  wrong_step_acc: number | null;
  first_error_acc: number | null;
}

/** A group's metrics as the score JSON's snake_case fields. */
export function toScoreFields(m: GroupMetrics): ScoreFields {
  return {
    prm_score: m.prmScore,
    f1: m.f1,
    negative_f1: m.f1Neg,
    correct_step_acc: m.correctStepAcc,
    wrong_step_acc: m.wrongStepAcc,
    first_error_acc: m.firstErrorAcc,
  };
}

/** `{ mode, overall, by_category, by_pattern }` (the command-line contract of `prm-bench score --json`). */
export function toScoreJson(
  mode: string,
  r: { overall: GroupMetrics; byCategory: Record<string, GroupMetrics>; byPattern: Record<string, GroupMetrics> },
): { mode: string; overall: ScoreFields; by_category: Record<string, ScoreFields>; by_pattern: Record<string, ScoreFields>; validity_rate: number | null; items: number } {
  const map = (o: Record<string, GroupMetrics>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, toScoreFields(v)]));
  return { mode, overall: toScoreFields(r.overall), by_category: map(r.byCategory), by_pattern: map(r.byPattern), validity_rate: r.overall.validityRate, items: r.overall.n };
}
