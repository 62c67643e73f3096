import { describe, expect, it } from 'vitest';
import { mulberry32 } from '@reasonkit/core';
import type { NodeKind } from '../graph/types.js';
import { VectorIndex } from './vector-index.js';

const KINDS: NodeKind[] = ['problem', 'challenge', 'solution'];

/** Reference: score every row with a plain loop, sort by score desc then id asc. */
function naive(rows: { id: number; kind: NodeKind; leaf: boolean; v: Float32Array }[], q: Float32Array, k: number, kinds?: NodeKind[], leavesOnly = false) {
  return rows
    .filter((r) => (!kinds || kinds.includes(r.kind)) && (!leavesOnly || r.leaf))
    .map((r) => ({ id: r.id, score: r.v.reduce((s, x, i) => s + x * (q[i] as number), 0) }))
    .sort((a, b) => b.score - a.score || a.id - b.id)
    .slice(0, k);
}

describe('VectorIndex.topK', () => {
  for (const dim of [3, 8, 13, 384]) {
    it(`matches a plain scan at dim ${dim} (unrolled kernel remainder), with kind and leaf filters`, () => {
      const rand = mulberry32(dim);
      const rows = Array.from({ length: 300 }, (_, i) => ({ id: 1000 - 3 * i, kind: KINDS[i % 3] as NodeKind, leaf: i % 4 !== 0, v: Float32Array.from({ length: dim }, () => rand() - 0.5) }));
      const index = new VectorIndex(dim, 4); // grows past its capacity
      for (const r of rows) index.set(r.id, r.kind, r.leaf, r.v);
      const q = Float32Array.from({ length: dim }, () => rand() - 0.5);
      for (const [kinds, leaves] of [[undefined, false], [['challenge'], false], [['problem', 'solution'], true]] as const) {
        const got = index.topK(q, 7, { kinds: kinds as NodeKind[] | undefined, leavesOnly: leaves });
        const want = naive(rows, q, 7, kinds as NodeKind[] | undefined, leaves);
        expect(got.map((h) => h.id)).toEqual(want.map((h) => h.id));
        got.forEach((h, i) => expect(h.score).toBeCloseTo(want[i]?.score as number, 5));
      }
    });
  }

  it('breaks score ties by ascending id and returns fewer than k when the filter leaves fewer', () => {
    const index = new VectorIndex(2);
    for (const id of [9, 4, 7, 1]) index.set(id, 'problem', true, Float32Array.of(1, 0));
    index.set(5, 'solution', true, Float32Array.of(0, 1));
    expect(index.topK(Float32Array.of(1, 0), 3).map((h) => h.id)).toEqual([1, 4, 7]);
    expect(index.topK(Float32Array.of(1, 0), 3, { kinds: ['solution'] }).map((h) => h.id)).toEqual([5]);
    index.setLeaf(5, false);
    expect(index.topK(Float32Array.of(1, 0), 3, { kinds: ['solution'], leavesOnly: true })).toEqual([]);
  });

  it('appendEncoded loads a packed float32 block and replaces known ids', () => {
    const index = new VectorIndex(2, 1);
    const vecs = new Uint8Array(Float32Array.of(1, 0, 0, 1, 0.5, 0.5).buffer);
    index.appendEncoded(Float64Array.of(3, 1, 2), Uint8Array.of(0 | 4, 1, 2 | 4), vecs, 'f32');
    expect(index.size).toBe(3);
    expect(Array.from(index.get(1) as Float32Array)).toEqual([0, 1]);
    expect(index.topK(Float32Array.of(0, 1), 3, { leavesOnly: true }).map((h) => h.id)).toEqual([2, 3]);
    expect(index.topK(Float32Array.of(0, 1), 1, { kinds: ['challenge'] }).map((h) => h.id)).toEqual([1]);
    index.appendEncoded(Float64Array.of(1), Uint8Array.of(1 | 4), new Uint8Array(Float32Array.of(1, 0).buffer), 'f32');
    expect(index.size).toBe(3);
    expect(Array.from(index.get(1) as Float32Array)).toEqual([1, 0]);
  });
});
