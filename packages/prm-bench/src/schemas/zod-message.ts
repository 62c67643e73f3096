import type { z } from 'zod';
import { PrmBenchError, where, type PrmBenchErrorKind } from '../errors/prm-bench-error.js';

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

/** Parses `value` with `schema` or throws `PrmBenchError(kind)` as `file:line: <what>: field …`. */
export function parseAt<S extends z.ZodType>(schema: S, value: unknown, what: string, at: { file?: string; line?: number; kind?: PrmBenchErrorKind } = {}): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const { message, field } = describeIssues(parsed.error);
  throw new PrmBenchError(at.kind ?? 'invalid-record', `${where(at.file, at.line)}${what}: ${message}`, { file: at.file, record: at.line, field });
}
