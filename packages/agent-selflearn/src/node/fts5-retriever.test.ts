import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AslError } from '../errors/asl-error.js';
import { HttpRetriever } from '../retrieval/http-retriever.js';
import { Fts5Retriever } from './fts5-retriever.js';
import { serveRetriever } from './serve-retriever.js';

const dir = mkdtempSync(join(tmpdir(), 'asl-fts5-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Lengths 3, 3, 4, 1, 4 → avgdl 3 (as the T6 corpus, with whole words so the Porter stemmer keeps them apart).
const CORPUS = [
  { id: 'd1', contents: 'apple banana cherry' },
  { id: 'd2', contents: 'apple apple date' },
  { id: 'd3', contents: 'banana date elder fig' },
  { id: 'd4', contents: 'cherry' },
  { id: 'd5', contents: 'elder elder elder apple' },
];

// Hand computation of FTS5's bm25() (k1 = 1.2, b = 0.75, N = 5, avgdl = 3):
// idf(df = 2) = ln((5 − 2 + 0.5)/(2 + 0.5)) = ln 1.4; idf(df = 3) = ln(2.5/3.5) < 0 → floored to 1e-6.
// term weight tf·2.2 / (tf + 1.2·(0.25 + 0.75·dl/3)).
const LN14 = Math.log(1.4);

describe('Fts5Retriever (SQLite FTS5 on a real file)', () => {
  const path = join(dir, 'corpus.fts5');
  let index: Fts5Retriever;

  it('builds a file atomically (no temporary file left) and reports its size', async () => {
    index = await Fts5Retriever.build(CORPUS, path);
    expect(index.size).toBe(5);
    expect(index.tokenize).toBe('porter unicode61');
    expect(readdirSync(dir)).toEqual(['corpus.fts5']);
  });

  it('scores match the hand-computed bm25() values within 1e-9', () => {
    const c = index.query('cherry', 5);
    expect(c.map((h) => h.document.id)).toEqual(['d4', 'd1']);
    expect(c[0]!.score).toBeCloseTo(LN14 * (2.2 / 1.6), 9); // dl 1: 1 + 1.2·0.5 = 1.6
    expect(c[1]!.score).toBeCloseTo(LN14 * 1, 9); // dl 3: 2.2 / 2.2

    const q = index.query('elder banana', 5);
    expect(q.map((h) => h.document.id)).toEqual(['d3', 'd5', 'd1']);
    expect(q[0]!.score).toBeCloseTo(LN14 * 2 * (2.2 / 2.5), 9); // d3: dl 4 → 1 + 1.5 = 2.5, two terms
    expect(q[1]!.score).toBeCloseTo(LN14 * ((3 * 2.2) / 4.5), 9); // d5: elder tf 3 → 6.6 / (3 + 1.5)
    expect(q[2]!.score).toBeCloseTo(LN14, 9);

    const a = index.query('apple', 5); // idf floored: 1e-6 · weight
    expect(a.map((h) => h.document.id)).toEqual(['d2', 'd1', 'd5']);
    expect(a[0]!.score).toBeCloseTo(1e-6 * ((2 * 2.2) / 3.2), 15);
  });

  it('topk, stop words, no shared word, FTS5 syntax in user text', () => {
    expect(index.query('elder banana', 1).map((h) => h.document.id)).toEqual(['d3']);
    expect(index.query('the cherry of', 5).map((h) => h.document.id)).toEqual(['d4', 'd1']);
    expect(index.matchExpression('The "cherry" AND NEAR(x')).toBe('"cherry" OR "near" OR "x"');
    expect(index.query('zucchini')).toEqual([]);
    expect(index.query('the of and')).toEqual([]);
    expect(() => index.query('"unbalanced * ( OR AND cherry')).not.toThrow();
    expect(() => index.query('cherry', 0)).toThrow(/topk/);
  });

  it('ties break by ascending document id, as Bm25Index does', async () => {
    const tie = await Fts5Retriever.build([{ id: 'z', contents: 'kiwi' }, { id: 'm', contents: 'kiwi' }, { id: 'q', contents: 'kiwi' }], ':memory:');
    expect(tie.query('kiwi', 3).map((h) => h.document.id)).toEqual(['m', 'q', 'z']);
    tie.close();
    // 40 equal scores: more than the candidates fetched past topk, so the exact path must run
    const many = await Fts5Retriever.build(Array.from({ length: 40 }, (_, i) => ({ id: `id${String((i * 17) % 40).padStart(2, '0')}`, contents: 'kiwi' })), ':memory:');
    expect(many.query('kiwi', 3).map((h) => h.document.id)).toEqual(['id00', 'id01', 'id02']);
    many.close();
  });

  it('top-k equals the head of the full ranking on a random corpus (fast path is exact)', async () => {
    let x = 7;
    const rand = () => ((x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const words = ['kiwi', 'lime', 'plum', 'pear', 'fig', 'date', 'yam', 'okra'];
    const docs = Array.from({ length: 300 }, (_, i) => ({ id: `d${(i * 7919) % 1000}`, contents: Array.from({ length: 1 + Math.floor(rand() * 6) }, () => words[Math.floor(rand() ** 2 * words.length)]).join(' ') }));
    const r = await Fts5Retriever.build(docs, ':memory:');
    for (const q of ['kiwi', 'lime plum', 'okra yam fig', 'pear date kiwi lime']) {
      const full = r.query(q, 1000);
      for (const k of [1, 3, 10]) expect(r.query(q, k)).toEqual(full.slice(0, k));
      for (let i = 1; i < full.length; i++) {
        const [a, b] = [full[i - 1]!, full[i]!];
        expect(a.score > b.score || (a.score === b.score && a.document.id < b.document.id)).toBe(true);
      }
    }
    r.close();
  });

  it('save/load: open and a saved copy give identical top-k; search answers per query in order', async () => {
    const copy = join(dir, 'copy.fts5');
    await index.save(copy);
    const reopened = Fts5Retriever.open(path);
    const loaded = Fts5Retriever.open(copy);
    const queries = ['cherry', 'elder banana', 'apple date', 'zucchini'];
    const a = await index.search(queries, { topk: 3 });
    expect(await reopened.search(queries, { topk: 3 })).toEqual(a);
    expect(await loaded.search(queries, { topk: 3 })).toEqual(a);
    expect(a.map((l) => l.length)).toEqual([2, 3, 3, 0]);
    reopened.close();
    loaded.close();
  });

  it('is a Retriever: served by serveRetriever and consumed by HttpRetriever', async () => {
    const server = await serveRetriever(index, { port: 0, name: 'fts5' });
    try {
      const client = new HttpRetriever({ endpoints: [`${server.url}/retrieve`], retries: 0 });
      const [hits] = await client.search(['elder banana'], { topk: 2 });
      expect(hits!.map((h) => h.document.id)).toEqual(['d3', 'd5']);
    } finally {
      await server.close();
    }
  });

  it('errors name the file, record and field; an aborted build leaves no file', async () => {
    expect(() => Fts5Retriever.open(join(dir, 'missing.fts5'))).toThrow(/missing\.fts5/);
    const junk = join(dir, 'junk.db');
    writeFileSync(junk, '');
    try {
      Fts5Retriever.open(junk);
      expect.unreachable();
    } catch (e) {
      expect(e instanceof AslError && e.details.file).toBe(junk);
    }
    try {
      await Fts5Retriever.build([{ id: 'a', contents: 'x' }, { id: 'a', contents: 'y' }], join(dir, 'dup.fts5'));
      expect.unreachable();
    } catch (e) {
      expect(e instanceof AslError && e.details).toMatchObject({ record: 1, field: 'id' });
    }
    const ac = new AbortController();
    ac.abort();
    await expect(Fts5Retriever.build(CORPUS, join(dir, 'aborted.fts5'), { batchSize: 2, signal: ac.signal })).rejects.toThrow();
    expect(readdirSync(dir).sort()).toEqual(['copy.fts5', 'corpus.fts5', 'junk.db']);
  });
});
