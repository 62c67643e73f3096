import { existsSync, mkdirSync } from 'node:fs';
import { open, readFile, truncate, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { PrmBenchError } from '../errors/prm-bench-error.js';
import { CacheEntrySchema, type CacheEntry, type ResultCache } from '../run/cache.js';
import { parseAt } from '../schemas/zod-message.js';

export interface JsonlCacheOptions {
  /** fsync after every line (survives power loss, costs a disk flush per item). Default false (our choice: a process crash loses nothing written). */
  fsync?: boolean;
}

/**
 * An append-only JSONL checkpoint (one `CacheEntry` per line, written in one `write` call). On
 * load, a torn last line (a crash mid-write) is cut off and ignored; a malformed line elsewhere,
 * or a line of another scorer, is an error naming the file and line.
 */
export function jsonlCache(file: string, options: JsonlCacheOptions = {}): ResultCache & { readonly file: string; readonly tornLines: number } {
  let handle: FileHandle | undefined;
  let tornLines = 0;
  const ensureOpen = async () => {
    if (!handle) {
      mkdirSync(dirname(file), { recursive: true });
      handle = await open(file, 'a');
    }
    return handle;
  };
  return {
    file,
    get tornLines() {
      return tornLines;
    },
    async load(scorerId) {
      if (!existsSync(file)) return [];
      const text = await readFile(file, 'utf8');
      const lines = text.split('\n');
      const last = lines.pop() ?? '';
      const entries: CacheEntry[] = [];
      const parse = (line: string, n: number): CacheEntry => {
        let value: unknown;
        try {
          value = JSON.parse(line);
        } catch (e) {
          throw new PrmBenchError('corrupt-cache', `${file}:${n}: malformed cache line (${(e as Error).message})`, { file, record: n });
        }
        const entry = parseAt(CacheEntrySchema, value, 'invalid cache line', { file, line: n, kind: 'corrupt-cache' }) as CacheEntry;
        if (entry.scorerId !== scorerId) {
          throw new PrmBenchError(
            'scorer-mismatch',
            `${file}:${n}: field scorerId: the cache holds results of scorer '${entry.scorerId}', not '${scorerId}'; use another cache file or the same scorer`,
            { file, record: n, field: 'scorerId', expected: scorerId, actual: entry.scorerId },
          );
        }
        return entry;
      };
      lines.forEach((line, i) => {
        if (line.trim() !== '') entries.push(parse(line, i + 1));
      });
      if (last !== '') {
        // No trailing newline: a torn write. Keep it only if it is a complete entry.
        let complete: CacheEntry | undefined;
        try {
          complete = parse(last, lines.length + 1);
        } catch (e) {
          if ((e as PrmBenchError).kind === 'scorer-mismatch') throw e;
        }
        if (complete) {
          entries.push(complete);
          const h = await ensureOpen();
          await h.write('\n');
        } else {
          tornLines++;
          await truncate(file, Buffer.byteLength(text, 'utf8') - Buffer.byteLength(last, 'utf8'));
        }
      }
      return entries;
    },
    async append(entry) {
      const h = await ensureOpen();
      await h.write(JSON.stringify(entry) + '\n');
      if (options.fsync) await h.datasync();
    },
    async close() {
      await handle?.close();
      handle = undefined;
    },
  };
}
