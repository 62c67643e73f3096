import { createHash } from 'node:crypto';
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { createConcurrencyLimit } from '@reasonkit/core';
import type { ReportLabeler } from '../clinical/labeler.js';

/** Cache key of a text under a labeler: sha256 of `labeler.id`, NUL, text. */
export function labelCacheKey(labelerId: string, text: string): string {
  return createHash('sha256').update(labelerId).update('\0').update(text).digest('hex');
}

/**
 * Loads a JSONL label cache (`{"key","labels"}` lines). A torn last line left by a crash is
 * ignored, so a re-run resumes from every complete line.
 */
export async function loadLabelCache(file: string): Promise<Map<string, Int8Array>> {
  const map = new Map<string, Int8Array>();
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return map;
    throw e;
  }
  for (const line of text.split('\n')) {
    if (!line) continue;
    try {
      const r = JSON.parse(line) as { key: string; labels: number[] };
      if (typeof r.key === 'string' && Array.isArray(r.labels)) map.set(r.key, Int8Array.from(r.labels));
    } catch {
      // torn line from an interrupted run
    }
  }
  return map;
}

/** Options of labelling texts with a cache. */
export interface LabelTextsOptions {
  /** JSONL cache file; absent = no cache. */
  cacheFile?: string;
  /** Texts per labeler call; 32 [our choice]. */
  batchSize?: number;
  /** Labeler calls in flight; 2 [our choice]. */
  concurrency?: number;
  signal?: AbortSignal;
  /** Called as texts are labelled (done, total, cached). */
  onProgress?: (p: { done: number; total: number; cached: number }) => void;
}

/**
 * Labels texts through a labeler with a crash-safe cache keyed by `(labeler.id, sha256(text))`:
 * each finished batch is appended as complete lines before the next starts counting as done,
 * and distinct texts are labeled once.
 */
export async function labelTexts(labeler: ReportLabeler, texts: readonly string[], options: LabelTextsOptions = {}): Promise<Int8Array[]> {
  const batchSize = options.batchSize ?? 32;
  const cache = options.cacheFile ? await loadLabelCache(options.cacheFile) : new Map<string, Int8Array>();
  if (options.cacheFile) await mkdir(dirname(options.cacheFile), { recursive: true });
  const keys = texts.map((t) => labelCacheKey(labeler.id, t));
  const todo: { key: string; text: string }[] = [];
  const queued = new Set<string>();
  keys.forEach((k, i) => {
    if (!cache.has(k) && !queued.has(k)) {
      queued.add(k);
      todo.push({ key: k, text: texts[i]! });
    }
  });
  const cached = texts.length - todo.length;
  let done = 0;
  options.onProgress?.({ done: 0, total: todo.length, cached });
  const limit = createConcurrencyLimit(options.concurrency ?? 2);
  const batches: { key: string; text: string }[][] = [];
  for (let i = 0; i < todo.length; i += batchSize) batches.push(todo.slice(i, i + batchSize));
  // After the first failure no new batch starts; in-flight ones finish (their lines are kept), then
  // the first error is thrown, so the cache on disk is settled when the caller sees the error.
  let failure: { error: unknown } | undefined;
  await Promise.all(
    batches.map(async (batch) => {
      let release: (() => void) | undefined;
      try {
        release = await limit.acquire(options.signal);
        if (failure) return;
        options.signal?.throwIfAborted();
        const labels = await labeler.label(
          batch.map((b) => b.text),
          { signal: options.signal },
        );
        batch.forEach((b, j) => cache.set(b.key, labels[j]!));
        if (options.cacheFile) await appendFile(options.cacheFile, batch.map((b, j) => JSON.stringify({ key: b.key, labels: Array.from(labels[j]!) })).join('\n') + '\n');
        done += batch.length;
        options.onProgress?.({ done, total: todo.length, cached });
      } catch (error) {
        failure ??= { error };
      } finally {
        release?.();
      }
    }),
  );
  if (failure) throw failure.error;
  return keys.map((k) => cache.get(k)!);
}
