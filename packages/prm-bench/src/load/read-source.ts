import { PrmBenchError, where } from '../errors/prm-bench-error.js';
import type { RecordSource, SourceRecord } from './bench-item.js';

function isSourceRecord(x: unknown): x is SourceRecord {
  return typeof x === 'object' && x !== null && ('text' in x || 'value' in x) && !Array.isArray(x);
}

/** Parses one JSONL line; a syntax error names file and line. Blank lines give undefined. */
export function parseJsonLine(text: string, file?: string, line?: number): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new PrmBenchError('invalid-json', `${where(file, line)}malformed JSON line (${(e as Error).message})`, { file, record: line });
  }
}

/** Normalises strings, objects and `SourceRecord`s into `{ file, line, value }`; skips blank lines. */
export async function* readSource(source: RecordSource): AsyncGenerator<{ file?: string; line?: number; value: unknown }> {
  let n = 0;
  for await (const entry of source as AsyncIterable<SourceRecord | string | object>) {
    n++;
    if (typeof entry === 'string') {
      const value = parseJsonLine(entry, undefined, n);
      if (value !== undefined) yield { line: n, value };
    } else if (isSourceRecord(entry)) {
      const line = entry.line ?? n;
      const value = entry.text !== undefined ? parseJsonLine(entry.text, entry.file, line) : entry.value;
      if (value !== undefined) yield { ...(entry.file !== undefined ? { file: entry.file } : {}), line, value };
    } else {
      yield { line: n, value: entry };
    }
  }
}
