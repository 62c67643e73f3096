export interface InstanceOutcome {
  valid: boolean;
  status: string;
  cost?: number;
  optimalCost?: number;
  executablePrefix: number;
  planLength: number;
  goalSatisfied: number;
  /** The extracted plan, `(name args)` per step (for step accuracy and the extraction rate). */
  plan?: string[];
  /** The gold (reference) plan, when known. */
  goldPlan?: string[];
  skippedLines?: number;
  llmCalls?: number;
  tokens?: number;
  wallMs?: number;
  expansions?: number;
}

/** Mean and 95th percentile (nearest rank, our choice) of a usage statistic. */
export interface UsageStat {
  mean: number;
  p95: number;
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
  /**
   * Step accuracy vs the gold plan — **not a validity measure** (a valid plan that differs from
   * the gold one scores low): mean over outcomes with a gold plan of (positions i where
   * plan[i] = gold[i]) / |gold|. null when no outcome has a gold plan.
   */
  stepAccuracy: number | null;
  /** Outcomes with at least one extracted action / outcomes that report `plan` (null if none do). */
  extractionRate: number | null;
  /** Total skipped lines (over outcomes that report them). */
  skippedLines: number;
  /** Per-instance usage: mean and p95 over the outcomes that report each field (null when none do). */
  usage: { llmCalls: UsageStat | null; tokens: UsageStat | null; wallMs: UsageStat | null; expansions: UsageStat | null };
}

/** Nearest-rank percentile (our choice): the ⌈q·n⌉-th smallest value; NaN for an empty list. */
export function percentile(xs: readonly number[], q: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length, Math.max(1, Math.ceil(q * s.length))) - 1]!;
}

const norm = (a: string) => a.trim().toLowerCase().replace(/\s+/g, ' ');

/** Fraction of gold positions where the plan has the same action (an empty gold plan: 1 iff the plan is empty too). */
export function stepAccuracy(plan: readonly string[], gold: readonly string[]): number {
  if (gold.length === 0) return plan.length === 0 ? 1 : 0;
  let k = 0;
  for (let i = 0; i < gold.length; i++) if (plan[i] !== undefined && norm(plan[i]!) === norm(gold[i]!)) k++;
  return k / gold.length;
}

function usageStat(xs: (number | undefined)[]): UsageStat | null {
  const v = xs.filter((x): x is number => x !== undefined);
  if (v.length === 0) return null;
  return { mean: v.reduce((a, b) => a + b, 0) / v.length, p95: percentile(v, 0.95) };
}

/** Spec §5.7 metrics. */
export function computeMetrics(outcomes: InstanceOutcome[]): PlanMetrics {
  const n = outcomes.length;
  const valid = outcomes.filter((o) => o.valid);
  const optimal = valid.filter((o) => o.optimalCost !== undefined && o.cost === o.optimalCost);
  const ratios = valid.filter((o) => o.optimalCost && o.cost !== undefined).map((o) => o.cost! / o.optimalCost!);
  const failures: Record<string, number> = {};
  for (const o of outcomes) if (!o.valid) failures[o.status] = (failures[o.status] ?? 0) + 1;
  const withGold = outcomes.filter((o) => o.goldPlan !== undefined);
  const withPlan = outcomes.filter((o) => o.plan !== undefined);
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
    stepAccuracy: withGold.length ? mean(withGold.map((o) => stepAccuracy(o.plan ?? [], o.goldPlan!))) : null,
    extractionRate: withPlan.length ? withPlan.filter((o) => o.plan!.length > 0).length / withPlan.length : null,
    skippedLines: outcomes.reduce((a, o) => a + (o.skippedLines ?? 0), 0),
    usage: {
      llmCalls: usageStat(outcomes.map((o) => o.llmCalls)),
      tokens: usageStat(outcomes.map((o) => o.tokens)),
      wallMs: usageStat(outcomes.map((o) => o.wallMs)),
      expansions: usageStat(outcomes.map((o) => o.expansions)),
    },
  };
}
