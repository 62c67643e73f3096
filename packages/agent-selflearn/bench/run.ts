/**
 * Benchmarks B1, B1q, B2, B3, B5 and the T1 1 MB parse (spec §13–14). Run: `npm run bench -w
 * @reasonkit/agent-selflearn` (`-- --docs N` to change the corpus size, default 100,000;
 * `-- --write` refreshes bench/results.json, which the README quotes). Report-only: numbers on a
 * shared, loaded machine are noisy; targets are printed next to each figure.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mulberry32 } from '@reasonkit/core';
import { createScriptedTextModel } from '@reasonkit/core/testing';
import { parseTurn } from '../src/parse/tags.js';
import { Bm25Index } from '../src/retrieval/bm25-index.js';
import { HttpRetriever } from '../src/retrieval/http-retriever.js';
import { runEpisode } from '../src/rollout/run-episode.js';
import { serveRetriever } from '../src/node/serve-retriever.js';
import { SqliteStore } from '../src/node/sqlite-store.js';
import type { TrajectoryRow } from '../src/loop/store.js';

const here = dirname(fileURLToPath(import.meta.url));
const arg = (name: string, dflt: number) => {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? Number(process.argv[at + 1]) : dflt;
};
const N = arg('docs', 100_000);
const results: Record<string, unknown> = { date: new Date().toISOString(), node: process.version, docs: N };
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
const mb = () => Math.round(process.memoryUsage().rss / 2 ** 20);

// synthetic corpus: Zipf-ish vocabulary of 50k words, ~100 words per passage
const random = mulberry32(1);
const vocab = Array.from({ length: 50_000 }, (_, i) => `w${i.toString(36)}`);
const word = () => vocab[Math.floor(vocab.length * random() ** 3)]!;
function* docs() {
  for (let i = 0; i < N; i++) yield { id: String(i), contents: `"Title ${i}"\n${Array.from({ length: 100 }, word).join(' ')}` };
}

// B1: build
const rss0 = mb();
let t = performance.now();
const index = await Bm25Index.build(docs(), { analyzer: 'default' });
const buildS = (performance.now() - t) / 1000;
results.B1 = { buildSeconds: +buildS.toFixed(2), rssMB: mb(), rssBeforeMB: rss0, target: '≤ 20 s, RSS ≤ 800 MB' };
console.log(`B1  build ${N} passages: ${buildS.toFixed(2)} s, RSS ${mb()} MB (target ≤ 20 s, ≤ 800 MB)`);

// B1q: queries of 1–8 terms, top-3
const lat: number[] = [];
for (let i = 0; i < 2000; i++) {
  const q = Array.from({ length: 1 + (i % 8) }, word).join(' ');
  t = performance.now();
  index.query(q, 3);
  lat.push(performance.now() - t);
}
results.B1q = { p50ms: +pct(lat, 50).toFixed(3), p99ms: +pct(lat, 99).toFixed(3), target: 'p50 ≤ 3 ms, p99 ≤ 15 ms' };
console.log(`B1q query p50 ${pct(lat, 50).toFixed(3)} ms, p99 ${pct(lat, 99).toFixed(3)} ms (target ≤ 3 / ≤ 15 ms)`);

// B2: server throughput, batches of 64 queries, 4 clients in flight
const server = await serveRetriever(index, { port: 0 });
const client = new HttpRetriever({ endpoints: [`${server.url}/retrieve`], retries: 0 });
const batches = 60;
t = performance.now();
let next = 0;
await Promise.all(
  Array.from({ length: 4 }, async () => {
    while (next++ < batches) await client.search(Array.from({ length: 64 }, () => Array.from({ length: 3 }, word).join(' ')));
  }),
);
const qps = (batches * 64) / ((performance.now() - t) / 1000);
await server.close();
results.B2 = { queriesPerSecond: Math.round(qps), target: '≥ 1,000 queries/s' };
console.log(`B2  serveRetriever: ${Math.round(qps)} queries/s over HTTP, batches of 64 (target ≥ 1,000)`);

// B3: rollout engine overhead, zero-latency scripted model and tool
const model = createScriptedTextModel({ replies: ['<think>t</think><tool_call>{"name":"retrieve","arguments":{"query":"q"}}</tool_call>'], loop: true });
const env = { execute: async () => [{ role: 'tool' as const, content: 'id: 1\ncontent:\nx' }] };
const prompt = [{ role: 'user' as const, content: 'q?' }];
let turns = 0;
t = performance.now();
for (let i = 0; i < 300; i++) turns += (await runEpisode(model, env, prompt, { maxTurns: 9 }, { sampleIdx: i })).turns;
const tps = turns / ((performance.now() - t) / 1000);
results.B3 = { turnsPerSecond: Math.round(tps), target: '≥ 2,000 turns/s' };
console.log(`B3  rollout engine: ${Math.round(tps)} turns/s (target ≥ 2,000)`);

// B5: store inserts in 1k-row transactions
const dir = mkdtempSync(join(tmpdir(), 'asl-bench-'));
const store = new SqliteStore(join(dir, 'b5.db'));
store.openRun('b', '{}', 1);
const row = (i: number): TrajectoryRow => ({ id: `t${i}`, step: 0, sampleIdx: i, role: 'policy', modelRef: 'm', messagesJson: '[{"role":"user","content":"q"},{"role":"assistant","content":"<answer>x</answer>"}]', finalAnswer: 'x', turns: 1, toolCalls: 0, stopReason: 'answer' });
const total = 50_000;
t = performance.now();
for (let s = 0; s < total / 1000; s++) {
  store.commitStep({ phaseId: 'b/m1', step: s, trajectories: Array.from({ length: 1000 }, (_, i) => ({ ...row(s * 1000 + i), step: s })), verdicts: [], rewards: [], tasks: [], verifyRows: [], metaPrompts: [], stats: { mean: 0 } });
}
const ips = total / ((performance.now() - t) / 1000);
store.close();
t = performance.now();
const reopened = new SqliteStore(join(dir, 'b5.db'));
reopened.currentPhase('b');
const reopenMs = performance.now() - t;
reopened.close();
rmSync(dir, { recursive: true, force: true });
results.B5 = { insertsPerSecond: Math.round(ips), reopenMs: +reopenMs.toFixed(1), rows: total, target: '≥ 20,000 inserts/s' };
console.log(`B5  store: ${Math.round(ips)} trajectory inserts/s in 1k-row transactions; reopen ${reopenMs.toFixed(1)} ms at ${total} rows (target ≥ 20,000/s)`);

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

const out = process.argv.includes('--write') ? join(here, 'results.json') : join(here, 'results.local.json');
writeFileSync(out, JSON.stringify(results, null, 2) + '\n');
console.log(`wrote ${out}`);
