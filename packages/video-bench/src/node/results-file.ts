import { mkdir, open, readFile, truncate, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ReasonkitError } from '@reasonkit/core';
import type { z } from 'zod';
import { type RunHeader, RunHeaderSchema, type RunRow, RunRowSchema } from '../run/run-row.js';

/** A results file as read by {@link readResults}. */
export interface ResultsFile {
  /** The header line, when the file has one. */
  header?: RunHeader;
  /** The latest row of each id, in first-seen order (a later row replaces an earlier one, e.g. a retried error). */
  rows: Map<string, RunRow>;
  /** Complete lines read (header included). */
  lines: number;
  /** Warnings, e.g. a torn last line that was dropped. */
  warnings: string[];
}

function parseJsonLine(line: string, file: string, n: number): unknown {
  try {
    return JSON.parse(line);
  } catch (error) {
    throw new ReasonkitError('INVALID_ARGUMENT', `${file}: line ${n}: not valid JSON (${(error as Error).message})`, { file, record: `line ${n}` });
  }
}

function parseLine<S extends z.ZodType>(schema: S, value: unknown, file: string, n: number): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.join('.');
    throw new ReasonkitError('INVALID_ARGUMENT', `${file}: line ${n}: field "${field}": ${issue.message}`, { file, record: `line ${n}`, field });
  }
  return parsed.data;
}

/**
 * Reads a results file (spec §6.2): a header line, then one row per line. A last line without
 * its newline is a torn write: it is cut off the file (`repair: true`, the default when resuming)
 * or just ignored, with a warning. A malformed line elsewhere is an error naming file, line and field.
 */
export async function readResults(file: string, options: { repair?: boolean } = {}): Promise<ResultsFile> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { rows: new Map(), lines: 0, warnings: [] };
    throw error;
  }
  const lines = text.split('\n');
  const last = lines.pop()!;
  const warnings: string[] = [];
  if (last !== '') {
    warnings.push(`${file}: line ${lines.length + 1}: torn last line (${Buffer.byteLength(last)} bytes without a newline) dropped`);
    if (options.repair ?? false) await truncate(file, Buffer.byteLength(text) - Buffer.byteLength(last));
  }
  const out: ResultsFile = { rows: new Map(), lines: 0, warnings };
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    out.lines++;
    const value = parseJsonLine(line, file, i + 1);
    if ((value as { kind?: unknown } | null)?.kind === 'header') {
      if (out.header) throw new ReasonkitError('INVALID_ARGUMENT', `${file}: line ${i + 1}: a second header line`, { file, record: `line ${i + 1}`, field: 'kind' });
      out.header = parseLine(RunHeaderSchema, value, file, i + 1);
      return;
    }
    const row = parseLine(RunRowSchema, value, file, i + 1);
    out.rows.delete(row.id); // keep first-seen order of the latest row
    out.rows.set(row.id, row);
  });
  return out;
}

/** An append-only writer of a results file (see {@link openResultsWriter}). */
export interface ResultsWriter {
  /** Appends one line (header or row); resolves when it is written. */
  append(line: RunHeader | RunRow): Promise<void>;
  /** Syncs and closes the file after the pending appends. */
  close(): Promise<void>;
}

/**
 * An append-only JSONL writer: each line goes out in one `write` call, writes are serialised,
 * and the file is `fdatasync`ed every `fsyncEvery` lines and on close.
 */
export async function openResultsWriter(file: string, options: { fsyncEvery?: number } = {}): Promise<ResultsWriter> {
  const fsyncEvery = options.fsyncEvery ?? 20;
  await mkdir(dirname(file), { recursive: true });
  const handle: FileHandle = await open(file, 'a');
  let chain: Promise<void> = Promise.resolve();
  let sinceSync = 0;
  const enqueue = (job: () => Promise<void>) => {
    const next = chain.then(job);
    chain = next.catch(() => {});
    return next;
  };
  return {
    append(line: RunHeader | RunRow): Promise<void> {
      return enqueue(async () => {
        await handle.write(`${JSON.stringify(line)}\n`);
        if (++sinceSync >= fsyncEvery) {
          sinceSync = 0;
          await handle.datasync();
        }
      });
    },
    close(): Promise<void> {
      return enqueue(async () => {
        await handle.datasync();
        await handle.close();
      });
    },
  };
}
