import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { ReasonkitError } from '@reasonkit/core';

/**
 * A `Map` persisted as an append-only JSON Lines file (`{"k": key, "v": value}` per line), for the
 * synthesis and judge caches: every new entry is one `appendFileSync` line, so a crash loses at most the
 * line being written (a torn last line is ignored on load) and a rerun resumes without repeating model
 * calls or duplicating items.
 */
export class JsonlCache<V = unknown> extends Map<string, V> {
  readonly path: string;
  /** Lines skipped on load because they were torn by a crash. */
  readonly skippedLines: number;
  private loading = true;

  constructor(path: string) {
    super();
    this.path = path;
    let skipped = 0;
    if (existsSync(path)) {
      const lines = readFileSync(path, 'utf8').split('\n');
      lines.forEach((line, i) => {
        if (line.trim() === '') return;
        try {
          const e = JSON.parse(line) as { k: string; v: V };
          if (typeof e.k !== 'string') throw new Error('k is not a string');
          super.set(e.k, e.v);
        } catch (err) {
          if (i === lines.length - 1 || (i === lines.length - 2 && lines[lines.length - 1] === '')) skipped++;
          else throw new ReasonkitError('INVALID_ARGUMENT', `${path}:${i + 1}: not a cache line (${(err as Error).message})`, { file: path, record: i + 1 });
        }
      });
    }
    this.skippedLines = skipped;
    this.loading = false;
  }

  override set(key: string, value: V): this {
    if (!this.loading && !(super.has(key) && super.get(key) === value)) appendFileSync(this.path, JSON.stringify({ k: key, v: value }) + '\n');
    return super.set(key, value);
  }
}
