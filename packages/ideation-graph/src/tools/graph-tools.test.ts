import { beforeAll, describe, expect, it } from 'vitest';
import { ReasonkitError } from '@reasonkit/core';
import { HashingEmbedder } from '../embedding/hashing-embedder.js';
import { MemoryGraphStore } from '../store/memory-store.js';
import { ingestTriples } from '../build/ingest.js';
import { syntheticTriples } from '../testing/synthetic-graph.js';
import { GraphTools } from './graph-tools.js';

let tools: GraphTools;
let store: MemoryGraphStore;
beforeAll(async () => {
  store = new MemoryGraphStore();
  const emb = new HashingEmbedder();
  for (let p = 0; p < 8; p++) await ingestTriples(store, emb, { paperId: `p${p}` }, syntheticTriples(p));
  tools = new GraphTools(store, emb, { neighborLimit: 2 });
});

const field = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    expect(ReasonkitError.is(e, 'INVALID_ARGUMENT')).toBe(true);
    return (e as ReasonkitError).details.field;
  }
  throw new Error('expected INVALID_ARGUMENT');
};

describe('graph tools', () => {
  it('bad inputs name their field (acceptance 10)', async () => {
    expect(await field(tools.nodeSearch({ query: '' }))).toBe('query');
    expect(await field(tools.nodeSearch({ query: 'x', k: 0 }))).toBe('k');
    expect(await field(tools.randomNodes({ number: 0 }, 1))).toBe('number');
    expect(await field(tools.randomNodes({ number: 51 }, 1))).toBe('number');
    expect(await field(tools.nodeRelation({ names: Array.from({ length: 11 }, (_, i) => `n${i}`) }))).toBe('names');
    expect(await field(tools.nodeSearch({ query: 'x', kinds: ['hypothesis' as never] }))).toBe('kinds.0');
    expect(await field(store.upsertNode({ kind: 'theory' as never, name: 'x', description: 'y' }))).toBe('kind');
  });
  it('node_relation: kinds pinned, neighbours capped per edge kind with an omitted count, unknown names get suggestions', async () => {
    const problem = (await store.allNodes('problem'))[0]!;
    const [r] = await tools.nodeRelation({ names: [`problem:${problem.name}`] });
    expect(r && 'kind' in r && r.kind).toBe('problem');
    if (r && 'neighbors' in r) {
      expect(r.neighbors.filter((n) => n.edge === 'problem_challenge').length).toBeLessThanOrEqual(2);
      expect(r.omitted.problem_challenge).toBeGreaterThan(0);
      expect(r.triples.length).toBeGreaterThan(0);
    }
    const [miss] = await tools.nodeRelation({ names: ['Improving graph learnin'] });
    expect(miss).toMatchObject({ found: false });
    expect((miss as { suggestions: string[] }).suggestions.length).toBeGreaterThan(0);
  });
  it('a session draws random nodes without repeats, seeded', async () => {
    const s1 = tools.session(3);
    const a = await s1.call('get_random_nodes', { number: 5 });
    const b = await s1.call('get_random_nodes', { number: 5 });
    const names = [...(a.json as { name: string }[]), ...(b.json as { name: string }[])].map((n) => n.name);
    expect(new Set(names).size).toBe(10);
    const again = await tools.session(3).call('get_random_nodes', { number: 5 });
    expect(again.json).toEqual(a.json);
    const bad = await s1.call('node_search', { query: '' });
    expect(bad.ok).toBe(false);
    expect(bad.text).toMatch(/query/);
  });
});
