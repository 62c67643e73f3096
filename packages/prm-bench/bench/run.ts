/**
 * Benchmarks for acceptance 6 / spec §11.6. Run: `npm run bench -w @reasonkit/prm-bench`.
 * Reads ../shared/data (skips a section when its folder is absent). Report-only: prints a table
 * and writes results.json to the git-ignored bench/results/ (`-- --write` refreshes the committed
 * bench/results.json instead). Each measurement is interleaved with a baseline in the same
 * process so that load on a shared machine shows up in both.
 */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchItem } from '../src/load/bench-item.js';
import { scoreAll } from '../src/metrics/score-steps.js';
import { jsonlCache } from '../src/node/jsonl-cache.js';
import { loadPrmBench, loadSocratic } from '../src/node/load-files.js';
import { runBenchmark } from '../src/run/run-benchmark.js';
import { createFunctionScorer } from '../src/scorers/function-scorer.js';

const here = dirname(fileURLToPath(import.meta.url));
const shared = process.env.REASONKIT_SHARED_DATA ?? resolve(here, '../../../../shared/data');
const reps = Number(process.env.BENCH_REPS ?? 7);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const now = () => performance.now();
const rows: { what: string; ms: number; baselineMs?: number; target: string; pass: boolean }[] = [];

async function time<T>(fn: () => Promise<T> | T): Promise<[number, T]> {
  const t = now();
  const r = await fn();
  return [now() - t, r];
}

function parseOnly(dir: string): number {
  let n = 0;
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.jsonl'))) {
    for (const line of readFileSync(join(dir, f), 'utf8').split('\n')) if (line.trim()) (JSON.parse(line), n++);
  }
  return n;
}

const socraticDir = join(shared, 'socratic-prmbench');
let socratic: BenchItem[] | undefined;
try {
  const load: number[] = [];
  const base: number[] = [];
  for (let r = 0; r < reps; r++) {
    const [t0] = await time(() => parseOnly(socraticDir));
    base.push(t0);
    const [t1, res] = await time(() => loadSocratic(socraticDir));
    load.push(t1);
    socratic = res.items;
  }
  rows.push({ what: 'load + validate 2,995 Socratic records', ms: median(load), baselineMs: median(base), target: '≤ 1500 ms', pass: median(load) <= 1500 });
} catch (e) {
  console.log(`skipped Socratic load: ${(e as Error).message}`);
}

try {
  const dir = join(shared, 'prmbench');
  const load: number[] = [];
  const base: number[] = [];
  for (let r = 0; r < Math.min(reps, 5); r++) {
    const [t0] = await time(() => parseOnly(dir));
    base.push(t0);
    const [t1] = await time(() => loadPrmBench(dir));
    load.push(t1);
  }
  rows.push({ what: 'load + validate PRMBench (6,216 records → 6,969 items)', ms: median(load), baselineMs: median(base), target: '≤ 2000 ms', pass: median(load) <= 2000 });
} catch (e) {
  console.log(`skipped PRMBench load: ${(e as Error).message}`);
}

if (socratic) {
  const items = socratic;
  const preds = items.map((i, k) => ({ itemId: i.id, labels: i.steps.map((_, s) => (k + s) % 3 !== 0) }));
  const all: number[] = [];
  for (let r = 0; r < reps * 3; r++) {
    const [t] = await time(() => {
      scoreAll(items, preds, { mode: 'official' });
      scoreAll(items, preds, { mode: 'strict' });
    });
    all.push(t);
  }
  rows.push({ what: 'all metrics (overall + 6 patterns + 20 categories), official + strict, 2,995 items', ms: median(all), target: '≤ 50 ms', pass: median(all) <= 50 });
}

{
  const n = 10_000;
  const items: BenchItem[] = Array.from({ length: n }, (_, k) => ({ id: `c:${k}`, benchmark: 'socratic', question: `question ${k}`, steps: Array.from({ length: 9 }, (_, s) => `step ${s} of item ${k}`), errorSteps1: [4], firstError0: 3, category: 'c', lang: 'en', warnings: [] }));
  const noop = createFunctionScorer('noop@1', (item) => item.steps.map(() => 1));
  const runs: number[] = [];
  const base: number[] = [];
  for (let r = 0; r < 3; r++) {
    const [t0] = await time(async () => {
      for (const item of items) await noop.score(item, {});
    });
    base.push(t0);
    const dir = mkdtempSync(join(tmpdir(), 'prm-bench-bench-'));
    const cache = jsonlCache(join(dir, 'cache.jsonl'));
    const [t1] = await time(() => runBenchmark({ items, scorer: noop, cache, concurrency: 8 }));
    await cache.close!();
    rmSync(dir, { recursive: true, force: true });
    runs.push(t1);
  }
  const perItem = (median(runs) - median(base)) / n;
  rows.push({ what: `runner overhead per item (no-op scorer, JSONL cache, ${n} items)`, ms: perItem, baselineMs: median(base) / n, target: '≤ 2 ms', pass: perItem <= 2 });
  rows.push({ what: `runner total for ${n} items`, ms: median(runs), target: '≤ 20000 ms', pass: median(runs) <= 20_000 });
}

console.log('| measurement | median ms | baseline ms | target | met |\n|---|---|---|---|---|');
for (const r of rows) console.log(`| ${r.what} | ${r.ms.toFixed(3)} | ${r.baselineMs?.toFixed(3) ?? '–'} | ${r.target} | ${r.pass ? 'yes' : 'NO'} |`);
const outDir = process.argv.includes('--write') ? here : join(here, 'results');
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, 'results.json'), JSON.stringify({ date: new Date().toISOString(), node: process.version, reps, rows }, null, 2) + '\n');
