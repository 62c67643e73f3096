import { z } from 'zod';
import { PrmBenchError } from '../errors/prm-bench-error.js';
import type { StepScoreResult } from '../scorers/scorer.js';

/** One checkpoint line: `{ v: 1, scorerId, itemId, inputHash, result, ts }` (spec §6). */
export interface CacheEntry {
  v: 1;
  scorerId: string;
  itemId: string;
  inputHash: string;
  result: StepScoreResult;
  ts: number;
}

/** zod schema of a `CacheEntry`: validates it and applies its defaults. */
export const CacheEntrySchema = z.object({
  v: z.literal(1),
  scorerId: z.string(),
  itemId: z.string(),
  inputHash: z.string(),
  result: z.looseObject({ valid: z.boolean() }),
  ts: z.number(),
});

/** Where finished results go: append-only, loaded once at the start of a run. */
export interface ResultCache {
  /** Existing entries. Throws when an entry belongs to another scorer (a resumed run must not mix scorers). */
  load(scorerId: string): Promise<CacheEntry[]>;
  /** Appends one result to the cache. */
  append(entry: CacheEntry): Promise<void>;
  /** Flushes and closes the cache. */
  close?(): Promise<void>;
}

/** An in-memory cache (browser-safe; for tests and single-process reuse). */
export function memoryCache(initial: CacheEntry[] = []): ResultCache & { readonly entries: readonly CacheEntry[] } {
  const entries = [...initial];
  return {
    entries,
    async load(scorerId) {
      const other = entries.find((e) => e.scorerId !== scorerId);
      if (other) {
        throw new PrmBenchError('scorer-mismatch', `cache holds results of scorer '${other.scorerId}', not '${scorerId}'`, { field: 'scorerId', expected: scorerId, actual: other.scorerId });
      }
      return [...entries];
    },
    async append(entry) {
      entries.push(entry);
    },
  };
}
