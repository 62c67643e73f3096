import type { z } from 'zod';
import { ReasonkitError } from '../errors/reasonkit-error.js';

/**
 * Validates `value` with a zod schema; on failure throws an `INVALID_ARGUMENT` ReasonkitError
 * whose message lists every issue with its field path, e.g. `generate options: maxNewTokens:
 * Too small: expected number to be >=0`.
 */
export function parseOptions<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues;
  const text = issues.map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`).join('; ');
  const first = issues[0];
  throw new ReasonkitError('INVALID_ARGUMENT', `${what}: ${text}`, {
    field: first?.path.join('.') ?? '',
    issues: issues.map((i) => ({ path: i.path.map(String), message: i.message })),
  });
}
