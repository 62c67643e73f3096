import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { mulberry32 } from '@reasonkit/core';
import type BetterSqlite3 from 'better-sqlite3';
import type { NodeKind } from '../graph/types.js';
import { unitVector } from '../embedding/embedder.js';
import { openSqliteStore, type SqliteGraphStore } from './sqlite-store.js';

const Database = createRequire(import.meta.url)('better-sqlite3') as typeof BetterSqlite3;
const dir = mkdtempSync(join(tmpdir(), 'ig-snap-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const dim = 12;
const KINDS: NodeKind[] = ['problem', 'challenge', 'solution'];

async function build(path: string, n: number, codec: 'f32' | 'int8' = 'f32'): Promise<{ store: SqliteGraphStore; queries: Float32Array[] }> {
  const rand = mulberry32(n);
  const vec = () => unitVector(Float32Array.from({ length: dim }, () => rand() - 0.5));
  const store = await openSqliteStore({ path, vectorCodec: codec });
  await store.lockEmbedding('test-d12', dim);
  await store.transaction(async () => {
    for (let i = 0; i < n; i++) await store.upsertNode({ kind: KINDS[i % 3] as NodeKind, name: `node ${i}`, description: `d ${i}`, embedding: vec(), isParent: i % 7 === 0 });
  });
  return { store, queries: Array.from({ length: 5 }, vec) };
}
const chunks = (path: string) => {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare('SELECT count(*) FROM vec_chunk').pluck().get() as number;
  } finally {
    db.close();
  }
};
const answer = async (s: SqliteGraphStore, qs: Float32Array[]) => {
  const out = [];
  for (const q of qs) for (const o of [{}, { kinds: ['challenge' as const] }, { leavesOnly: true }]) out.push((await s.search({ vector: q, k: 6, ...o })).map((h) => [h.node.id, h.score.toFixed(6)]));
  return out;
};

describe('SQLite vec_chunk snapshot (cold vector load)', () => {
  for (const codec of ['f32', 'int8'] as const) {
    it(`${codec}: close writes the snapshot; a reopened store answers exactly as the row scan did`, async () => {
      const path = join(dir, `a-${codec}.db`);
      const { store, queries } = await build(path, 2500, codec); // > 1 chunk of 1,024
      const before = await answer(store, queries); // row scan (vectors loaded in this session)
      await store.close();
      expect(chunks(path)).toBe(3);
      const again = await openSqliteStore({ path });
      expect(await again.warm()).toBe(2500);
      expect(await answer(again, queries)).toEqual(before);
      await again.close();
    });
  }

  it('a later vector write drops the snapshot (trigger) and the next session rebuilds it', async () => {
    const path = join(dir, 'b.db');
    const { store, queries } = await build(path, 50);
    await store.close();
    expect(chunks(path)).toBe(1);
    const s = await openSqliteStore({ path });
    await s.warm();
    const q = queries[0] as Float32Array;
    const { node } = await s.upsertNode({ kind: 'solution', name: 'the query itself', description: 'x', embedding: q });
    expect(chunks(path)).toBe(0);
    expect((await s.search({ vector: q, k: 1 }))[0]?.node.id).toBe(node.id);
    await s.close();
    expect(chunks(path)).toBe(1);
    const t = await openSqliteStore({ path });
    expect((await t.search({ vector: q, k: 1 }))[0]?.node.id).toBe(node.id);
    expect(await t.warm()).toBe(51);
    await t.close();
  });

  it('a parent flag set by any writer drops the snapshot, so leavesOnly stays right', async () => {
    const path = join(dir, 'c.db');
    const { store, queries } = await build(path, 40);
    const q = queries[1] as Float32Array;
    const top = (await store.search({ vector: q, k: 1, leavesOnly: true }))[0]?.node.id as string;
    await store.close();
    const db = new Database(path);
    db.prepare('UPDATE node SET is_parent = 1 WHERE id = ?').run(Number(top)); // e.g. an older package version
    expect(db.prepare('SELECT count(*) FROM vec_chunk').pluck().get()).toBe(0);
    db.close();
    const s = await openSqliteStore({ path });
    expect((await s.search({ vector: q, k: 1, leavesOnly: true }))[0]?.node.id).not.toBe(top);
    await s.close();
  });

  it('opens files written before the snapshot existed, read-write and read-only', async () => {
    const path = join(dir, 'old.db');
    const { store, queries } = await build(path, 30);
    const want = await answer(store, queries);
    await store.close();
    const db = new Database(path);
    db.exec('DROP TRIGGER vec_chunk_vi; DROP TRIGGER vec_chunk_vu; DROP TRIGGER vec_chunk_vd; DROP TRIGGER vec_chunk_nu; DROP TABLE vec_chunk;');
    db.close();
    const ro = await openSqliteStore({ path, readonly: true });
    expect(await answer(ro, queries)).toEqual(want);
    await ro.close();
    const rw = await openSqliteStore({ path });
    expect(await answer(rw, queries)).toEqual(want); // row scan, then writes the snapshot
    await rw.close();
    expect(chunks(path)).toBe(1);
  });
});

describe('SQLite vec_chunk snapshot under a concurrent writer', () => {
  it('skips the snapshot without waiting when another connection holds the write lock, and still searches', async () => {
    const path = join(dir, 'busy.db');
    const { store, queries } = await build(path, 20);
    const want = await answer(store, queries);
    await store.close();
    const db = new Database(path);
    db.exec('DELETE FROM vec_chunk');
    db.exec('BEGIN IMMEDIATE');
    const s = await openSqliteStore({ path });
    // Waiting out better-sqlite3's 5 s busy timeout would exceed vitest's 5 s test timeout.
    expect(await answer(s, queries)).toEqual(want);
    await s.close();
    db.exec('ROLLBACK');
    db.close();
    expect(chunks(path)).toBe(0);
  });
});
