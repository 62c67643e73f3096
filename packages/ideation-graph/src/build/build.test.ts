import { describe, expect, it } from 'vitest';
import { ReasonkitError } from '@reasonkit/core';
import { createScriptedTextModel } from '@reasonkit/core/testing';
import { HashingEmbedder } from '../embedding/hashing-embedder.js';
import { MemoryGraphStore } from '../store/memory-store.js';
import { syntheticTriples } from '../testing/synthetic-graph.js';
import { extractTriples, namingWarnings } from './extract-triples.js';
import { ingestTriples } from './ingest.js';
import { buildHierarchy } from './hierarchy.js';

const paper = { id: 'p1', title: 'GraphMix: mixing graphs', introduction: 'Graphs are everywhere.' };
const good = JSON.stringify({
  triples: [
    {
      problem: { name: 'Node classification on graphs', description: 'Assigning labels to the nodes of a graph from features and edges.' },
      challenge: { name: 'Oversmoothing of features in deep networks', description: 'Deep message passing makes node features indistinguishable, hurting accuracy.' },
      solution: { name: 'Residual connections with initial feature reinjection at every layer', description: 'Each layer adds a fraction of the input features back, keeping nodes distinct.' },
    },
  ],
});

describe('extraction (T9)', () => {
  it('malformed JSON is repaired within 2 re-asks', async () => {
    const m = createScriptedTextModel(['{"triples": [', 'not json at all', good]);
    const r = await extractTriples(paper, m);
    expect(r.triples).toHaveLength(1);
    expect(m.requests).toHaveLength(3);
  });
  it('a third failure throws OBJECT_GENERATION_FAILED with the raw text', async () => {
    const m = createScriptedTextModel(['{bad', '{bad again', '{"triples": "still bad"}']);
    try {
      await extractTriples(paper, m);
      expect.unreachable();
    } catch (e) {
      expect(ReasonkitError.is(e, 'OBJECT_GENERATION_FAILED')).toBe(true);
      expect((e as ReasonkitError).details.text).toBe('{"triples": "still bad"}');
    }
  });
  it('naming rules give warnings, never failures', () => {
    const w = namingWarnings(
      {
        problem: { name: 'Graphs', description: 'A limitation of graphs is their size.' },
        challenge: { name: 'GraphMix fails for large sparse graphs', description: 'x'.repeat(30) },
        solution: { name: 'Mixing node features with learned weights across layers', description: 'x'.repeat(30) },
      },
      paper.title,
      'p1#0',
    );
    const msgs = w.map((x) => `${x.field}: ${x.message}`).join('\n');
    expect(msgs).toMatch(/problem.name: problem name has 1 words/);
    expect(msgs).toMatch(/challenge.name: challenge name lacks " in "/);
    expect(msgs).toMatch(/challenge.name: .*"GraphMix"/);
    expect(msgs).toMatch(/problem.description: .*limitation/);
  });
});

async function fixture() {
  const store = new MemoryGraphStore();
  const emb = new HashingEmbedder();
  for (let p = 0; p < 12; p++) await ingestTriples(store, emb, { paperId: `p${p}` }, syntheticTriples(p, 3));
  return { store, emb };
}

/** A judge that merges when the focal node's name starts with a vowel-free letter (deterministic), naming members by a rule. */
const judge = (subset: boolean) =>
  createScriptedTextModel((req) => {
    const text = String(req.messages?.[req.messages.length - 1]?.content ?? '');
    const focal = /Focal: ([^:]+):/.exec(text)?.[1] ?? '';
    const neighbours = [...text.matchAll(/^- ([^:]+):/gm)].map((m) => m[1] as string);
    if (focal.length % 2 === 1) return '{"merge": false}';
    return JSON.stringify({ merge: true, members: subset ? neighbours.slice(0, 1) : neighbours, parent: { name: `General ${focal} family`, description: `A general class of problems around ${focal}.` } });
  });

describe('hierarchy (T9)', () => {
  it('one pass: ≤ 1 parent per node, same kind, §2.4 invariants, seeded determinism', async () => {
    const run = async () => {
      const { store, emb } = await fixture();
      const X = (await store.allNodes('challenge')).length;
      const report = await buildHierarchy(store, emb, judge(false), { kind: 'challenge', k: 3, seed: 4 });
      const parents = (await store.allNodes('challenge')).filter((n) => n.isParent);
      const childCount = new Map<string, number>();
      for (const p of parents) {
        expect(p.kind).toBe('challenge');
        expect(p.level).toBe(1);
        for (const n of await store.neighbors(p.id, { kinds: ['parent_of'], direction: 'out' })) {
          expect(n.node.kind).toBe('challenge');
          childCount.set(n.node.id, (childCount.get(n.node.id) ?? 0) + 1);
        }
      }
      expect(Math.max(...childCount.values())).toBe(1);
      expect(report.focal).toBe(X - report.absorbed);
      expect(report.judgeCalls).toBe(report.focal - report.emptyNeighborhoods);
      expect(report.parents).toBeGreaterThan(0);
      return { report, parents: parents.map((p) => p.name).sort() };
    };
    const a = await run();
    const b = await run();
    expect(a).toEqual(b);
  });
  it("'subset' links only listed members; the others stay eligible", async () => {
    const { store, emb } = await fixture();
    const report = await buildHierarchy(store, emb, judge(true), { kind: 'problem', k: 3, seed: 2, membership: 'subset' });
    expect(report.links).toBe(report.parents * 2);
    expect(report.absorbed).toBe(report.parents);
  });
});
