import { z } from 'zod';
import { VariantSchema } from './rule-rows.js';

/** One scored completion of an RL step (spec §11), the unit of `export.rollouts`. */
export const ScoredRolloutSchema = z.object({
  uid: z.string(),
  step: z.number().int().nonnegative(),
  promptId: z.string(),
  groupId: z.string(),
  sampleIndex: z.number().int().nonnegative(),
  prompt: z.string(),
  completion: z.string(),
  label: z.enum(['refuse', 'answer']),
  target: z.string().optional(),
  variant: VariantSchema.optional(),
  reward: z.number(),
  components: z.record(z.string(), z.number()),
  verdict: z.object({ isRefusal: z.boolean(), score: z.number(), strategy: z.string(), evidence: z.string().optional() }),
  rougeL: z.number().nullable(),
  advantage: z.number().optional(),
  policyVersion: z.string().optional(),
});
/** Parsed value of `ScoredRolloutSchema` (defaults applied). */
export type ScoredRollout = z.infer<typeof ScoredRolloutSchema>;

/** Forget / boundary / retain / neighbour items (spec §7, §8): a question, its gold answers, the set it belongs to. */
export const UnlearningItemSchema = z.object({
  id: z.string(),
  set: z.enum(['forget', 'boundary', 'retain', 'neighbor']),
  question: z.string().min(1),
  answers: z.array(z.string()),
  target: z.string().optional(),
  neighbor: z.string().optional(),
  variant: VariantSchema.optional(),
  level: z.number().int().optional(),
});
/** Parsed value of `UnlearningItemSchema` (defaults applied). */
export type UnlearningItem = z.infer<typeof UnlearningItemSchema>;
