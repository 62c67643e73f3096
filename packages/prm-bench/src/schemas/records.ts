import { z } from 'zod';
import { PRMBENCH_CLASSIFICATIONS, TESTBED_CLASSIFICATIONS } from '../taxonomy/prmbench-taxonomy.js';
import { SOCRATIC_CLASSIFICATIONS } from '../taxonomy/socratic-taxonomy.js';

/** A 1-based step index, as in `error_steps` / `modified_steps` [data]. */
export const Step1Schema = z.int().min(1);

/** The PRMBench record format shared by Socratic-PRMBench and PRMBench [data]; unknown fields are kept. */
export const StepwiseRecordSchema = z.looseObject({
  original_question: z.string(),
  modified_question: z.string(),
  question: z.string(),
  original_process: z.array(z.string()),
  modified_process: z.array(z.string()),
  modified_steps: z.array(Step1Schema),
  error_steps: z.array(Step1Schema),
  reason: z.string(),
  idx: z.string(),
  classification: z.string(),
});
/** Parsed value of `StepwiseRecordSchema` (defaults applied). */
export type StepwiseRecord = z.output<typeof StepwiseRecordSchema>;

/** zod schema of the valid `SocraticClassification` values. */
export const SocraticClassificationSchema = z.enum(SOCRATIC_CLASSIFICATIONS as [string, ...string[]]);
/** zod schema of the valid `PrmBenchClassification` values. */
export const PrmBenchClassificationSchema = z.enum(PRMBENCH_CLASSIFICATIONS as [string, ...string[]]);
/** zod schema of the valid `TestbedClassification` values. */
export const TestbedClassificationSchema = z.enum(TESTBED_CLASSIFICATIONS);

/** zod schema of a `SocraticRecord`: validates it and applies its defaults. */
export const SocraticRecordSchema = StepwiseRecordSchema.extend({ classification: SocraticClassificationSchema });
/** zod schema of a `PrmBenchRecord`: validates it and applies its defaults. */
export const PrmBenchRecordSchema = StepwiseRecordSchema.extend({
  classification: PrmBenchClassificationSchema,
  ground_truth: z.string().optional(),
  original_response: z.unknown().optional(),
});

/** ProcessBench (`Qwen/ProcessBench`): `label` is the 0-based earliest error or −1 [data]. */
export const ProcessBenchRecordSchema = z.looseObject({
  id: z.string(),
  generator: z.string(),
  problem: z.string(),
  steps: z.array(z.string()),
  final_answer_correct: z.boolean(),
  label: z.int().min(-1),
});
/** Parsed value of `ProcessBenchRecordSchema` (defaults applied). */
export type ProcessBenchRecord = z.output<typeof ProcessBenchRecordSchema>;

/** TRL "stepwise-supervision" records. */
export const TrlStepwiseRecordSchema = z.looseObject({
  prompt: z.string(),
  completions: z.array(z.string()),
  labels: z.array(z.boolean()),
});
/** Parsed value of `TrlStepwiseRecordSchema` (defaults applied). */
export type TrlStepwiseRecord = z.output<typeof TrlStepwiseRecordSchema>;

/** One prediction line of `prm-bench score`: `{ id, labels }` (true = step judged correct). */
export const PredictionLineSchema = z.looseObject({
  id: z.string().min(1),
  labels: z.array(z.boolean()),
  /** `false` marks an invalid result (e.g. unparseable critic output); official mode drops it. */
  valid: z.boolean().optional(),
  /** PRMBench redundancy labels (true = redundant), used inverted for `redundency` / `circular`. */
  redundancy_labels: z.array(z.boolean()).optional(),
});
/** Parsed value of `PredictionLineSchema` (defaults applied). */
export type PredictionLine = z.output<typeof PredictionLineSchema>;
