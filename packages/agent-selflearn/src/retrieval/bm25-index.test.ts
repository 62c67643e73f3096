import { describe, expect, it } from 'vitest';
import { createDefaultAnalyzer } from './analyzer.js';
import { Bm25Index } from './bm25-index.js';
import { mergeHitsById } from './merge-hits.js';
import { renderHits } from './render-hits.js';
import type { Doc, Hit } from './types.js';

const T6: Doc[] = [
  { id: 'd1', contents: 'a b c' },
  { id: 'd2', contents: 'a a d' },
  { id: 'd3', contents: 'b d e f' },
  { id: 'd4', contents: 'c' },
  { id: 'd5', contents: 'e e e a' },
];

describe('Bm25Index (T6 hand-computed scores)', () => {
  it('query [a e] and [c] match the spec within 1e-9; non-matching docs score 0 and are not returned', async () => {
    const index = await Bm25Index.build(T6, { analyzer: 'whitespace', k1: 0.9, b: 0.4 });
    const ae = index.query('a e', 10);
    expect(ae.map((h) => h.document.id)).toEqual(['d5', 'd3', 'd2', 'd1']);
    const want = [1.7483131760121506, 0.8234606935506977, 0.7062712768221417, 0.5389965007326871];
    ae.forEach((h, i) => expect(Math.abs(h.score - want[i]!)).toBeLessThan(1e-9));
    expect(index.scoreDocument('a e', 'd4')).toBe(0);
    const c = index.query('c', 10);
    expect(c.map((h) => h.document.id)).toEqual(['d4', 'd1']);
    expect(Math.abs(c[0]!.score - 1.0020425307062708)).toBeLessThan(1e-9);
    expect(Math.abs(c[1]!.score - 0.8754687373538999)).toBeLessThan(1e-9);
    expect(Math.abs(index.scoreDocument('a e', 'd5') - want[0]!)).toBeLessThan(1e-9);
  });
  it('counts query terms with multiplicity', async () => {
    const index = await Bm25Index.build(T6, { analyzer: 'whitespace' });
    expect(index.query('c c', 1)[0]!.score).toBeCloseTo(2 * 1.0020425307062708, 12);
  });
  it('breaks ties by document id and honours topk', async () => {
    const index = await Bm25Index.build([{ id: 'z', contents: 'x' }, { id: 'b', contents: 'x' }, { id: 'm', contents: 'x' }], { analyzer: 'whitespace' });
    expect(index.query('x', 3).map((h) => h.document.id)).toEqual(['b', 'm', 'z']);
    expect(index.query('x', 2).map((h) => h.document.id)).toEqual(['b', 'm']);
    expect(() => index.query('x', 0)).toThrow(/topk/);
  });
  it('save/load (binary, versioned) gives identical top-k', async () => {
    const docs: Doc[] = Array.from({ length: 300 }, (_, i) => ({ id: `doc${i}`, contents: `"Title ${i}"\nThe ${['river', 'mountain', 'city', 'capital'][i % 4]} number ${i} is near ${['Paris', 'Rome', 'Oslo'][i % 3]} and runs ${i % 7} times` }));
    const index = await Bm25Index.build(docs);
    const again = Bm25Index.fromBytes(index.toBytes());
    // a Node Buffer view at a non-zero offset of a larger pool (what readFile can return)
    const pooled = new Uint8Array(index.toBytes().length + 13);
    pooled.set(index.toBytes(), 13);
    const viaBuffer = Bm25Index.fromBytes(Buffer.from(pooled.buffer, 13));
    expect(viaBuffer.query('capital near Paris', 5)).toEqual(index.query('capital near Paris', 5));
    for (const q of ['capital near Paris', 'rivers running', 'mountain 17', 'Oslo city']) {
      expect(again.query(q, 5)).toEqual(index.query(q, 5));
      expect(index.query(q, 5).length).toBeGreaterThan(0);
    }
    const bytes = index.toBytes();
    bytes[6] = 9;
    expect(() => Bm25Index.fromBytes(bytes, { file: 'x.bm25' })).toThrow(/x\.bm25.*version 9/);
    expect(() => Bm25Index.fromBytes(new Uint8Array(4))).toThrow(/magic/);
  });
  it('rejects duplicate ids and bad documents, naming the record', async () => {
    await expect(Bm25Index.build([{ id: 'a', contents: 'x' }, { id: 'a', contents: 'y' }])).rejects.toThrow(/duplicate document id "a"/);
    await expect(Bm25Index.build([{ id: 1 } as unknown as Doc])).rejects.toThrow(/document 0/);
  });
  it('default analyzer lower-cases, drops stop words, stems', () => {
    expect(createDefaultAnalyzer()('The Rivers are RUNNING to the sea')).toEqual(['river', 'run', 'sea']);
  });
});

describe('hit merge and rendering (§6.1, §6.2)', () => {
  const h = (id: string, score: number): Hit => ({ document: { id, contents: `"T${id}"\nbody ${id}\nline2` }, score });
  it('merge fixture: B 1.4, A 1.0, C 0.7', () => {
    const merged = mergeHitsById([[h('A', 0.9), h('B', 0.8), h('C', 0.7)], [h('B', 0.6), h('D', 0.5), h('A', 0.1)]], 3);
    expect(merged.map((x) => x.document.id)).toEqual(['B', 'A', 'C']);
    expect(merged[0]!.score).toBeCloseTo(1.4, 12);
    expect(merged[1]!.score).toBeCloseTo(1.0, 12);
    expect(merged[2]!.score).toBeCloseTo(0.7, 12);
  });
  it('renders as ASL, Search-R1 and verl', () => {
    const hits = [h('A', 1)];
    expect(renderHits(hits, 'asl')).toBe('\nid: A\ncontent:\n"TA"\nbody A\nline2\n');
    expect(renderHits(hits, 'search-r1')).toBe('Doc 1(Title: "TA") body A\nline2\n');
    expect(renderHits(hits, 'verl')).toBe('Doc 1 (Title: TA)\nbody A\nline2\n\n');
  });
});
