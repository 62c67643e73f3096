import { describe, expect, it } from 'vitest';
import { storeContract } from './__fixtures__/store-contract.js';
import { GraphologyGraphStore } from './graphology-store.js';
import { IdeationGraphError } from '../errors/ideation-graph-error.js';

// The same T7 contract as SQLite and PostgreSQL; "reopen" goes through JSON text (toJSON → fromJSON).
storeContract('graphology', async () => new GraphologyGraphStore(), async (s) => GraphologyGraphStore.fromJSON(JSON.parse(JSON.stringify(s as GraphologyGraphStore))));

describe('graphology store specifics', () => {
  it('edge keys follow ${kind}:${src}->${dst} and edge sources accumulate', async () => {
    const s = new GraphologyGraphStore();
    const p = await s.upsertNode({ kind: 'problem', name: 'Graph representation learning', description: 'd' });
    const c = await s.upsertNode({ kind: 'challenge', name: 'Oversmoothing in deep networks', description: 'd' });
    await s.addEdge(p.node.id, c.node.id, 'problem_challenge', { paperId: 'A' });
    await s.addEdge(p.node.id, c.node.id, 'problem_challenge', { paperId: 'B' });
    const key = `problem_challenge:${p.node.id}->${c.node.id}`;
    expect(s.graph.hasEdge(key)).toBe(true);
    expect(s.graph.size).toBe(1);
    expect(s.graph.getEdgeAttribute(key, 'sources').map((x) => x.paperId)).toEqual(['A', 'B']);
    await expect(s.addEdge(p.node.id, '999', 'problem_challenge')).rejects.toSatisfy((e) => IdeationGraphError.isKind(e, 'NODE_NOT_FOUND'));
  });

  it('fromJSON refuses a newer schema and a foreign dump', () => {
    const j = new GraphologyGraphStore().toJSON();
    expect(() => GraphologyGraphStore.fromJSON({ ...j, schemaVersion: j.schemaVersion + 1 })).toThrow(/STORE_SCHEMA_VERSION/);
    expect(() => GraphologyGraphStore.fromJSON({ ...j, format: 'x' as never })).toThrow(/STORE_SCHEMA_VERSION/);
  });

  it('a vector survives the JSON round trip bit for bit', async () => {
    const s = new GraphologyGraphStore();
    const v = new Float32Array([0.6, -0.8, 0, 1e-7]);
    const { node } = await s.upsertNode({ kind: 'solution', name: 'Some method name here', description: 'd', embedding: v });
    const back = GraphologyGraphStore.fromJSON(JSON.parse(JSON.stringify(s)));
    expect(Array.from((await back.getVector(node.id))!)).toEqual(Array.from(v));
    expect((await back.meta()).dim).toBe(4);
  });
});
