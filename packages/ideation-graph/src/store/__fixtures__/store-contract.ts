import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mulberry32 } from '@reasonkit/core';
import { HashingEmbedder } from '../../embedding/hashing-embedder.js';
import { unitVector } from '../../embedding/embedder.js';
import { IdeationGraphError } from '../../errors/ideation-graph-error.js';
import type { GraphStore, NodeKind } from '../../graph/types.js';
import { seededSample } from '../store-helpers.js';

const embedder = new HashingEmbedder();
const emb = (t: string) => embedder.embedOne(t);

function randomUnit(rand: () => number, dim: number): Float32Array {
  const v = new Float32Array(dim);
  for (let i = 0; i < dim; i++) {
    const u = Math.max(rand(), 1e-12);
    v[i] = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
  }
  return unitVector(v);
}

/**
 * The store contract (T7) every back end runs. `open` returns a fresh, empty store; `reopen`
 * (optional) returns a new handle on the same data (persistence round trip).
 */
export function storeContract(name: string, open: () => Promise<GraphStore>, reopen?: (s: GraphStore) => Promise<GraphStore>, o: { quantized?: boolean } = {}): void {
  describe(`store contract: ${name}`, () => {
    let store: GraphStore;
    const ids: Record<string, string> = {};
    beforeAll(async () => {
      store = await open();
      await store.lockEmbedding(embedder.modelId, embedder.dim);
      // Merged-challenge fixture: paper A states (P1, C, S1); paper B states (P2, C, S2).
      const add = async (kind: NodeKind, nm: string, paper: string) => {
        const d = `${nm} description text for ${kind}`;
        const { node } = await store.upsertNode({ kind, name: nm, description: d, source: { paperId: paper, title: `Paper ${paper}` }, embedding: emb(d) });
        return node.id;
      };
      ids.P1 = await add('problem', 'Graph representation learning', 'A');
      ids.C = await add('challenge', 'Oversmoothing in deep message passing networks', 'A');
      ids.S1 = await add('solution', 'Residual connections with initial feature reinjection', 'A');
      ids.P2 = await add('problem', 'Molecular property prediction', 'B');
      const again = await add('challenge', '  OVERSMOOTHING in   deep message passing networks. ', 'B');
      ids.Cagain = again;
      ids.S2 = await add('solution', 'Graph rewiring based on curvature of edges', 'B');
      await store.addEdge(ids.P1 as string, ids.C as string, 'problem_challenge');
      await store.addEdge(ids.C as string, ids.S1 as string, 'challenge_solution');
      await store.addEdge(ids.P2 as string, ids.C as string, 'problem_challenge');
      await store.addEdge(ids.C as string, ids.S2 as string, 'challenge_solution');
      await store.addTriple({ problemId: ids.P1 as string, challengeId: ids.C as string, solutionId: ids.S1 as string, source: { paperId: 'A' } });
      await store.addTriple({ problemId: ids.P2 as string, challengeId: ids.C as string, solutionId: ids.S2 as string, source: { paperId: 'B' } });
      const parent = await store.upsertNode({ kind: 'problem', name: 'Learning on graphs', description: 'General problem of learning from graph data', isParent: true, level: 1, embedding: emb('General problem of learning from graph data') });
      ids.PP = parent.node.id;
      await store.addEdge(ids.PP, ids.P1 as string, 'parent_of');
      await store.addEdge(ids.PP, ids.P2 as string, 'parent_of');
    });
    afterAll(async () => {
      await store?.close();
    });

    it('merges equal normalised names into one node with two sources', async () => {
      expect(ids.Cagain).toBe(ids.C);
      const c = (await store.getNode(ids.C as string))!;
      expect(c.name).toBe('Oversmoothing in deep message passing networks');
      expect(c.sources.map((s) => s.paperId).sort()).toEqual(['A', 'B']);
      const found = await store.findByName('oversmoothing in deep message passing networks.', 'challenge');
      expect(found.map((n) => n.id)).toEqual([ids.C]);
      const stats = await store.stats();
      expect(stats.nodes).toEqual({ problem: 3, challenge: 1, solution: 2 });
      expect(stats.parents).toBe(1);
      expect(stats.edges).toEqual({ parent_of: 2, problem_challenge: 2, challenge_solution: 2 });
      expect(stats.triples).toBe(2);
    });

    it('triplesOf yields only stated triples (no P1–S2 through the merged challenge)', async () => {
      const t = await store.triplesOf(ids.C as string);
      expect(t).toHaveLength(2);
      const pairs = t.map((x) => `${x.problemId}-${x.solutionId}`).sort();
      expect(pairs).toEqual([`${ids.P1}-${ids.S1}`, `${ids.P2}-${ids.S2}`].sort());
      const p1 = await store.triplesOf(ids.P1 as string);
      expect(p1.map((x) => x.solutionId)).toEqual([ids.S1]);
      expect(p1[0]?.source.paperId).toBe('A');
    });

    it('neighbors covers every edge kind in both directions', async () => {
      const n = await store.neighbors(ids.C as string);
      expect(n.map((x) => `${x.edge}/${x.direction}/${x.node.id}`).sort()).toEqual(
        [`problem_challenge/in/${ids.P1}`, `problem_challenge/in/${ids.P2}`, `challenge_solution/out/${ids.S1}`, `challenge_solution/out/${ids.S2}`].sort(),
      );
      const p = await store.neighbors(ids.P1 as string);
      expect(p.map((x) => `${x.edge}/${x.direction}`).sort()).toEqual(['parent_of/in', 'problem_challenge/out']);
      const pp = await store.neighbors(ids.PP as string, { kinds: ['parent_of'], direction: 'out', limit: 1 });
      expect(pp).toHaveLength(1);
    });

    it('another embedder modelId or dim throws EMBEDDING_MISMATCH; a wrong-dim vector too', async () => {
      await expect(store.lockEmbedding('other-model', 384)).rejects.toSatisfy((e) => IdeationGraphError.isKind(e, 'EMBEDDING_MISMATCH'));
      await expect(store.lockEmbedding(embedder.modelId, 128)).rejects.toSatisfy((e) => IdeationGraphError.isKind(e, 'EMBEDDING_MISMATCH'));
      await expect(store.upsertNode({ kind: 'problem', name: 'Wrong dim node', description: 'x', embedding: new Float32Array(10) })).rejects.toSatisfy((e) => IdeationGraphError.isKind(e, 'EMBEDDING_MISMATCH'));
      await expect(store.lockEmbedding(embedder.modelId, embedder.dim)).resolves.toBeUndefined();
    });

    it('lexical queries with -, ", AND, NEAR( never throw', async () => {
      for (const q of ['message-passing', '"oversmoothing', 'graph AND', 'NEAR(graph', '*', '']) {
        const r = await store.search({ text: q, k: 5, mode: 'lexical' });
        expect(Array.isArray(r)).toBe(true);
      }
      const r = await store.search({ text: 'oversmoothing networks', k: 3, mode: 'lexical' });
      expect(r[0]?.node.id).toBe(ids.C);
      const h = await store.search({ text: 'curvature rewiring', vector: emb('curvature rewiring of graph edges'), k: 3, mode: 'hybrid' });
      expect(h[0]?.node.id).toBe(ids.S2);
    });

    it('round trip after reopen', async () => {
      if (!reopen) return;
      store = await reopen(store);
      const c = (await store.getNode(ids.C as string))!;
      expect(c.sources).toHaveLength(2);
      expect((await store.meta()).embedModel).toBe(embedder.modelId);
      expect(await store.triplesOf(ids.C as string)).toHaveLength(2);
      const v = await store.getVector(ids.S1 as string);
      expect(v?.length).toBe(384);
    });
  });

  describe(`store contract at scale: ${name}`, () => {
    let store: GraphStore;
    const vecs: Float32Array[] = [];
    const idList: string[] = [];
    beforeAll(async () => {
      store = await open();
      await store.lockEmbedding('test-random-d32', 32);
      const rand = mulberry32(11);
      const kinds: NodeKind[] = ['problem', 'challenge', 'solution'];
      await store.transaction(async () => {
        for (let i = 0; i < 300; i++) {
          const v = randomUnit(rand, 32);
          vecs.push(v);
          const { node } = await store.upsertNode({ kind: kinds[i % 3] as NodeKind, name: `node number ${i}`, description: `synthetic node ${i}`, embedding: v });
          idList.push(node.id);
        }
      });
    }, 120_000);
    afterAll(async () => {
      await store?.close();
    });

    it('exact top-10 equals a reference computed in the test', async () => {
      const rand = mulberry32(99);
      for (let q = 0; q < 5; q++) {
        const query = randomUnit(rand, 32);
        const ref = vecs
          .map((v, i) => ({ id: idList[i] as string, s: v.reduce((acc, x, j) => acc + x * (query[j] as number), 0) }))
          .sort((a, b) => b.s - a.s || Number(a.id) - Number(b.id))
          .slice(0, 10);
        const got = await store.search({ vector: query, k: 10 });
        if (o.quantized) {
          // int8 vectors: recall@10 against the float32 reference (spec §12 target ≥ 0.97 over many queries).
          const hit = got.filter((g) => ref.some((r) => r.id === g.node.id)).length;
          expect(hit).toBeGreaterThanOrEqual(9);
          continue;
        }
        expect(got.map((g) => g.node.id)).toEqual(ref.map((r) => r.id));
        got.forEach((g, i) => expect(g.score).toBeCloseTo(ref[i]?.s as number, 5));
      }
    });

    it('seeded randomNodes: ids fixed by seed and insertion order, no repeats, kinds filter', async () => {
      const a = await store.randomNodes(10, { seed: 5 });
      const b = await store.randomNodes(10, { seed: 5 });
      expect(a.map((n) => n.id)).toEqual(b.map((n) => n.id));
      expect(new Set(a.map((n) => n.id)).size).toBe(10);
      // Identical on every back end: seededSample over the leaf ids in insertion order.
      expect(a.map((n) => n.name)).toEqual(seededSample(idList.map((_, i) => `node number ${i}`), 10, 5));
      const ex = await store.randomNodes(300, { seed: 3, excludeIds: [idList[0] as string] });
      expect(ex).toHaveLength(299);
      const sol = await store.randomNodes(5, { seed: 1, kinds: ['solution'] });
      expect(sol.every((n) => n.kind === 'solution')).toBe(true);
    });

  });
}
