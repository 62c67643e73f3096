import * as z from 'zod';
import { parseOptions } from '@reasonkit/core';
import { normalizeAnswer } from '../metrics/normalize-answer.js';
import { verdictEntropy } from './entropy.js';

/** PG reward variant (spec §4.5). */
export type GeneratorRewardKind = 'entropy' | 'absolute-zero' | 'r-zero-asl' | 'r-zero';

/** Inputs of `generatorReward` (zod). */
export const GeneratorRewardOptionsSchema = z.object({
  /** Question/answer validity (spec §2.3 step 2). */
  valid: z.boolean(),
  /** GRM verdicts on the policy's attempts (10 in ASL), each in [0, 1]. */
  attemptScores: z.array(z.number().min(0).max(1)),
  /** `r-zero` only: the attempts' answers, for the majority-vote agreement p̂. */
  attemptAnswers: z.array(z.string()).optional(),
  /** GRM verdicts on (question, the generator's own answer) (5 in ASL). Absent: no gate. */
  selfCheckScores: z.array(z.number().min(0).max(1)).optional(),
  /** Self-check gate threshold. Default 0.8 (reference code). */
  verifyThreshold: z.number().min(0).max(1).default(0.8),
  /** Reward variant. Default `entropy` (reference code's shipped `pg_reward=entropy+verify`). */
  kind: z.enum(['entropy', 'absolute-zero', 'r-zero-asl', 'r-zero']).default('entropy'),
  /** `r-zero-asl` / `r-zero`: penalty subtracted (λ·|C_k|/B or the batch share of the BLEU cluster), computed by the caller. Default 0. */
  repetitionPenalty: z.number().min(0).default(0),
});

/** Input type of `GeneratorRewardOptionsSchema`. */
export type GeneratorRewardOptions = z.input<typeof GeneratorRewardOptionsSchema>;

/** The PG reward and its parts. */
export interface GeneratorReward {
  /** validity · gate · difficulty (format bonus not included; add `formatReward`). */
  reward: number;
  /** The variant's difficulty term before gating. */
  difficulty: number;
  /** True when the self-check gate zeroed the reward. */
  gated: boolean;
  /** Mean self-check score (undefined without self-checks). */
  selfCheckRate?: number;
}

const mean = (xs: readonly number[]) => (xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length);

/**
 * The PG's reward (spec §2.3, §4.4, §4.5), μ = mean attempt score:
 * - `entropy`: H(attempt verdicts) = −Σ p ln p (0.6931… at 5/10, 0 at 0/10 or 10/10);
 * - `absolute-zero`: 1 − μ if 0 < μ < 1 else 0 (AZR learnability);
 * - `r-zero-asl`: 1 − 2·|μ − 0.5| − repetitionPenalty;
 * - `r-zero`: min(p̂, 1 − p̂) − repetitionPenalty, p̂ = majority-vote agreement of the answers; −1 when invalid.
 * reward = 1[valid] · 1[mean(selfChecks) ≥ threshold] · difficulty.
 */
export function generatorReward(options: GeneratorRewardOptions): GeneratorReward {
  const o = parseOptions(GeneratorRewardOptionsSchema, options, 'generatorReward options');
  const mu = mean(o.attemptScores);
  let difficulty: number;
  switch (o.kind) {
    case 'entropy':
      difficulty = verdictEntropy(o.attemptScores);
      break;
    case 'absolute-zero':
      difficulty = mu > 0 && mu < 1 ? 1 - mu : 0;
      break;
    case 'r-zero-asl':
      difficulty = 1 - 2 * Math.abs(mu - 0.5) - o.repetitionPenalty;
      break;
    case 'r-zero': {
      const answers = (o.attemptAnswers ?? []).map(normalizeAnswer);
      const counts = new Map<string, number>();
      for (const a of answers) counts.set(a, (counts.get(a) ?? 0) + 1);
      const pHat = answers.length === 0 ? 0 : Math.max(...counts.values()) / answers.length;
      difficulty = Math.min(pHat, 1 - pHat) - o.repetitionPenalty;
      break;
    }
  }
  const selfCheckRate = o.selfCheckScores ? mean(o.selfCheckScores) : undefined;
  const gated = selfCheckRate !== undefined && selfCheckRate < o.verifyThreshold;
  if (!o.valid) return { reward: o.kind === 'r-zero' ? -1 : 0, difficulty, gated, selfCheckRate };
  return { reward: gated ? 0 : difficulty, difficulty, gated, selfCheckRate };
}
