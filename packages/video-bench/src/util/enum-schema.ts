import { z } from 'zod';

/**
 * `z.enum(values)` typed as a plain `ZodType` of the union of the values: the same validation and
 * messages, but the generated API docs show the union instead of zod's internal
 * `{ value: value }` object (whose members would each need a doc comment).
 */
export function enumSchema<const T extends readonly [string, ...string[]]>(values: T): z.ZodType<T[number], T[number]> {
  return z.enum(values) as unknown as z.ZodType<T[number], T[number]>;
}
