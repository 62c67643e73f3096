import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite/vector';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { mulberry32 } from '@reasonkit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unitVector } from '../embedding/embedder.js';
import { storeContract } from '../store/__fixtures__/store-contract.js';
import { openPostgresStore, type PostgresGraphStore } from './postgres-store.js';

// The T7 contract and the HNSW recall targets on PGlite 0.4.6 (PostgreSQL 17.5 in WASM with pgvector 0.8.1):
// the `pgvector` vector mode, which Debian 12's PostgreSQL cannot run (no pgvector package). One PGlite per
// file (it takes 10–30 s to start on a loaded 2-core machine); each store gets its own schema.
let db: PGlite;
const ready = (async () => {
  db = await PGlite.create({ extensions: { vector, pg_trgm } });
  return db;
})();
let n = 0;
const open = async (schema?: string, o: { efSearch?: number; exact?: boolean } = {}) => {
  const store = await openPostgresStore({ executor: await ready, schema: schema ?? `pgl_${n++}`, vectorMode: 'pgvector', ...o });
  expect(store.vectorMode).toBe('pgvector');
  return store;
};
afterAll(async () => {
  await (await ready).close();
});

// The contract's "exact top-10 equals the reference" runs with `exact: true` (pgvector's `<=>` without the HNSW
// index; HNSW graphs are built with random levels, so an approximate top-10 is not a deterministic golden). The
// HNSW path is measured below against the same exact scan.
storeContract('pglite (pgvector mode)', () => open(undefined, { exact: true }), async (s) => open((s as unknown as { s: string }).s, { exact: true }));

function gaussian(rand: () => number): number {
  return Math.sqrt(-2 * Math.log(Math.max(rand(), 1e-12))) * Math.cos(2 * Math.PI * rand());
}

/** Unit vectors of dim 384: round-robin over 50 Gaussian clusters (a random unit centre plus noise of norm ≈ 0.5), or uniform on the sphere. */
function dataset(kind: 'clustered' | 'uniform', seed: number, count = 5000, dim = 384): Float32Array[] {
  const rand = mulberry32(seed);
  const centres = Array.from({ length: 50 }, () => unitVector(Float32Array.from({ length: dim }, () => gaussian(rand))));
  return Array.from({ length: count }, (_, i) => {
    if (kind === 'uniform') return unitVector(Float32Array.from({ length: dim }, () => gaussian(rand)));
    const c = centres[i % 50] as Float32Array;
    // Noise of norm ≈ 0.5 around a unit centre (per-coordinate σ = 0.5 / √dim).
    return unitVector(Float32Array.from(c, (x) => x + (0.5 / Math.sqrt(dim)) * gaussian(rand)));
  });
}

function exactTop(vecs: Float32Array[], q: Float32Array, k: number): number[] {
  return vecs
    .map((v, i) => ({ i, s: v.reduce((a, x, j) => a + x * (q[j] as number), 0) }))
    .sort((a, b) => b.s - a.s || a.i - b.i)
    .slice(0, k)
    .map((x) => x.i);
}

describe.each([
  { kind: 'clustered' as const, efSearch: undefined, label: 'default efSearch (100)' },
  { kind: 'uniform' as const, efSearch: 400, label: 'efSearch 400' },
])('pgvector HNSW recall@10 on 5,000 $kind 384-d unit vectors, $label', ({ kind, efSearch }) => {
  let store: PostgresGraphStore;
  // 5,050 draws from one distribution (the same clusters): 5,000 stored, the last 50 are the queries.
  const all = dataset(kind, kind === 'clustered' ? 21 : 22, 5050);
  const vecs = all.slice(0, 5000);
  const queries = all.slice(5000);
  const ids: string[] = [];
  beforeAll(async () => {
    store = await open(undefined, efSearch ? { efSearch } : {});
    await store.lockEmbedding(`test-${kind}-d384`, 384);
    await store.transaction(async () => {
      for (let i = 0; i < vecs.length; i++) ids.push((await store.upsertNode({ kind: 'problem', name: `${kind} node ${i}`, description: 'x', embedding: vecs[i] })).node.id);
    });
  }, 900_000);

  it('recall@10 ≥ 0.95 against the exact scan (and the exact scan equals the JS reference)', async () => {
    const recallAt: Record<number, number> = {};
    for (const ef of [40, 100, 400]) {
      let hits = 0;
      for (const q of queries) {
        const ref = exactTop(vecs, q, 10).map((i) => ids[i]);
        if (ef === 40) {
          const exact = await store.search({ vector: q, k: 10, exact: true });
          expect(exact.map((h) => h.node.id)).toEqual(ref);
        }
        const approx = await store.search({ vector: q, k: 10, efSearch: ef });
        hits += approx.filter((h) => ref.includes(h.node.id)).length;
      }
      recallAt[ef] = hits / (queries.length * 10);
    }
    // The store's own default (no per-query efSearch) is what the target is about.
    let hits = 0;
    for (const q of queries) {
      const ref = exactTop(vecs, q, 10).map((i) => ids[i]);
      hits += (await store.search({ vector: q, k: 10 })).filter((h) => ref.includes(h.node.id)).length;
    }
    const recall = hits / (queries.length * 10);
    console.info(`[ideation-graph] pgvector HNSW recall@10 on ${kind} vectors: ef_search 40 → ${recallAt[40]?.toFixed(3)}, 100 → ${recallAt[100]?.toFixed(3)}, 400 → ${recallAt[400]?.toFixed(3)}; store default (${efSearch ?? 100}) → ${recall.toFixed(3)}`);
    expect(recall).toBeGreaterThanOrEqual(0.95);
  }, 300_000);
});
