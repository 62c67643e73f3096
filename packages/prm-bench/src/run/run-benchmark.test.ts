import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { BenchItem } from '../load/bench-item.js';
import { scoreAll } from '../metrics/score-steps.js';
import { jsonlCache } from '../node/jsonl-cache.js';
import { createFunctionScorer } from '../scorers/function-scorer.js';
import { resumeItems, resumeScorer } from './__fixtures__/resume-fixture.js';
import { memoryCache } from './cache.js';
import { runBenchmark, toPredictions } from './run-benchmark.js';

const here = dirname(fileURLToPath(import.meta.url));
const tmp = () => mkdtempSync(join(tmpdir(), 'prm-bench-run-'));
const noRetry = { attempts: 1, backoffMs: () => 0 };

describe('runBenchmark', () => {
  it('returns results in input order whatever the completion order, and never exceeds the concurrency limit', async () => {
    const items = resumeItems(30);
    let active = 0;
    let peak = 0;
    let seed = 7;
    const scorer = createFunctionScorer('random-delays', async (item) => {
      active++;
      peak = Math.max(peak, active);
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      await new Promise((r) => setTimeout(r, seed % 15));
      active--;
      return item.steps.map(() => true);
    });
    const run = await runBenchmark({ items, scorer, concurrency: 3, decision: { kind: 'explicit' } });
    expect(run.predictions.map((p) => p.itemId)).toEqual(items.map((i) => i.id));
    expect(peak).toBe(3);
  });

  it('retries a throwing scorer with backoff, then reports the item as failed without caching it or stopping the run', async () => {
    const items = resumeItems(4);
    const calls = new Map<string, number>();
    const waits: number[] = [];
    const scorer = createFunctionScorer('flaky', async (item) => {
      const n = (calls.get(item.id) ?? 0) + 1;
      calls.set(item.id, n);
      if (item.id === items[1]!.id) throw Object.assign(new Error('HTTP 500'), { code: 'HTTP_ERROR' });
      if (item.id === items[2]!.id && n < 3) throw new Error('transient');
      return item.steps.map(() => 1);
    });
    const cache = memoryCache();
    const run = await runBenchmark({ items, scorer, cache, retry: { attempts: 3, backoffMs: (k) => (waits.push(k), 1) } });
    expect(run.failures).toEqual([{ itemId: items[1]!.id, code: 'HTTP_ERROR', message: 'HTTP 500', attempts: 3 }]);
    expect(calls.get(items[2]!.id)).toBe(3);
    expect(run.predictions.map((p) => p.itemId)).toEqual([items[0]!.id, items[2]!.id, items[3]!.id]);
    expect(cache.entries.map((e) => e.itemId).sort()).toEqual([items[0]!.id, items[2]!.id, items[3]!.id].sort());
    expect(waits.sort()).toEqual([0, 0, 1, 1]);
  });

  it('reports a wrong number of scores per item without crashing, and leaves the scores unfixed', async () => {
    const items = resumeItems(3);
    const scorer = createFunctionScorer('short', (item) => (item.id === items[1]!.id ? [0.9] : item.steps.map(() => 0.9)));
    const run = await runBenchmark({ items, scorer });
    expect(run.issues).toHaveLength(1);
    expect(run.issues[0]).toMatchObject({ itemId: items[1]!.id, kind: 'score_count_mismatch', actual: 1, expected: items[1]!.steps.length });
    expect(run.predictions[1]!.labels).toEqual([true]);
    expect(run.predictions).toHaveLength(3);
  });

  it('stops on abort, keeps only complete cache entries, and resumes from them', async () => {
    const items = resumeItems(20);
    const controller = new AbortController();
    const cache = memoryCache();
    let n = 0;
    const scorer = createFunctionScorer('abortable', async (item) => {
      if (++n === 5) controller.abort();
      return item.steps.map(() => 0.5);
    });
    await expect(runBenchmark({ items, scorer, cache, concurrency: 1, signal: controller.signal, retry: noRetry })).rejects.toMatchObject({ code: 'ABORTED' });
    expect(cache.entries.length).toBeGreaterThanOrEqual(4);
    expect(cache.entries.length).toBeLessThan(20);
    const before = cache.entries.length;
    const run = await runBenchmark({ items, scorer, cache });
    expect(run.stats.cached).toBe(before);
    expect(run.predictions).toHaveLength(20);
  });

  it('a scorer id that differs from the cache file throws naming file, line and field; a version bump changes the key', async () => {
    const file = join(tmp(), 'cache.jsonl');
    const items = resumeItems(3);
    const v1 = createFunctionScorer('critic@1', (item) => item.steps.map(() => 1));
    const v2 = createFunctionScorer('critic@2', (item) => item.steps.map(() => 1));
    await runBenchmark({ items, scorer: v1, cache: jsonlCache(file) });
    await expect(runBenchmark({ items, scorer: v2, cache: jsonlCache(file) })).rejects.toThrow(/cache\.jsonl:1: field scorerId: .*'critic@1', not 'critic@2'/);
    const mem = memoryCache();
    await runBenchmark({ items, scorer: v1, cache: mem });
    const { cacheKey } = await import('./cache-key.js');
    const e = mem.entries[0]!;
    expect(await cacheKey('critic@1', e.itemId, e.inputHash)).not.toBe(await cacheKey('critic@2', e.itemId, e.inputHash));
  });

  it('a malformed line in the middle of the cache is an error naming file and line', async () => {
    const file = join(tmp(), 'cache.jsonl');
    const items = resumeItems(2);
    const s = createFunctionScorer('s', (item) => item.steps.map(() => 1));
    await runBenchmark({ items, scorer: s, cache: jsonlCache(file) });
    writeFileSync(file, '{"v":1,\n' + readFileSync(file, 'utf8'));
    await expect(runBenchmark({ items, scorer: s, cache: jsonlCache(file) })).rejects.toThrow(/cache\.jsonl:1: malformed cache line/);
  });

  it('progress counts every item and gives an ETA once items are scored', async () => {
    const items = resumeItems(5);
    const seen: number[] = [];
    let eta: number | null = null;
    await runBenchmark({ items, scorer: createFunctionScorer('p', (i) => i.steps.map(() => 1)), onProgress: (p) => (seen.push(p.done), (eta = p.etaMs)) });
    expect(seen).toEqual([1, 2, 3, 4, 5]);
    expect(eta).toBe(0);
  });
});

describe('resume after a crash (child process killed with SIGKILL, torn last line)', () => {
  it('re-scores nothing twice and gives metrics identical to an uninterrupted run', async () => {
    const dir = tmp();
    const file = join(dir, 'run.jsonl');
    const n = 40;
    const k = 12;
    const child = spawn(process.execPath, ['--conditions=@reasonkit/source', '--import', 'tsx', join(here, '__fixtures__', 'resume-child.ts'), file], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
    const deadline = Date.now() + 45_000;
    for (;;) {
      const lines = existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean).length : 0;
      if (lines >= k) break;
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`child did not write ${k} lines: ${stderr}`);
      await new Promise((r) => setTimeout(r, 5));
    }
    child.kill('SIGKILL');
    expect((await exited).signal).toBe('SIGKILL');
    const complete = readFileSync(file, 'utf8').split('\n').filter(Boolean);
    expect(complete.length).toBeGreaterThanOrEqual(k);
    expect(complete.length).toBeLessThan(n);
    const done = new Set(complete.map((l) => JSON.parse(l).itemId as string));
    // A torn write of an item that is not in the cache yet.
    const items = resumeItems(n);
    const pending = items.find((i) => !done.has(i.id))!;
    appendFileSync(file, JSON.stringify({ v: 1, scorerId: 'fixture-scorer@1', itemId: pending.id, inputHash: 'ab', result: { valid: true, scores: [0.1] } }).slice(0, 40));

    const rescored: string[] = [];
    const cache = jsonlCache(file);
    const resumed = await runBenchmark({ items, scorer: resumeScorer(0, (id) => rescored.push(id)), cache, concurrency: 4 });
    await cache.close!();
    expect(cache.tornLines).toBe(1);
    expect(rescored.filter((id) => done.has(id))).toEqual([]);
    expect(new Set(rescored).size).toBe(rescored.length);
    expect(rescored.length).toBe(n - done.size);
    expect(rescored).toContain(pending.id);
    expect(resumed.stats.cached).toBe(done.size);
    const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l).itemId as string);
    expect(lines).toHaveLength(n);
    expect(new Set(lines).size).toBe(n);

    const fresh = await runBenchmark({ items, scorer: resumeScorer(0) });
    const metric = (run: typeof fresh, items: BenchItem[]) => scoreAll(items, toPredictions(run), { mode: 'official' });
    expect(metric(resumed, items)).toEqual(metric(fresh, items));
    expect(toPredictions(resumed)).toEqual(toPredictions(fresh));
  });
});
