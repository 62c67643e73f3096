import { readdirSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PrmBenchError, where } from '../errors/prm-bench-error.js';
import type { SourceRecord } from '../load/bench-item.js';

/**
 * The data files of `path`: the file itself, or the `*.jsonl` (and with `json: true`, `*.json`)
 * files directly in the directory (non-recursive, as the upstream loader), sorted by name.
 */
export function listDataFiles(path: string, options: { json?: boolean } = {}): string[] {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    throw new PrmBenchError('missing-path', `data path not found: ${path}`, { file: path });
  }
  if (stat.isFile()) return [path];
  const pattern = options.json ? /\.jsonl?$/ : /\.jsonl$/;
  const files = readdirSync(path)
    .filter((f) => pattern.test(f))
    .sort()
    .map((f) => join(path, f))
    .filter((f) => statSync(f).isFile());
  if (files.length === 0) {
    throw new PrmBenchError('no-data-files', `no ${options.json ? '.json/.jsonl' : '.jsonl'} files in directory ${path}`, { file: path });
  }
  return files;
}

/**
 * Streams the records of files file by file: JSONL lines as `{ file, line, text }` (1-based line
 * numbers, blank lines skipped), a `.json` array as one record per element (`line` = element number).
 */
export async function* readDataFiles(files: readonly string[]): AsyncGenerator<SourceRecord> {
  for (const file of files) {
    const text = await readFile(file, 'utf8');
    if (file.endsWith('.json')) {
      let arr: unknown;
      try {
        arr = JSON.parse(text);
      } catch (e) {
        throw new PrmBenchError('invalid-json', `${where(file, undefined)}malformed JSON (${(e as Error).message})`, { file });
      }
      if (!Array.isArray(arr)) throw new PrmBenchError('invalid-json', `${file}: expected a JSON array of records`, { file });
      for (let i = 0; i < arr.length; i++) yield { file, line: i + 1, value: arr[i] };
      continue;
    }
    let start = 0;
    let line = 0;
    while (start <= text.length) {
      let end = text.indexOf('\n', start);
      if (end < 0) end = text.length;
      line++;
      const raw = text.slice(start, end);
      const clean = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
      if (clean.trim() !== '') yield { file, line, text: clean };
      start = end + 1;
    }
  }
}
