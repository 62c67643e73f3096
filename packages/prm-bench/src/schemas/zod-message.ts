import type { z } from 'zod';

/** One line per issue: `field <path>: <message>` (the path as `a.b.0`, `<root>` when empty). */
export function describeIssues(error: z.ZodError): { message: string; field: string } {
  const first = error.issues[0];
  const field = first && first.path.length > 0 ? first.path.map(String).join('.') : '<root>';
  const message = error.issues
    .slice(0, 3)
    .map((i) => `field ${i.path.length > 0 ? i.path.map(String).join('.') : '<root>'}: ${i.message}`)
    .join('; ');
  return { message, field };
}
