import type { z } from 'zod';
import { ReasonkitError } from '../errors/reasonkit-error.js';

/** `messages.0.role`-style path of a zod issue; `(root)` for the object itself. */
export function issuePath(issue: z.core.$ZodIssue): string {
  return issue.path.length === 0 ? '(root)' : issue.path.map(String).join('.');
}

/** One line per issue: `path: message`. */
export function formatIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues.map((issue) => `${issuePath(issue)}: ${issue.message}`).join('; ');
}

/**
 * Parse `value` with `schema`; on failure throw `INVALID_ARGUMENT` whose message and
 * `details.field` name the first offending field path.
 */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues;
  const first = issues[0];
  throw new ReasonkitError('INVALID_ARGUMENT', `Invalid ${what}: ${formatIssues(issues)}`, {
    field: first ? issuePath(first) : undefined,
    issues: issues.map((issue) => ({ path: issuePath(issue), message: issue.message, code: issue.code })),
  });
}
