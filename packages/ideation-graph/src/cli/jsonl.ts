import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { ReasonkitError } from '@reasonkit/core';
import type * as z from 'zod';

/**
 * Reads a JSONL file (missing → []). A torn last line (a crash mid-append) is ignored; any other bad
 * line throws naming the file, line and field.
 */
export function readJsonl<S extends z.ZodType>(path: string, schema: S): z.output<S>[] {
  if (!existsSync(path)) return [];
  const lines = readFileSync(path, 'utf8').split('\n');
  const out: z.output<S>[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] as string).trim();
    if (!line) continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (cause) {
      if (i === lines.length - 1 || lines.slice(i + 1).every((l) => !l.trim())) break;
      throw new ReasonkitError('INVALID_ARGUMENT', `${path}:${i + 1}: not JSON`, { file: path, record: i + 1 }, { cause });
    }
    const r = schema.safeParse(value);
    if (!r.success) {
      const issue = r.error.issues[0];
      const field = issue?.path.join('.') || '(root)';
      throw new ReasonkitError('INVALID_ARGUMENT', `${path}:${i + 1}: ${field}: ${issue?.message}`, { file: path, record: i + 1, field });
    }
    out.push(r.data);
  }
  return out;
}

/** Appends one record as one line (a single write, so a crash leaves at most a torn last line). */
export function appendJsonl(path: string, record: unknown): void {
  appendFileSync(path, `${JSON.stringify(record)}\n`);
}
