import { ReasonkitError } from '@reasonkit/core';
import { z } from 'zod';
import { PrmBenchError } from '../errors/prm-bench-error.js';
import type { BenchItem } from '../load/bench-item.js';
import type { Prediction } from '../metrics/prediction.js';
import { applyDecision, DecisionSchema, redundancyLabels, type Decision } from '../scorers/decisions.js';
import type { StepScorer, StepScoreResult } from '../scorers/scorer.js';
import { cacheKey, inputHash } from './cache-key.js';
import type { CacheEntry, ResultCache } from './cache.js';

/** Progress of a benchmark run (done, total, failed). */
export interface RunProgress {
  done: number;
  total: number;
  cached: number;
  invalid: number;
  failed: number;
  /** Estimated time left from the rate of freshly scored items; null before the first one. */
  etaMs: number | null;
  ratePerMin: number | null;
}

/** How the runner retries a failed item. */
export interface RetryPolicy {
  /** Attempts per item, including the first. */
  attempts: number;
  /** Wait before attempt k + 1 (k = 0 after the first failure). */
  /** Delay before retry `k` (0-based), in ms. */
  backoffMs: (k: number) => number;
}

/** zod schema of a `RunOptions`: validates it and applies its defaults. */
export const RunOptionsSchema = z.object({
  /** Items scored at once. Default 4 (our choice; API critics often need 1–4). */
  concurrency: z.int().min(1).default(4),
  /** Skip items whose key is in the cache. Default true. */
  resume: z.boolean().default(true),
  /** Retries per item on a thrown error (ABORTED is never retried). Default 5 attempts, 10 s, 15 s, 20 s, … [ref: PRMBench toolkit]. */
  retry: z
    .object({
      attempts: z.int().min(1),
      /** Delay before retry `k` (0-based), in ms. */
      backoffMs: z.custom<(k: number) => number>((v) => typeof v === 'function'),
    })
    .default({ attempts: 5, backoffMs: (k: number) => 5000 * (k + 2) }),
  decision: DecisionSchema.default({ kind: 'threshold', threshold: 0 }),
  /** Redundancy score above which a step is redundant (critics). Default 0 [ref: PRMBench critic contract]. */
  redundancyThreshold: z.number().default(0),
});

/** Options of `runBenchmark`. */
export interface RunBenchmarkOptions extends Partial<Omit<z.input<typeof RunOptionsSchema>, 'decision'>> {
  items: readonly BenchItem[];
  scorer: StepScorer;
  decision?: Decision;
  cache?: ResultCache;
  /** Called as items finish. */
  onProgress?: (p: RunProgress) => void;
  signal?: AbortSignal;
}

/** A problem with one item's result that did not stop the run. */
export interface ItemIssue {
  itemId: string;
  kind: 'score_count_mismatch';
  message: string;
  expected: number;
  actual: number;
}

/** One item's step predictions. */
export interface RunPrediction {
  itemId: string;
  scorerId: string;
  result: StepScoreResult;
  labels?: boolean[];
  redundancyLabels?: boolean[];
  /** Came from the cache. */
  cached: boolean;
}

/** An item the runner gave up on, and why. */
export interface RunFailure {
  itemId: string;
  code: string;
  message: string;
  attempts: number;
}

/** Result of `runBenchmark`: the predictions, the failures and the run's counts. */
export interface BenchmarkRun {
  scorerId: string;
  /** In input order; items that failed after all retries are absent (see `failures`). */
  predictions: RunPrediction[];
  failures: RunFailure[];
  issues: ItemIssue[];
  stats: { total: number; scored: number; cached: number; invalid: number; failed: number; elapsedMs: number };
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(new ReasonkitError('ABORTED', 'run aborted'));
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(new ReasonkitError('ABORTED', 'run aborted'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });

/** The scores (or labels) a result holds for counting against the steps. */
function resultLength(r: StepScoreResult): number | undefined {
  return r.scores?.length ?? r.labels?.length;
}

/**
 * Scores every item with a concurrency limit, an append-only cache keyed by scorer, item and
 * input (resume skips cached keys; a torn last line is the cache's business), retries with
 * backoff, cancellation and progress with ETA. Results come back in input order whatever the
 * completion order. A scorer error after all retries is reported per item (`failures`), never
 * cached, and does not stop the run; so is a result with the wrong number of scores (`issues`).
 */
export async function runBenchmark(options: RunBenchmarkOptions): Promise<BenchmarkRun> {
  const { items, scorer, cache, onProgress, signal } = options;
  const o = RunOptionsSchema.parse({
    concurrency: options.concurrency,
    resume: options.resume,
    retry: options.retry,
    decision: options.decision,
    redundancyThreshold: options.redundancyThreshold,
  });
  const start = Date.now();
  const startPerf = performance.now();
  const seenIds = new Set<string>();
  for (const item of items) {
    if (seenIds.has(item.id)) throw new PrmBenchError('invalid-options', `items: duplicate item id ${item.id}`, { field: 'items', record: item.id });
    seenIds.add(item.id);
  }
  const cached = new Map<string, CacheEntry>();
  if (cache && o.resume) {
    for (const e of await cache.load(scorer.id)) cached.set(await cacheKey(e.scorerId, e.itemId, e.inputHash), e);
  }
  const slots: (RunPrediction | undefined)[] = new Array(items.length);
  const failures: RunFailure[] = [];
  const issues: ItemIssue[] = [];
  let done = 0;
  let nCached = 0;
  let invalid = 0;
  let scored = 0;
  let appendChain: Promise<void> = Promise.resolve();

  const progress = () => {
    if (!onProgress) return;
    const elapsed = performance.now() - startPerf;
    const rate = scored > 0 ? scored / Math.max(elapsed, 1e-3) : null;
    onProgress({
      done,
      total: items.length,
      cached: nCached,
      invalid,
      failed: failures.length,
      etaMs: rate ? (items.length - done) / rate : null,
      ratePerMin: rate ? rate * 60_000 : null,
    });
  };

  const finishItem = (index: number, item: BenchItem, result: StepScoreResult, fromCache: boolean) => {
    const labels = applyDecision(result, o.decision);
    const red = redundancyLabels(result, o.redundancyThreshold);
    if (!result.valid || !labels) invalid++;
    const n = resultLength(result);
    if (result.valid && n !== undefined && n !== item.steps.length) {
      issues.push({ itemId: item.id, kind: 'score_count_mismatch', expected: item.steps.length, actual: n, message: `item ${item.id}: scorer ${scorer.id} returned ${n} scores for ${item.steps.length} steps` });
    }
    slots[index] = { itemId: item.id, scorerId: scorer.id, result, cached: fromCache, ...(labels ? { labels } : {}), ...(red ? { redundancyLabels: red } : {}) };
  };

  const scoreOne = async (index: number) => {
    const item = items[index]!;
    const hash = await inputHash(item);
    const key = await cacheKey(scorer.id, item.id, hash);
    const hit = cached.get(key);
    if (hit) {
      nCached++;
      finishItem(index, item, hit.result, true);
      done++;
      progress();
      return;
    }
    let lastError: unknown;
    for (let attempt = 0; attempt < o.retry.attempts; attempt++) {
      if (signal?.aborted) throw new ReasonkitError('ABORTED', 'run aborted');
      if (attempt > 0) await sleep(o.retry.backoffMs(attempt - 1), signal);
      try {
        const result = await scorer.score({ id: item.id, question: item.question, steps: item.steps }, signal ? { signal } : {});
        const entry: CacheEntry = { v: 1, scorerId: scorer.id, itemId: item.id, inputHash: hash, result, ts: Date.now() };
        if (cache) await (appendChain = appendChain.then(() => cache.append(entry)));
        scored++;
        finishItem(index, item, result, false);
        done++;
        progress();
        return;
      } catch (e) {
        if (ReasonkitError.is(e, 'ABORTED') || signal?.aborted) throw e;
        lastError = e;
      }
    }
    const err = lastError as { code?: string; message?: string };
    failures.push({ itemId: item.id, code: err?.code ?? 'SCORER_ERROR', message: err?.message ?? String(lastError), attempts: o.retry.attempts });
    done++;
    progress();
  };

  let next = 0;
  let abortError: unknown;
  const worker = async () => {
    while (next < items.length && abortError === undefined) {
      const index = next++;
      try {
        await scoreOne(index);
      } catch (e) {
        abortError ??= e;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(o.concurrency, Math.max(1, items.length)) }, worker));
  await appendChain;
  if (abortError !== undefined) throw abortError;
  const order = new Map(items.map((it, i) => [it.id, i]));
  const predictions = slots.filter((p): p is RunPrediction => p !== undefined);
  return {
    scorerId: scorer.id,
    predictions,
    failures: failures.sort((a, b) => order.get(a.itemId)! - order.get(b.itemId)!),
    issues,
    stats: { total: items.length, scored, cached: nCached, invalid, failed: failures.length, elapsedMs: Date.now() - start },
  };
}

/** Predictions for the metrics (`scoreSteps`, `processBenchScore`) from a run. */
export function toPredictions(run: Pick<BenchmarkRun, 'predictions'>): Prediction[] {
  return run.predictions.map((p) => ({
    itemId: p.itemId,
    valid: p.result.valid && p.labels !== undefined,
    ...(p.labels ? { labels: p.labels } : {}),
    ...(p.redundancyLabels ? { redundancyLabels: p.redundancyLabels } : {}),
    ...(p.result.firstError0 !== undefined ? { firstError: p.result.firstError0 } : {}),
  }));
}

/**
 * Upstream-compatible result lines `{ idx, scores: { step_level_validity_labels, … }, validity }`
 * (idx = `<classification>_<idx>` as the upstream loader builds it) for re-scoring with the
 * official Python scorer.
 */
export function exportPrmBenchResults(items: readonly BenchItem[], run: Pick<BenchmarkRun, 'predictions'>): string {
  const byId = new Map(items.map((i) => [i.id, i]));
  return run.predictions
    .map((p) => {
      const item = byId.get(p.itemId);
      // Upstream keys results on `<classification>_<idx>` (twins: `correct_<idx>`).
      const raw = item && item.id.includes(':') ? item.id.slice(item.id.indexOf(':') + 1) : p.itemId;
      const idxOut = item && item.benchmark !== 'processbench' && item.benchmark !== 'trl' ? `${item.category}_${raw}` : raw;
      return JSON.stringify({
        idx: idxOut,
        classification: item?.category,
        scores: {
          step_level_validity_labels: p.labels ?? [],
          ...(p.redundancyLabels ? { step_level_redundancy_labels: p.redundancyLabels } : {}),
          ...(p.result.scores ? { step_level_validity_scores: p.result.scores } : {}),
        },
        validity: p.result.valid && p.labels !== undefined,
      });
    })
    .join('\n') + '\n';
}
