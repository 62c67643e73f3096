import { z } from 'zod';
import { InvalidOptionsError } from '../errors/index.js';

/** zod schema of `GroupAdvantageOptions`: validates it and applies its defaults. */
export const GroupAdvantageOptionsSchema = z.object({
  /** Standard deviation: `'unbiased'` (n − 1, torch default as in RULE's trainer; ref) or `'biased'` (n). */
  std: z.enum(['unbiased', 'biased']).default('unbiased'),
  /** Added to σ (ref: 1e-6). */
  eps: z.number().nonnegative().default(1e-6),
});
/** Input accepted by `GroupAdvantageOptionsSchema` (optional fields may be omitted; defaults are applied when parsed). */
export type GroupAdvantageOptions = z.input<typeof GroupAdvantageOptionsSchema>;

/** Statistics of one GRPO group of rewards. */
export interface GroupStats {
  mean: number;
  std: number;
  /** All rewards equal: advantages are 0 (ReRULE's "easy case"). */
  zeroVariance: boolean;
  /** Fraction of samples with reward exactly 1 (pass@1 of the group). */
  passRate: number;
}

/** Mean, standard deviation, zero-variance flag and pass rate of a group's rewards. */
export function groupStats(rewards: readonly number[], o: GroupAdvantageOptions = {}): GroupStats {
  const { std: kind } = GroupAdvantageOptionsSchema.parse(o);
  return groupStatsOf(rewards, kind === 'unbiased');
}

/** `groupStats` with options already parsed (no zod per call): for hot loops such as the rollout exporter. */
export function groupStatsOf(rewards: readonly number[], unbiased: boolean): GroupStats {
  if (rewards.length === 0) throw new InvalidOptionsError('groupStats: empty group', 'rewards');
  const n = rewards.length;
  let s = 0;
  for (const r of rewards) s += r;
  const mean = s / n;
  let ss = 0;
  for (const r of rewards) ss += (r - mean) * (r - mean);
  const denom = unbiased ? n - 1 : n;
  const std = denom > 0 ? Math.sqrt(ss / denom) : 0;
  return { mean, std, zeroVariance: rewards.every((r) => r === rewards[0]), passRate: rewards.filter((r) => r === 1).length / n };
}

/** GRPO advantages of one prompt group: (r − mean)/(std + eps), broadcast to every response token by the trainer. */
export function groupAdvantages(rewards: readonly number[], o: GroupAdvantageOptions = {}): number[] {
  const { eps } = GroupAdvantageOptionsSchema.parse(o);
  const st = groupStats(rewards, o);
  if (st.zeroVariance) return rewards.map(() => 0);
  return rewards.map((r) => (r - st.mean) / (st.std + eps));
}

/** pass@k of reward = 1 from n samples with c successes: 1 − C(n−c, k)/C(n, k). */
export function passAtK(n: number, c: number, k: number): number {
  if (n - c < k) return 1;
  let p = 1;
  for (let i = n - c + 1; i <= n; i++) p *= 1 - k / i;
  return 1 - p;
}
