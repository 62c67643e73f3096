import { z } from 'zod';

/**
 * A RULE/EasyR1 RL row (spec §3.2): `solution` is `["<reject>", refusalExample, targetName]` or
 * `["<normal>", gold, ...moreGolds]`. In RULE's **eval** file a reject row's `solution[1]` is the
 * probe's gold answer instead of a refusal example (spec §3.3); both read the same here.
 */
export const RuleSolutionRowSchema = z.object({
  prompt: z.string(),
  solution: z.array(z.string()).min(2),
  /** MUSE rows: `qa` or `completion`. */
  mode: z.enum(['qa', 'completion']).optional(),
});
/** Parsed value of `RuleSolutionRowSchema` (defaults applied). */
export type RuleSolutionRow = z.infer<typeof RuleSolutionRowSchema>;

/** zod schema of the valid `Variant` values. */
export const VariantSchema = z.enum(['qa', 'cloze', 'completion', 'adversarial']);
/** Parsed value of `VariantSchema` (defaults applied). */
export type Variant = z.infer<typeof VariantSchema>;

/** Our labelled row (spec §11): refuse rows name the target, answer rows carry ≥ 1 reference. */
export const RewardRowSchema = z.discriminatedUnion('label', [
  z.object({
    label: z.literal('refuse'),
    id: z.string(),
    prompt: z.string(),
    target: z.string().min(1),
    /** Names that also count as a target mention (ours; RULE uses the exact target only). */
    aliases: z.array(z.string().min(1)).optional(),
    refusalExample: z.string().optional(),
    /** Gold answers of the forget item (for the leak penalty; absent in RULE's rows). */
    gold: z.array(z.string()).optional(),
    variant: VariantSchema.optional(),
  }),
  z.object({
    label: z.literal('answer'),
    id: z.string(),
    prompt: z.string(),
    references: z.array(z.string()).min(1),
    variant: VariantSchema.optional(),
  }),
]);
/** Parsed value of `RewardRowSchema` (defaults applied). */
export type RewardRow = z.infer<typeof RewardRowSchema>;

/** `reject_with_fb_neighbor_target.json` row (spec §3.1). */
export const RuleSourceRowSchema = z.object({
  instruction: z.string(),
  input: z.string(),
  output: z.string(),
  FB_instruction: z.string(),
  neighbor_question: z.object({ question: z.string(), answer: z.string() }),
  FB_neighbor_question: z.object({ question: z.string(), answer: z.string() }),
  subject: z.string(),
  intro: z.string(),
});
/** Parsed value of `RuleSourceRowSchema` (defaults applied). */
export type RuleSourceRow = z.infer<typeof RuleSourceRowSchema>;

/** RS SFT row `reject_target.json` (alpaca form). */
export const RuleSftRowSchema = z.object({ instruction: z.string(), input: z.string(), output: z.string(), subject: z.string().optional(), intro: z.string().optional() });
/** Parsed value of `RuleSftRowSchema` (defaults applied). */
export type RuleSftRow = z.infer<typeof RuleSftRowSchema>;

/** RWKU probe (`forget_level{1,2,3}.json`, `neighbor_level{1,2}.json`). */
export const RwkuProbeSchema = z.object({
  query: z.string(),
  answer: z.string(),
  level: z.enum(['1', '2', '3']),
  type: z.string(),
  subject: z.string(),
  neighbor: z.string().optional(),
});
/** Parsed value of `RwkuProbeSchema` (defaults applied). */
export type RwkuProbe = z.infer<typeof RwkuProbeSchema>;

/** RWKU MIA row. */
export const RwkuMiaRowSchema = z.object({ text: z.string(), ngram: z.number().int(), subject: z.string() });
/** RWKU utility rows. */
export const RwkuMmluRowSchema = z.object({ task: z.string(), question: z.string(), choices: z.array(z.string()), answer: z.number().int(), subject: z.string() }).loose();
/** zod schema of a `RwkuBbhRow`: validates it and applies its defaults. */
export const RwkuBbhRowSchema = z.object({ task: z.string(), question: z.string(), answer: z.string(), cot: z.string(), subject: z.string() });
/** zod schema of a `RwkuTruthfulRow`: validates it and applies its defaults. */
export const RwkuTruthfulRowSchema = z.object({
  question: z.string(),
  mc1_targets: z.object({ choices: z.array(z.string()), labels: z.array(z.number().int()) }),
  mc2_targets: z.object({ choices: z.array(z.string()), labels: z.array(z.number().int()) }),
  subject: z.string(),
});
/** zod schema of a `RwkuTriviaRow`: validates it and applies its defaults. */
export const RwkuTriviaRowSchema = z.object({ question: z.string(), answers: z.array(z.string()), subject: z.string() });
/** zod schema of a `RwkuFluencyRow`: validates it and applies its defaults. */
export const RwkuFluencyRowSchema = z.object({ instruction: z.string(), subject: z.string() });
/** zod schema of a `RwkuPassageRow`: validates it and applies its defaults. */
export const RwkuPassageRowSchema = z.object({ text: z.string(), subject: z.string() });
