import { z } from 'zod';

/** One forget or boundary query with its answer (spec §7). */
export const SynthItemSchema = z.object({
  id: z.string(),
  kind: z.enum(['forget', 'boundary']),
  variant: z.enum(['qa', 'cloze']),
  question: z.string(),
  /** Gold answer (boundary items; forget items may carry it for the leak penalty). */
  answer: z.string().optional(),
  /** The model's own answer (for the answerability filter). */
  selfAnswer: z.string().optional(),
  target: z.string(),
  neighbor: z.string().optional(),
  /** Id of the forget item this boundary item was derived from. */
  sourceId: z.string().optional(),
});
/** Parsed value of `SynthItemSchema` (defaults applied). */
export type SynthItem = z.infer<typeof SynthItemSchema>;
