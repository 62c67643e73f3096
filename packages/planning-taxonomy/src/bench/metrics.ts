export interface InstanceOutcome {
  valid: boolean;
  status: string;
  cost?: number;
  optimalCost?: number;
  executablePrefix: number;
  planLength: number;
  goalSatisfied: number;
}

export interface PlanMetrics {
  n: number;
  /** Success rate: valid plans / N. */
  sr: number;
  /** Optimal rate: valid and cost = c* / N. */
  or: number;
  /** Optimal among valid plans. */
  orValid: number;
  /** Mean cost / c* over valid plans. */
  cr: number;
  /** Mean executable-prefix ratio (empty plan = 0). */
  ex: number;
  /** Mean goal fraction satisfied. */
  gs: number;
  failures: Record<string, number>;
}

/** Spec §5.7 metrics. */
export function computeMetrics(outcomes: InstanceOutcome[]): PlanMetrics {
  const n = outcomes.length;
  const valid = outcomes.filter((o) => o.valid);
  const optimal = valid.filter((o) => o.optimalCost !== undefined && o.cost === o.optimalCost);
  const ratios = valid.filter((o) => o.optimalCost && o.cost !== undefined).map((o) => o.cost! / o.optimalCost!);
  const failures: Record<string, number> = {};
  for (const o of outcomes) if (!o.valid) failures[o.status] = (failures[o.status] ?? 0) + 1;
  const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
  return {
    n,
    sr: n ? valid.length / n : 0,
    or: n ? optimal.length / n : 0,
    orValid: valid.length ? optimal.length / valid.length : 0,
    cr: mean(ratios),
    ex: mean(outcomes.map((o) => (o.planLength ? o.executablePrefix / o.planLength : 0))),
    gs: mean(outcomes.map((o) => o.goalSatisfied)),
    failures,
  };
}
