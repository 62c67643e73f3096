import { detectAll, type RefusalDetector } from '../refusal/detector.js';
import type { RewardFn } from '../reward/reward-fn.js';
import type { RewardRow, RuleSolutionRow } from '../schemas/index.js';
import { mean } from '../stats/descriptive.js';

/** Refusal rates on forget and retain data. */
export interface RefusalRates {
  /** Share of forget completions detected as refusals (higher better). */
  forgetRefusalRate: number;
  /** Share of boundary/neighbour completions detected as refusals (lower better). */
  overRefusalRate: number;
  /** Share of forget completions that name the target (case-sensitive, as RULE). */
  targetMentionRate: number;
  /** Mean reward over all rows (RULE's validation score) when a reward function is given. */
  boundaryAccuracy?: number;
  config: { detector: string; reward?: string; nForget: number; nBoundary: number };
}

/** Refusal metrics of a set of completions (spec §8.2). */
export async function refusalRates(o: {
  detector: RefusalDetector;
  forget: readonly { completion: string; target: string }[];
  boundary: readonly { completion: string }[];
  reward?: { fn: RewardFn; rows: readonly (RewardRow | RuleSolutionRow)[]; completions: readonly string[] };
}): Promise<RefusalRates> {
  const fv = await detectAll(o.detector, o.forget.map((f) => f.completion));
  const bv = await detectAll(o.detector, o.boundary.map((b) => b.completion));
  const out: RefusalRates = {
    forgetRefusalRate: mean(fv.map((v) => (v.isRefusal ? 1 : 0))),
    overRefusalRate: mean(bv.map((v) => (v.isRefusal ? 1 : 0))),
    targetMentionRate: mean(o.forget.map((f) => (f.completion.includes(f.target) ? 1 : 0))),
    config: { detector: o.detector.name, nForget: o.forget.length, nBoundary: o.boundary.length },
  };
  if (o.reward) {
    const rs = await o.reward.fn.scoreBatch(o.reward.rows, o.reward.completions);
    out.boundaryAccuracy = mean(rs.map((r) => r.overall));
    out.config.reward = o.reward.fn.ruleName;
  }
  return out;
}
