import { describe, expect, it } from 'vitest';
import type { Embedder } from '../embedding/embedder.js';
import { ingestTriples } from '../build/ingest.js';
import { GraphologyGraphStore } from '../store/graphology-store.js';
import { dedupIdeas, dedupVectors, findNearDuplicate } from './dedup.js';

/** An embedder that returns hand-written unit vectors by text (dim 3). */
function tableEmbedder(table: Record<string, number[]>): Embedder {
  return {
    modelId: 'table-d3',
    dim: 3,
    embed: async (texts) =>
      texts.map((t) => {
        const v = table[t];
        if (!v) throw new Error(`no vector for ${t}`);
        return Float32Array.from(v);
      }),
  };
}

// Hand-computed cosines: pB·pA = 0.96 (≥ 0.95: merge); cB·cA = 0.94 (< 0.95: new node); sB·sA = 0.8.
const table = {
  'problem A description': [1, 0, 0],
  'challenge A description': [0, 1, 0],
  'solution A description': [0, 0, 1],
  'problem B description': [0.96, 0.28, 0],
  'challenge B description': [0, 0.94, 0.341174],
  'solution B description': [0.6, 0, 0.8],
};
const triple = (p: string) => ({
  problem: { name: `Problem name of paper ${p}`, description: `problem ${p} description` },
  challenge: { name: `Challenge name in paper ${p}`, description: `challenge ${p} description` },
  solution: { name: `Solution name of paper ${p}`, description: `solution ${p} description` },
});

describe('near-duplicate node merge (spec §2.3, cosine ≥ 0.95, opt-in)', () => {
  it('merges the problem at cosine 0.96, keeps the challenge at 0.94 and the solution at 0.8; logs a merge event', async () => {
    const store = new GraphologyGraphStore();
    const emb = tableEmbedder(table);
    const a = await ingestTriples(store, emb, { paperId: 'A' }, [triple('A')], { nearDuplicate: true });
    expect(a.mergeEvents).toEqual([]);
    const b = await ingestTriples(store, emb, { paperId: 'B' }, [triple('B')], { nearDuplicate: true });
    expect(b.merged).toBe(1);
    expect(b.created).toBe(2);
    expect(b.mergeEvents).toHaveLength(1);
    const ev = b.mergeEvents[0]!;
    expect(ev).toMatchObject({ type: 'merge', kind: 'problem', draft: { name: 'Problem name of paper B', description: 'problem B description' }, into: { id: a.triples[0]!.problemId, name: 'Problem name of paper A' }, source: { paperId: 'B' } });
    expect(ev.cosine).toBeCloseTo(0.96, 6);
    // The merged node carries both papers; paper B's stated triple points at it.
    const p = (await store.getNode(a.triples[0]!.problemId))!;
    expect(p.sources.map((s) => s.paperId)).toEqual(['A', 'B']);
    expect(b.triples[0]!.problemId).toBe(p.id);
    expect(b.triples[0]!.challengeId).not.toBe(a.triples[0]!.challengeId);
    expect((await store.stats()).nodes).toEqual({ problem: 1, challenge: 2, solution: 2 });
  });

  it('is off by default and follows the threshold', async () => {
    const off = new GraphologyGraphStore();
    const emb = tableEmbedder(table);
    await ingestTriples(off, emb, { paperId: 'A' }, [triple('A')]);
    const r = await ingestTriples(off, emb, { paperId: 'B' }, [triple('B')]);
    expect(r.created).toBe(3);
    expect(r.mergeEvents).toEqual([]);
    const strict = new GraphologyGraphStore();
    await ingestTriples(strict, emb, { paperId: 'A' }, [triple('A')], { nearDuplicate: { threshold: 0.97 } });
    expect((await ingestTriples(strict, emb, { paperId: 'B' }, [triple('B')], { nearDuplicate: { threshold: 0.97 } })).created).toBe(3);
    // 0.93 admits the challenge (0.94) too, never across kinds.
    const loose = new GraphologyGraphStore();
    await ingestTriples(loose, emb, { paperId: 'A' }, [triple('A')], { nearDuplicate: { threshold: 0.93 } });
    const l = await ingestTriples(loose, emb, { paperId: 'B' }, [triple('B')], { nearDuplicate: { threshold: 0.93 } });
    expect(l.mergeEvents.map((e) => e.kind)).toEqual(['problem', 'challenge']);
    expect(await findNearDuplicate(loose, 'solution', Float32Array.from([1, 0, 0]))).toBeUndefined();
  });
});

describe('idea dedup (cosine > 0.8, after AI-Researcher)', () => {
  it('drops a later idea above 0.8 to a kept one, keeps one at 0.79; first one wins', () => {
    // v1·v0 = 0.79, v2·v0 = 0.81, v2·v1 = 0.79·0.81 − 0.613107·0.586430 = 0.280363, v3 orthogonal to v0.
    const vs = [[1, 0], [0.79, -0.613107], [0.81, 0.58643], [0, 1]].map((v) => Float32Array.from(v));
    const r = dedupVectors(vs, 0.8);
    expect(r.kept).toEqual([0, 1, 3]);
    expect(r.dropped).toHaveLength(1);
    expect(r.dropped[0]).toMatchObject({ index: 2, duplicateOf: 0 });
    expect(r.dropped[0]!.cosine).toBeCloseTo(0.81, 6);
    expect(dedupVectors(vs, 0.82).dropped).toEqual([]);
  });

  it('dedupIdeas embeds strings and applies the default threshold 0.8', async () => {
    const emb: Embedder = { modelId: 'm', dim: 2, embed: async (t) => t.map((x) => Float32Array.from(x === 'a' ? [1, 0] : x === 'b' ? [0.85, 0.526783] : [0, 1])) };
    const r = await dedupIdeas(['a', 'b', 'c'], emb);
    expect(r.kept).toEqual([0, 2]);
    expect(r.dropped[0]).toMatchObject({ index: 1, duplicateOf: 0 });
    await expect(dedupIdeas(['a'], emb, { threshold: 0 })).rejects.toThrow(/threshold/);
  });
});
