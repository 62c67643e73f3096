import { z } from 'zod';

/** One scored item: a candidate text against one or more references (spec §2.1). */
export interface Sample {
  id: string;
  references: string[];
  candidate: string;
}

/** zod schema of a `Sample`: validates it and applies its defaults. */
export const SampleSchema = z.object({
  id: z.string().min(1),
  references: z.array(z.string()).min(1),
  candidate: z.string(),
});
