import * as z from 'zod';
import { ProbeError } from '../errors/probe-error.js';

/** Know-MRI's sample keys (spec §2.1). */
export type InputKey = 'prompt' | 'prompts' | 'ground_truth' | 'triple' | 'triple_subject' | 'triple_relation' | 'triple_object';

/** Every sample key, in Know-MRI's order. */
export const INPUT_KEYS: readonly InputKey[] = ['prompt', 'prompts', 'ground_truth', 'triple', 'triple_subject', 'triple_relation', 'triple_object'];

/** The value type of each sample key. */
export interface KeyTypes {
  prompt: string;
  prompts: string[];
  ground_truth: string;
  triple: [string, string, string];
  triple_subject: string;
  triple_relation: string;
  triple_object: string;
}

/** A sample carrying at least the keys `K` (others optional). */
export type Sample<K extends InputKey = 'prompt'> = Pick<KeyTypes, K> & Partial<Omit<KeyTypes, K>> & { id?: string; meta?: Record<string, unknown> };

const KEY_SCHEMAS: { [K in InputKey]: z.ZodType<KeyTypes[K]> } = {
  prompt: z.string(),
  prompts: z.array(z.string().min(1)).min(1),
  ground_truth: z.string().min(1),
  triple: z.tuple([z.string(), z.string(), z.string()]),
  triple_subject: z.string().min(1),
  triple_relation: z.string().min(1),
  triple_object: z.string().min(1),
};

/**
 * Checks at run time that `sample` has the `required` keys with the right types (the compile-time
 * check is `Sample<K>`). Errors name the key: `missing-key`, `invalid-sample`, or `empty-prompt`
 * for a prompt that is empty or only whitespace.
 */
export function validateSample(sample: unknown, required: readonly InputKey[], method: string): Record<string, unknown> {
  if (typeof sample !== 'object' || sample === null || Array.isArray(sample)) {
    throw new ProbeError('invalid-sample', `${method}: the sample must be an object with keys ${required.join(', ')}`, { field: '(sample)' });
  }
  const s = sample as Record<string, unknown>;
  const keys = new Set<InputKey>(['prompt', ...required]);
  for (const key of keys) {
    if (s[key] === undefined) {
      throw new ProbeError('missing-key', `${method}: the sample has no "${key}" (the method requires ${required.join(', ')})`, { field: key });
    }
    const r = KEY_SCHEMAS[key].safeParse(s[key]);
    if (!r.success) {
      throw new ProbeError('invalid-sample', `${method}: sample.${key}: ${r.error.issues[0]?.message ?? 'invalid'}`, { field: key, actual: typeof s[key] });
    }
  }
  if ((s.prompt as string).trim() === '') throw new ProbeError('empty-prompt', `${method}: sample.prompt is empty`, { field: 'prompt' });
  return s;
}
