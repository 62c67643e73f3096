// Benchmarks (spec §12). Synthetic data, HashingEmbedder / random unit vectors; numbers printed to the
// CI log. Run: npm run bench -w @reasonkit/ideation-graph (PostgreSQL rows need REASONKIT_PG_URL or the
// server from .ci/services.d/ideation-graph.sh). Set IDEATION_GRAPH_BENCH_NODES to change the scale and
// IDEATION_GRAPH_BENCH_ONLY (comma list of ratings, ingest, sqlite, graphology) to run some sections only.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mulberry32 } from '@reasonkit/core';
import { GraphologyGraphStore, HashingEmbedder, unitVector, type GraphStore, type NodeKind } from '../src/index.js';
import { ingestTriples } from '../src/build/ingest.js';
import { openSqliteStore, type SqliteGraphStore } from '../src/sqlite/index.js';
import { GraphTools } from '../src/tools/graph-tools.js';
import { bootstrapRatings, fitBradleyTerry, onlineElo, type MatchRecord } from '../src/eval/index.js';

const N = Number(process.env.IDEATION_GRAPH_BENCH_NODES ?? 76_000);
const ONLY = process.env.IDEATION_GRAPH_BENCH_ONLY?.split(',').map((x) => x.trim());
const on = (section: string) => !ONLY || ONLY.includes(section);
const dim = 384;
const dir = mkdtempSync(join(tmpdir(), 'ig-bench-'));
const rows: [string, string, string][] = [];
const report = (name: string, value: string, target: string) => {
  rows.push([name, value, target]);
  console.log(`${name}: ${value} (target ${target})`);
};
const pct = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))] as number;

function unit(rand: () => number, clusters?: Float32Array[]): Float32Array {
  const v = new Float32Array(dim);
  const c = clusters ? clusters[Math.floor(rand() * clusters.length)] : undefined;
  for (let i = 0; i < dim; i++) v[i] = (c ? (c[i] as number) * 3 : 0) + Math.sqrt(-2 * Math.log(Math.max(rand(), 1e-12))) * Math.cos(2 * Math.PI * rand());
  return unitVector(v);
}

async function ingestBench() {
  const embedder = new HashingEmbedder();
  const store = await openSqliteStore({ path: join(dir, 'ingest.db') });
  const t0 = performance.now();
  await store.transaction(async () => {
    for (let p = 0; p < 10_000; p++) {
      const t = {
        problem: { name: `task family ${p % 3000} of learning`, description: `The general task number ${p % 3000} of machine learning research.` },
        challenge: { name: `difficulty ${p} in context ${p % 977}`, description: `A specific difficulty ${p} that appears in context ${p % 977} and hurts accuracy.` },
        solution: { name: `method ${p} with component ${p % 131} and sampling`, description: `A method ${p} combining component ${p % 131} with adaptive sampling of examples.` },
      };
      await ingestTriples(store, embedder, { paperId: `paper-${p}` }, [t]);
    }
  });
  const ms = performance.now() - t0;
  const stats = await store.stats();
  report('SQLite ingest of 10k triples', `${(ms / 1000).toFixed(2)} s (${stats.nodes.problem + stats.nodes.challenge + stats.nodes.solution} nodes)`, '< 10 s');
  await store.close();
}

async function buildScale(path: string, codec: 'f32' | 'int8', vectors: Float32Array[]): Promise<SqliteGraphStore> {
  const store = await openSqliteStore({ path, vectorCodec: codec });
  await store.lockEmbedding('bench-random-d384', dim);
  await store.transaction(() => fillChains(store, vectors));
  return store;
}

/** One node per vector in problem → challenge → challenge → solution → solution chains (the scale benches' synthetic graph). */
async function fillChains(store: GraphStore, vectors: Float32Array[]): Promise<void> {
  const kinds: NodeKind[] = ['problem', 'challenge', 'challenge', 'solution', 'solution'];
  let prev: string | undefined;
  for (let i = 0; i < vectors.length; i++) {
    const kind = kinds[i % kinds.length] as NodeKind;
    const { node } = await store.upsertNode({ kind, name: `${kind} node ${i}`, description: `synthetic ${kind} number ${i} about topic ${i % 500}`, embedding: vectors[i] });
    if (prev && kind !== 'problem') await store.addEdge(prev, node.id, kind === 'challenge' ? 'problem_challenge' : 'challenge_solution');
    prev = node.id;
  }
}

async function scaleBench() {
  const rand = mulberry32(42);
  const centres = Array.from({ length: 200 }, () => unit(rand));
  const vectors = Array.from({ length: N }, () => unit(rand, centres));
  const t0 = performance.now();
  let store = await buildScale(join(dir, 'scale.db'), 'f32', vectors);
  const tClose = performance.now();
  await store.close(); // writes the packed vec_chunk snapshot
  report(`SQLite build ${N} nodes × ${dim} (+ close, which writes the vector snapshot)`, `${((tClose - t0) / 1000).toFixed(1)} s + ${((performance.now() - tClose) / 1000).toFixed(2)} s, ${(statSync(join(dir, 'scale.db')).size / 2 ** 20).toFixed(0)} MB`, 'info');
  const tOpen = performance.now();
  store = await openSqliteStore({ path: join(dir, 'scale.db') });
  await store.warm();
  report('cold open + vector load (SQLite)', `${((performance.now() - tOpen) / 1000).toFixed(2)} s`, '< 1.5 s');

  const queries = Array.from({ length: 100 }, () => unit(rand, centres));
  await searchAndRelation(store, 'SQLite', vectors, queries);

  // int8 vs float32: size and recall@10 against the float32 scan.
  const M = Math.min(N, 20_000);
  const q8 = await buildScale(join(dir, 'int8.db'), 'int8', vectors.slice(0, M));
  const f32 = await buildScale(join(dir, 'f32.db'), 'f32', vectors.slice(0, M));
  const vecBytes = async (s: SqliteGraphStore) => ((s as unknown as { db: { prepare(q: string): { pluck(): { get(): number } } } }).db.prepare('SELECT sum(length(vec)) FROM node_vec').pluck().get());
  let hit = 0;
  for (const q of queries) {
    const a = new Set((await f32.search({ vector: q, k: 10 })).map((h) => h.node.id));
    hit += (await q8.search({ vector: q, k: 10 })).filter((h) => a.has(h.node.id)).length;
  }
  report(`int8 vs float32 vectors (${M} nodes)`, `${((await vecBytes(f32)) / (await vecBytes(q8))).toFixed(2)}× smaller, recall@10 ${(hit / (10 * queries.length)).toFixed(3)}`, '≥ 3.5×, ≥ 0.97');
  await Promise.all([store.close(), q8.close(), f32.close()]);
}

/**
 * node_search (exact, k = 10) with a bare dot-product loop over one contiguous Float32Array
 * interleaved as the baseline (the floor of any exact scan, so the ratio survives a loaded
 * machine), then node_relation over 5 names; both reported with the store's label.
 */
async function searchAndRelation(store: GraphStore, label: string, vectors: Float32Array[], queries: Float32Array[]) {
  const flat = new Float32Array(N * dim);
  vectors.forEach((v, i) => flat.set(v, i * dim));
  const times: number[] = [];
  const floor: number[] = [];
  for (const q of queries) {
    let t = performance.now();
    await store.search({ vector: q, k: 10 });
    times.push(performance.now() - t);
    t = performance.now();
    let best = -Infinity;
    for (let r = 0; r < N; r++) {
      let s = 0;
      for (let i = 0; i < dim; i++) s += (flat[r * dim + i] as number) * (q[i] as number);
      if (s > best) best = s;
    }
    floor.push(performance.now() - t);
  }
  report(`node_search exact k=10 over ${N} × ${dim} (${label}), p95`, `${pct(times, 0.95).toFixed(1)} ms (p50 ${pct(times, 0.5).toFixed(1)}; bare scan p50 ${pct(floor, 0.5).toFixed(1)}, ratio ${(pct(times, 0.5) / pct(floor, 0.5)).toFixed(2)})`, '< 60 ms');
  const tools = new GraphTools(store, new HashingEmbedder());
  const rel: number[] = [];
  for (let r = 0; r < 200; r++) {
    const names = Array.from({ length: 5 }, (_, j) => `challenge node ${((r * 5 + j) * 5 + 1) % N}`);
    const t = performance.now();
    await tools.nodeRelation({ names });
    rel.push(performance.now() - t);
  }
  report(`node_relation, 5 names (${label}), p95`, `${pct(rel, 0.95).toFixed(2)} ms`, '< 2 ms');
}

/** The same 76k × 384 clustered vectors in the graphology (in-memory, browser-safe) store. */
async function graphologyBench() {
  const rand = mulberry32(42);
  const centres = Array.from({ length: 200 }, () => unit(rand));
  const vectors = Array.from({ length: N }, () => unit(rand, centres));
  const heap0 = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  const store = new GraphologyGraphStore();
  await store.lockEmbedding('bench-random-d384', dim);
  await fillChains(store, vectors);
  const heap = (process.memoryUsage().heapUsed - heap0) / 2 ** 20;
  report(`graphology build ${N} nodes × ${dim}`, `${((performance.now() - t0) / 1000).toFixed(1)} s, heap +${heap.toFixed(0)} MB (vectors ${((N * dim * 4) / 2 ** 20).toFixed(0)} MB)`, 'info (spec: 1.4 s, 124 MB)');
  const queries = Array.from({ length: 100 }, () => unit(rand, centres));
  await searchAndRelation(store, 'graphology', vectors, queries);
  const tJson = performance.now();
  const json = JSON.stringify(store);
  const back = GraphologyGraphStore.fromJSON(JSON.parse(json));
  report('graphology toJSON → fromJSON round trip', `${((performance.now() - tJson) / 1000).toFixed(2)} s, ${(json.length / 2 ** 20).toFixed(0)} MB of JSON`, 'info');
  void back;
}

function ratingBench() {
  const rand = mulberry32(3);
  const log: MatchRecord[] = [];
  for (let i = 0; i < 3000; i++) {
    const a = Math.floor(rand() * 7);
    let b = Math.floor(rand() * 6);
    if (b >= a) b++;
    const p = 1 / (1 + 10 ** (((b - a) * 30) / 400));
    log.push({ topic: `t${i % 100}`, round: 0, dim: 'novelty', a: `m${a}`, b: `m${b}`, outcome: rand() < p ? 1 : 0 });
  }
  fitBradleyTerry(log);
  const fits: number[] = [];
  for (let r = 0; r < 30; r++) {
    const t = performance.now();
    fitBradleyTerry(log);
    fits.push(performance.now() - t);
  }
  report('BT fit (7 entrants, 3,000 games), median', `${pct(fits, 0.5).toFixed(2)} ms`, '< 20 ms');
  let t = performance.now();
  bootstrapRatings(log, { B: 1000 });
  report('1,000 cluster bootstraps', `${((performance.now() - t) / 1000).toFixed(2)} s`, '< 5 s');
  t = performance.now();
  onlineElo(log, { permutations: 100 });
  report('online Elo, 100 permutations', `${(performance.now() - t).toFixed(0)} ms`, '< 200 ms');
}

try {
  console.log(`ideation-graph benchmarks (Node ${process.versions.node}; load average ${(await import('node:os')).loadavg().map((x) => x.toFixed(1)).join(' ')} on ${(await import('node:os')).cpus().length} cores: numbers are indicative)`);
  if (on('ratings')) ratingBench();
  if (on('ingest')) await ingestBench();
  if (on('sqlite')) await scaleBench();
  if (on('graphology')) await graphologyBench();
  console.log('\n| benchmark | measured | target |\n|---|---|---|');
  for (const [a, b, c] of rows) console.log(`| ${a} | ${b} | ${c} |`);
  console.log(`load average at the end: ${(await import('node:os')).loadavg().map((x) => x.toFixed(1)).join(' ')}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
