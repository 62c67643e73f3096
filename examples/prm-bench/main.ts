// @reasonkit/prm-bench in one file: the testbed's synthetic PRM set (PRMBench record format, four
// injected error classes) is written as JSONL, loaded by prm-bench's loader, and two step scorers
// run through the benchmark runner: the exact step checker (an oracle: PRM-Score 1) and an
// answer-only checker (accepts every trace line, judges only the final answer), a weak PRM that
// misses errors inside the trace. Run: npm start -w @reasonkit/example-prm-bench
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createFunctionScorer, DECISIONS, runBenchmark, scoreAll, toPredictions, memoryCache } from '@reasonkit/prm-bench';
import { loadPrmBench } from '@reasonkit/prm-bench/node';
import { buildSyntheticPrmSet, checkAnswer, checkSteps, toJsonl } from '@reasonkit/testbed';

export async function run(options: { count?: number; log?: (line: string) => void } = {}) {
  const log = options.log ?? console.log;
  const set = buildSyntheticPrmSet({ seed: 7, count: options.count ?? 200 });
  const file = join(mkdtempSync(join(tmpdir(), 'reasonkit-prm-example-')), 'synthetic-prm.jsonl');
  writeFileSync(file, toJsonl(set.map((s) => s.record)));
  const { items } = await loadPrmBench(file, { source: 'testbed' });
  const problems = new Map(set.map((s) => [`${s.record.classification}:${s.record.idx}`, s.problem]));
  const scorers = {
    'exact step checker': createFunctionScorer('testbed-check-steps@1', (item) => [...checkSteps(problems.get(item.id)!, item.steps).labels]),
    'answer-only checker': createFunctionScorer('answer-only@1', (item) => item.steps.map((s, i) => (i < item.steps.length - 1 ? true : checkAnswer(problems.get(item.id)!, s)))),
  };
  const results: Record<string, ReturnType<typeof scoreAll>> = {};
  for (const [name, scorer] of Object.entries(scorers)) {
    const r = await runBenchmark({ items, scorer, decision: DECISIONS.llmCritic, cache: memoryCache(), concurrency: 4 });
    results[name] = scoreAll(items, toPredictions(r));
  }
  const f = (x: number | null | undefined) => (x == null ? 'n/a' : x.toFixed(3));
  const cats = Object.keys(results['exact step checker']!.byCategory).sort();
  log(`${items.length} items from ${file}\n`);
  log(`| scorer | PRM-Score | first-error accuracy | ${cats.join(' | ')} |\n|---|---:|---:|${cats.map(() => '---:|').join('')}`);
  for (const [name, m] of Object.entries(results)) {
    log(`| ${name} | ${f(m.overall.prmScore)} | ${f(m.overall.firstErrorAcc)} | ${cats.map((c) => f(m.byCategory[c]?.prmScore)).join(' | ')} |`);
  }
  return results;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await run();
