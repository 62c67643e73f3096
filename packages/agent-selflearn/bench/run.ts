/**
 * Benchmarks B1, B1q, B2, B3, B4, B5, B6, the FTS5 retriever next to BM25, and the T1 1 MB parse
 * (spec §13–14). Run: `npm run bench -w @reasonkit/agent-selflearn` (`-- --docs N` to change the
 * corpus size, default 100,000; `-- --only B4,B6` to run some sections; `-- --write` refreshes
 * bench/results.json, which the README quotes). B1n runs only when asked: `-- --only B1n --docs 1000000`.
 * Report-only: numbers on a shared, loaded machine are noisy, so each section also measures a
 * baseline in the same process and reports the ratio; targets are printed next to each figure.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mulberry32, sleep, type TextModel } from '@reasonkit/core';
import { createScriptedTextModel } from '@reasonkit/core/testing';
import { parseTurn } from '../src/parse/tags.js';
import { Bm25Index } from '../src/retrieval/bm25-index.js';
import { HttpRetriever } from '../src/retrieval/http-retriever.js';
import { runEpisode } from '../src/rollout/run-episode.js';
import { serveRetriever } from '../src/node/serve-retriever.js';
import { SqliteStore } from '../src/node/sqlite-store.js';
import type { TrajectoryRow } from '../src/loop/store.js';
import { createMiniRunModel } from '../src/loop/mini-run-model.js';
import { RoundOrchestrator } from '../src/loop/orchestrator.js';
import { createSearchEnv } from '../src/rollout/tool-env.js';
import { createDefaultAnalyzer } from '../src/retrieval/analyzer.js';
import { Fts5Retriever } from '../src/node/fts5-retriever.js';
import { exportVerlRl } from '../src/node/export-verl.js';
import { saveBm25Index } from '../src/node/bm25-file.js';
import type { VerlRow } from '../src/export/verl-row.js';

const here = dirname(fileURLToPath(import.meta.url));
const arg = (name: string, dflt: number) => {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? Number(process.argv[at + 1]) : dflt;
};
const N = arg('docs', 100_000);
const onlyAt = process.argv.indexOf('--only');
const only = onlyAt >= 0 ? new Set(process.argv[onlyAt + 1]!.split(',')) : undefined;
const on = (name: string) => !only || only.has(name);
const results: Record<string, unknown> = { date: new Date().toISOString(), node: process.version, docs: N, loadAverageStart: +loadavg()[0]!.toFixed(1) };
const cpuSeconds = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1e6;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
const mb = () => Math.round(process.memoryUsage().rss / 2 ** 20);

// synthetic corpus: Zipf-ish vocabulary of 50k words, ~100 words per passage (same corpus on every call)
const vocab = Array.from({ length: 50_000 }, (_, i) => `w${i.toString(36)}`);
const random = mulberry32(7);
const word = () => vocab[Math.floor(vocab.length * random() ** 3)]!;
function* docs(n = N) {
  const r = mulberry32(1);
  const w = () => vocab[Math.floor(vocab.length * r() ** 3)]!;
  for (let i = 0; i < n; i++) yield { id: String(i), contents: `"Title ${i}"\n${Array.from({ length: 100 }, w).join(' ')}` };
}
const queries = Array.from({ length: 2000 }, (_, i) => Array.from({ length: 1 + (i % 8) }, word).join(' '));
const dir = mkdtempSync(join(tmpdir(), 'asl-bench-'));
let t = 0;
let index: Bm25Index | undefined;

if (only?.has('B1n')) {
  // B1n: the nightly large build (run with --docs 1000000): BM25 in memory, then FTS5 on disk, CPU seconds and peak RSS.
  let cpu = process.cpuUsage();
  t = performance.now();
  let big: Bm25Index | undefined = await Bm25Index.build(docs(), { analyzer: 'default' });
  const bmWall = (performance.now() - t) / 1000;
  const bmCpu = cpuSeconds(process.cpuUsage(cpu));
  const bmRss = mb();
  const lat: number[] = [];
  for (const q of queries.slice(0, 200)) {
    const c = process.cpuUsage();
    big.query(q, 3);
    lat.push(cpuSeconds(process.cpuUsage(c)) * 1000);
  }
  big = undefined;
  const path = join(dir, 'b1n.fts5');
  cpu = process.cpuUsage();
  t = performance.now();
  const fts = await Fts5Retriever.build(docs(), path);
  const ftsWall = (performance.now() - t) / 1000;
  const ftsCpu = cpuSeconds(process.cpuUsage(cpu));
  fts.close();
  results.B1n = {
    docs: N, bm25BuildSeconds: +bmWall.toFixed(1), bm25BuildCpuSeconds: +bmCpu.toFixed(1), bm25RssMB: bmRss, bm25QueryCpuP50ms: +pct(lat, 50).toFixed(3), bm25QueryCpuMeanMs: +(lat.reduce((a, b) => a + b, 0) / lat.length).toFixed(3),
    fts5BuildSeconds: +ftsWall.toFixed(1), fts5BuildCpuSeconds: +ftsCpu.toFixed(1), fts5FileMB: Math.round(statSync(path).size / 2 ** 20), loadAverage: +loadavg()[0]!.toFixed(1), target: 'build ≤ 4 min, RSS ≤ 6 GB at 1M',
  };
  console.log(`B1n ${N} passages: BM25 ${bmCpu.toFixed(1)} s CPU (${bmWall.toFixed(1)} s wall), RSS ${bmRss} MB, query CPU p50 ${pct(lat, 50).toFixed(3)} ms; FTS5 ${ftsCpu.toFixed(1)} s CPU, ${Math.round(statSync(path).size / 2 ** 20)} MB file`);
}

if (on('B1') || on('B1q') || on('B2') || on('FTS')) {
  // B1: build. Baseline in the same process: running the analyzer alone over the same corpus.
  const analyzer = createDefaultAnalyzer();
  let cpu = process.cpuUsage();
  t = performance.now();
  let tokens = 0;
  for (const d of docs()) tokens += analyzer(d.contents).length;
  const analyzeS = (performance.now() - t) / 1000;
  const analyzeCpu = cpuSeconds(process.cpuUsage(cpu));
  const rss0 = mb();
  cpu = process.cpuUsage();
  t = performance.now();
  index = await Bm25Index.build(docs(), { analyzer: 'default' });
  const buildS = (performance.now() - t) / 1000;
  const cpuS = cpuSeconds(process.cpuUsage(cpu));
  results.B1 = {
    buildSeconds: +buildS.toFixed(2), buildCpuSeconds: +cpuS.toFixed(2), analyzeOnlySeconds: +analyzeS.toFixed(2), analyzeOnlyCpuSeconds: +analyzeCpu.toFixed(2),
    buildOverAnalyze: +(cpuS / analyzeCpu).toFixed(2), tokens, loadAverage: +loadavg()[0]!.toFixed(1), rssMB: mb(), rssBeforeMB: rss0, target: '≤ 20 s, RSS ≤ 800 MB (100k passages)',
  };
  console.log(`B1  build ${N} passages: ${buildS.toFixed(2)} s wall, ${cpuS.toFixed(2)} s CPU (analyzer alone ${analyzeCpu.toFixed(2)} s CPU, ratio ${(cpuS / analyzeCpu).toFixed(2)}), RSS ${mb()} MB (target ≤ 20 s, ≤ 800 MB at 100k)`);

  // B1q: queries of 1–8 terms, top-3
  const lat: number[] = [];
  for (const q of queries) {
    t = performance.now();
    index.query(q, 3);
    lat.push(performance.now() - t);
  }
  results.B1q = { p50ms: +pct(lat, 50).toFixed(3), p99ms: +pct(lat, 99).toFixed(3), target: 'p50 ≤ 3 ms, p99 ≤ 15 ms' };
  console.log(`B1q query p50 ${pct(lat, 50).toFixed(3)} ms, p99 ${pct(lat, 99).toFixed(3)} ms (target ≤ 3 / ≤ 15 ms)`);
}

if (on('FTS') && index) {
  // FTS5 on disk next to the in-memory index: build CPU and query latency on the same corpus.
  const path = join(dir, 'bench.fts5');
  const cpu = process.cpuUsage();
  t = performance.now();
  const fts = await Fts5Retriever.build(docs(), path);
  const buildS = (performance.now() - t) / 1000;
  const buildCpu = cpuSeconds(process.cpuUsage(cpu));
  const ftsLat: number[] = [];
  const bmLat: number[] = [];
  for (const q of queries.slice(0, 500)) {
    t = performance.now();
    fts.query(q, 3);
    ftsLat.push(performance.now() - t);
    t = performance.now();
    index.query(q, 3);
    bmLat.push(performance.now() - t);
  }
  const bmCpu = (results.B1 as { buildCpuSeconds: number }).buildCpuSeconds;
  results.FTS5 = {
    buildSeconds: +buildS.toFixed(2), buildCpuSeconds: +buildCpu.toFixed(2), buildCpuOverBm25: +(buildCpu / bmCpu).toFixed(2), fileMB: Math.round(statSync(path).size / 2 ** 20),
    queryP50ms: +pct(ftsLat, 50).toFixed(3), queryP99ms: +pct(ftsLat, 99).toFixed(3), p50OverBm25: +(pct(ftsLat, 50) / pct(bmLat, 50)).toFixed(1), rssMB: mb(),
  };
  console.log(`FTS build ${N}: ${buildCpu.toFixed(2)} s CPU (${(buildCpu / bmCpu).toFixed(2)}× BM25), file ${Math.round(statSync(path).size / 2 ** 20)} MB; query p50 ${pct(ftsLat, 50).toFixed(3)} ms = ${(pct(ftsLat, 50) / pct(bmLat, 50)).toFixed(1)}× BM25's (interleaved)`);
  fts.close();
}

if (on('B2') && index) {
  // B2: server throughput, batches of 64 queries, 4 clients in flight; baseline: the same batches in-process.
  const batches = 60;
  const batchOf = (b: number) => queries.slice((b * 64) % 1900, ((b * 64) % 1900) + 64);
  t = performance.now();
  for (let b = 0; b < batches; b++) await index.search(batchOf(b));
  const directQps = (batches * 64) / ((performance.now() - t) / 1000);
  const server = await serveRetriever(index, { port: 0 });
  const client = new HttpRetriever({ endpoints: [`${server.url}/retrieve`], retries: 0 });
  t = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      for (let b = next++; b < batches; b = next++) await client.search(batchOf(b));
    }),
  );
  const qps = (batches * 64) / ((performance.now() - t) / 1000);
  await server.close();
  // The same batches against the server as users run it: `agent-selflearn serve` in its own process
  // (built CLI, index saved to a file), so the client's JSON work does not share the server's thread.
  const indexPath = join(dir, 'b2.bm25');
  await saveBm25Index(index, indexPath);
  const child = spawn(process.execPath, [join(here, '..', 'bin', 'agent-selflearn.js'), 'serve', '--index', indexPath, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /at (http:\/\/\S+\/retrieve)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`agent-selflearn serve exited with ${code} (build the package first: npm run build -w @reasonkit/agent-selflearn)`)));
  });
  const remote = new HttpRetriever({ endpoints: [url], retries: 0 });
  await remote.search(batchOf(0)); // warm-up
  t = performance.now();
  next = 0;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      for (let b = next++; b < batches; b = next++) await remote.search(batchOf(b));
    }),
  );
  const processQps = (batches * 64) / ((performance.now() - t) / 1000);
  child.kill('SIGTERM');
  results.B2 = {
    queriesPerSecond: Math.round(processQps), sameProcessQueriesPerSecond: Math.round(qps), inProcessQueriesPerSecond: Math.round(directQps),
    serverProcessOverInProcess: +(processQps / directQps).toFixed(2), sameProcessOverInProcess: +(qps / directQps).toFixed(2), loadAverage: +loadavg()[0]!.toFixed(1), target: '≥ 1,000 queries/s',
  };
  console.log(`B2  server in its own process: ${Math.round(processQps)} queries/s over HTTP (ratio ${(processQps / directQps).toFixed(2)} to in-process ${Math.round(directQps)}/s); server and client in one process ${Math.round(qps)}/s (ratio ${(qps / directQps).toFixed(2)}); batches of 64 (target ≥ 1,000)`);
}

if (on('B3')) {
  // B3: rollout engine overhead, zero-latency scripted model and tool; baseline: the same model calls alone.
  const reply = '<think>t</think><tool_call>{"name":"retrieve","arguments":{"query":"q"}}</tool_call>';
  const model = createScriptedTextModel({ replies: [reply], loop: true });
  const env = { execute: async () => [{ role: 'tool' as const, content: 'id: 1\ncontent:\nx' }] };
  const prompt = [{ role: 'user' as const, content: 'q?' }];
  t = performance.now();
  for (let i = 0; i < 2700; i++) await model.generate({ messages: [...prompt, { role: 'assistant', content: reply }], maxTokens: 2048, stop: ['</tool_call>'] });
  const rawCps = 2700 / ((performance.now() - t) / 1000);
  let turns = 0;
  t = performance.now();
  for (let i = 0; i < 300; i++) turns += (await runEpisode(model, env, prompt, { maxTurns: 9 }, { sampleIdx: i })).turns;
  const tps = turns / ((performance.now() - t) / 1000);
  results.B3 = { turnsPerSecond: Math.round(tps), scriptedModelCallsPerSecond: Math.round(rawCps), engineShareOfTurn: +(1 - tps / rawCps).toFixed(2), target: '≥ 2,000 turns/s' };
  console.log(`B3  rollout engine: ${Math.round(tps)} turns/s (the scripted model alone: ${Math.round(rawCps)} calls/s) (target ≥ 2,000)`);
}

if (on('B4')) {
  // B4: one PG step (32 meta-prompts × 4 = 128 candidates, each + 10 attempts, 10 verdicts, 5 self-checks),
  // every model call 50 ms, concurrency 64; ideal = calls / 64 × 50 ms.
  const base = createMiniRunModel();
  let calls = 0;
  const slow: TextModel = { id: 'slow', capabilities: base.capabilities, generate: async (req) => { calls++; await sleep(50); return base.generate(req); } };
  const small = await Bm25Index.build(Array.from({ length: 30 }, (_, i) => ({ id: String(i), contents: `"River ${i % 3}"\nRiver ${i % 3} flows through city ${i}.` })));
  const store = new SqliteStore(':memory:');
  const orch = new RoundOrchestrator({
    store, model: slow, env: createSearchEnv(small),
    config: { runId: 'b4', topics: ['rivers', 'cities'], generate: { batch: 32, n: 4, attempts: 10, selfChecks: 5 }, concurrency: 64 },
  });
  t = performance.now();
  let episodes = 0;
  for await (const e of orch.run()) {
    if (e.type === 'step') {
      episodes = e.stats.validRate! * 128 * 25 + 128;
      break;
    }
  }
  const wallS = (performance.now() - t) / 1000;
  const ideal = (calls / 64) * 0.05;
  store.close();
  results.B4 = { callsPerStep: calls, episodesPerStep: episodes, wallSeconds: +wallS.toFixed(2), idealSeconds: +ideal.toFixed(2), overIdeal: +(wallS / ideal).toFixed(2), target: '≤ 1.2× ideal' };
  console.log(`B4  PG step: ${calls} model calls (${episodes} episodes) in ${wallS.toFixed(2)} s; ideal ${ideal.toFixed(2)} s → ${(wallS / ideal).toFixed(2)}× (target ≤ 1.2×)`);
}

if (on('B5')) {
  // B5: store inserts in 1k-row transactions
  const store = new SqliteStore(join(dir, 'b5.db'));
  store.openRun('b', '{}', 1);
  const row = (i: number): TrajectoryRow => ({ id: `t${i}`, step: 0, sampleIdx: i, role: 'policy', modelRef: 'm', messagesJson: '[{"role":"user","content":"q"},{"role":"assistant","content":"<answer>x</answer>"}]', finalAnswer: 'x', turns: 1, toolCalls: 0, stopReason: 'answer' });
  const total = arg('b5-rows', 50_000); // `--b5-rows 1000000` for the spec's 1 M-row resume target
  t = performance.now();
  for (let s = 0; s < total / 1000; s++) {
    store.commitStep({ phaseId: 'b/m1', step: s, trajectories: Array.from({ length: 1000 }, (_, i) => ({ ...row(s * 1000 + i), step: s })), verdicts: [], rewards: [], tasks: [], verifyRows: [], metaPrompts: [], stats: { mean: 0 } });
  }
  const ips = total / ((performance.now() - t) / 1000);
  store.close();
  // Resume as the orchestrator does it: open the file, openRun (config check), currentPhase, the phase's step stats.
  t = performance.now();
  const reopened = new SqliteStore(join(dir, 'b5.db'));
  reopened.openRun('b', '{}', 1);
  const phase = reopened.currentPhase('b');
  reopened.stepStats(phase.id, 'mean');
  const reopenMs = performance.now() - t;
  reopened.close();
  results.B5 = { insertsPerSecond: Math.round(ips), reopenMs: +reopenMs.toFixed(1), rows: total, target: '≥ 20,000 inserts/s; open + resume a 1 M-row DB < 2 s' };
  console.log(`B5  store: ${Math.round(ips)} trajectory inserts/s in 1k-row transactions; open + resume ${reopenMs.toFixed(1)} ms at ${total} rows (target ≥ 20,000/s; < 2 s at 1 M rows)`);
}

if (on('B6')) {
  // B6: 100k verl rows → parquet (validation + write); baseline: the same rows as JSONL.
  const rows: VerlRow[] = Array.from({ length: 100_000 }, (_, i) => ({
    data_source: 'agent-selflearn/solve',
    prompt: [{ role: 'system', content: 'You are a helpful assistant with a retrieve tool.' }, { role: 'user', content: `Which river number ${i} flows through the city in the documents?` }],
    reward_model: { style: 'gen_rm', ground_truth: `River ${i % 3}` },
    extra_info: { index: i, run_id: 'bench', round: 1, phase: 'solve', task_id: `t${i}` },
  }));
  t = performance.now();
  await exportVerlRl(rows, { path: join(dir, 'b6.jsonl'), dialect: 'verl-tool', format: 'jsonl' });
  const jsonlS = (performance.now() - t) / 1000;
  t = performance.now();
  const ref = await exportVerlRl(rows, { path: join(dir, 'b6.parquet'), dialect: 'verl-tool' });
  const parquetS = (performance.now() - t) / 1000;
  results.B6 = { rows: ref.rows, parquetSeconds: +parquetS.toFixed(2), jsonlSeconds: +jsonlS.toFixed(2), parquetOverJsonl: +(parquetS / jsonlS).toFixed(2), fileMB: +(statSync(ref.path).size / 2 ** 20).toFixed(1), target: '≤ 10 s' };
  console.log(`B6  ${ref.rows} rows → parquet in ${parquetS.toFixed(2)} s (JSONL ${jsonlS.toFixed(2)} s, ratio ${(parquetS / jsonlS).toFixed(2)}), ${(statSync(ref.path).size / 2 ** 20).toFixed(1)} MB (target ≤ 10 s)`);
}

if (on('T1')) {
  // T1 timing: a 1 MB turn
  const big = '<think>' + 'x '.repeat(500_000) + '</think><tool_call>{"name":"retrieve","arguments":{"query":"q"}}</tool_call><answer>ok</answer>';
  const pl: number[] = [];
  for (let i = 0; i < 20; i++) {
    t = performance.now();
    parseTurn(big, 'asl');
    pl.push(performance.now() - t);
  }
  results.T1parse1MB = { p50ms: +pct(pl, 50).toFixed(2), target: '< 20 ms' };
  console.log(`T1  parse a 1 MB turn: p50 ${pct(pl, 50).toFixed(2)} ms (target < 20 ms)`);
}

rmSync(dir, { recursive: true, force: true });
results.loadAverageEnd = +loadavg()[0]!.toFixed(1);
const out = process.argv.includes('--write') ? join(here, 'results.json') : join(here, 'results.local.json');
writeFileSync(out, JSON.stringify(results, null, 2) + '\n');
console.log(`wrote ${out}`);
