import { beforeAll, describe, expect, it } from 'vitest';
import { ReasonkitError, type GenerateRequest } from '@reasonkit/core';
import { createScriptedTextModel } from '@reasonkit/core/testing';
import { HashingEmbedder } from '../embedding/hashing-embedder.js';
import { MemoryGraphStore } from '../store/memory-store.js';
import { ingestTriples } from '../build/ingest.js';
import { syntheticTriples } from '../testing/synthetic-graph.js';
import { sampleIdea } from '../testing/sample-idea.js';
import { toPaperJson } from '../idea/idea-schema.js';
import { GraphTools } from '../tools/graph-tools.js';
import { IdeationGraphError } from '../errors/ideation-graph-error.js';
import { fitHistory, type TaggedMessage } from './history.js';
import { generateIdeas, SocraticIdeator } from './socratic-ideator.js';

const embedder = new HashingEmbedder();
let store: MemoryGraphStore;
let tools: GraphTools;
let solutionName = '';
beforeAll(async () => {
  store = new MemoryGraphStore();
  for (let p = 0; p < 5; p++) await ingestTriples(store, embedder, { paperId: `paper-${p}` }, syntheticTriples(p));
  solutionName = (await store.allNodes('solution'))[0]!.name;
  tools = new GraphTools(store, embedder, {
    literature: {
      id: 'down',
      search: async () => {
        throw new IdeationGraphError('LITERATURE_UNAVAILABLE', 'Semantic Scholar search failed after 6 attempt(s): HTTP 429');
      },
    },
  });
});

const ideaJson = (name: string, links: string[] = []) => JSON.stringify(toPaperJson(sampleIdea(name, links)), null, 1);
const lastText = (r: GenerateRequest) => String(r.messages?.[r.messages.length - 1]?.content ?? '');
const allText = (r: GenerateRequest) => (r.messages ?? []).map((m) => String(m.content)).join('\n');

/** A researcher that searches, draws random nodes, then writes ideas (answers to questions are ideas). */
function researcher(extra: { idea?: string; calls?: string[] } = {}) {
  const calls = extra.calls ?? ['I start with the graph.\nnode_search(query="distribution shift in graph learning")<CALL>', 'get_random_nodes(number=3)<CALL>'];
  return createScriptedTextModel((_req, i) => (i < calls.length ? (calls[i] as string) : `Here is the idea.\n${extra.idea ?? ideaJson(`idea_${i}`)}`));
}

describe('SocraticIdeator (T10)', () => {
  it('accepts after one full exchange; a first-turn marker is ignored; stop has <CALL>; mentor sees no tools', async () => {
    const r = researcher();
    const mentor = createScriptedTextModel(['[ASPECT: clarity] What data? <ACCEPT>', 'Convincing. <ACCEPT>']);
    const ideator = new SocraticIdeator({ researcher: r, mentor, tools });
    const res = await ideator.run({ topic: 'robust graph learning' });
    expect(res.status).toBe('accepted');
    expect(res.rounds).toBe(1);
    expect(res.warnings.map((w) => w.kind)).toContain('premature_verdict');
    expect(r.requests.every((q) => q.stop?.includes('<CALL>'))).toBe(true);
    // The call was written without a surviving marker (the scripted model strips stop strings) and still ran:
    expect(lastText(r.requests[1]!)).toContain('[TOOL RESULT] node_search');
    expect(lastText(r.requests[2]!)).toContain('[TOOL RESULT] get_random_nodes');
    for (const q of mentor.requests) {
      expect(allText(q)).not.toMatch(/node_search\(|get_random_nodes\(|<CALL>/);
      expect(q.stop).toBeUndefined();
    }
    expect(res.transcript.find((e) => e.type === 'question')).toMatchObject({ aspect: 'clarity' });
  });

  it('only exact markers stop it: lower-case "accept" goes on; exactly one forced call, then no_verdict', async () => {
    const mentor = createScriptedTextModel({ replies: ['I would accept this if you explain more.'], loop: true });
    const res = await new SocraticIdeator({ researcher: researcher(), mentor, tools, maxRounds: 3 }).run({ topic: 't' });
    expect(res.status).toBe('no_verdict');
    expect(mentor.requests).toHaveLength(3 + 1);
    expect(lastText(mentor.requests[3]!)).toContain('You must now rule');
    expect(res.rounds).toBe(3);
  });

  it('forced call that rules is used; both markers → the later wins with a warning', async () => {
    const mentor = createScriptedTextModel(['Q1?', 'Q2?', '<ACCEPT> ... on reflection <REJECT>']);
    const res = await new SocraticIdeator({ researcher: researcher(), mentor, tools, maxRounds: 2 }).run({ topic: 't' });
    expect(res.status).toBe('rejected');
    expect(res.warnings.map((w) => w.kind)).toContain('both_markers');
  });

  it('a rejected idea is in run() but not in generateIdeas()', async () => {
    const make = () => new SocraticIdeator({ researcher: researcher(), mentor: createScriptedTextModel({ replies: ['Why?', '<REJECT>'], loop: true }), tools });
    expect((await make().run({ topic: 't' })).status).toBe('rejected');
    expect(await generateIdeas(make(), { topic: 't', n: 1, maxRuns: 2 })).toEqual([]);
    const ok = new SocraticIdeator({ researcher: researcher(), mentor: createScriptedTextModel({ replies: ['Why?', '<ACCEPT>'], loop: true }), tools });
    const ideas = await generateIdeas(ok, { topic: 't', n: 2 });
    expect(ideas).toHaveLength(2);
    expect(ideas.every((i) => i.status === 'accepted')).toBe(true);
  });

  it('generateIdeas with dedup: an accepted idea at cosine > 0.8 to an earlier one does not count and is not returned', async () => {
    // Hand vectors per accepted idea, in order: (1,0), (0.9, 0.435890) → cosine 0.9 to the first, (0,1).
    const vs = [[1, 0], [0.9, 0.43589], [0, 1]];
    let calls = 0;
    const dedupEmbedder = { modelId: 'hand-d2', dim: 2, embed: async (t: string[]) => t.map(() => Float32Array.from(vs[calls++] as number[])) };
    const ok = new SocraticIdeator({ researcher: researcher(), mentor: createScriptedTextModel({ replies: ['Why?', '<ACCEPT>'], loop: true }), tools });
    const seen: { status: string; dup?: number }[] = [];
    const ideas = await generateIdeas(ok, { topic: 't', n: 2, dedup: { embedder: dedupEmbedder }, onResult: (r) => void seen.push({ status: r.status, dup: r.duplicateOf?.index }) });
    expect(seen).toEqual([{ status: 'accepted', dup: undefined }, { status: 'accepted', dup: 0 }, { status: 'accepted', dup: undefined }]);
    expect(ideas).toHaveLength(2);
    expect(ideas.every((i) => !i.duplicateOf)).toBe(true);
  });

  it('a fabricated kg: link lands in unresolvedKgRefs; kg:method: resolves to a solution', async () => {
    const idea = ideaJson('grounded', [`<a href="kg:method:${solutionName}">our base</a>`, '<a href="kg:challenge:Invented difficulty in nowhere land">x</a>']);
    const res = await new SocraticIdeator({ researcher: researcher({ idea }), mentor: null, tools }).run({ topic: 't' });
    expect(res.status).toBe('accepted');
    expect(res.kgRefs).toHaveLength(2);
    expect(res.kgRefs[0]).toMatchObject({ kind: 'solution', name: solutionName });
    expect(res.unresolvedKgRefs.map((r) => r.name)).toEqual(['Invented difficulty in nowhere land']);
    expect(res.warnings.map((w) => w.kind)).toContain('unresolved_kg_ref');
  });

  it('an idea before node_search/get_random_nodes draws a reminder', async () => {
    const r = createScriptedTextModel((_q, i) => (i === 0 ? ideaJson('too_early') : i === 1 ? 'node_search(query="x y")<CALL>' : i === 2 ? 'get_random_nodes(number=2)<CALL>' : ideaJson('later')));
    const res = await new SocraticIdeator({ researcher: r, mentor: createScriptedTextModel(['Q?', '<ACCEPT>']), tools }).run({ topic: 't' });
    expect(lastText(r.requests[1]!)).toContain('call node_search and get_random_nodes first');
    expect(res.warnings[0]?.kind).toBe('premature_idea');
    expect(res.status).toBe('accepted');
    expect(res.idea?.name).toBe('later');
  });

  it('of two calls in one turn only the first runs; unknown tools and a dead literature API become tool text', async () => {
    const r = researcher({ calls: ['node_search(query="a")\nget_random_nodes(number=2)<CALL>', 'browse_web(url="x")<CALL>', 'semantic_search(query="oversmoothing")<CALL>', 'get_random_nodes(number=2)<CALL>'] });
    const res = await new SocraticIdeator({ researcher: r, mentor: createScriptedTextModel(['Q?', '<ACCEPT>']), tools }).run({ topic: 't' });
    const calls = res.transcript.filter((e) => e.type === 'tool_call');
    expect(calls.map((c) => (c as { name: string }).name)).toEqual(['node_search', 'semantic_search', 'get_random_nodes']);
    expect(lastText(r.requests[1]!)).toContain('1 further call(s) in that turn were dropped');
    expect(lastText(r.requests[2]!)).toMatch(/unknown tool browse_web.*Valid tools: node_search, node_relation, get_random_nodes, semantic_search/s);
    expect(lastText(r.requests[3]!)).toContain('Error calling semantic_search: LITERATURE_UNAVAILABLE');
    expect(res.status).toBe('accepted');
    expect(res.toolCalls).toBe(4);
  });

  it('budgets hold: exploration stops calling tools at maxToolCalls', async () => {
    const r = createScriptedTextModel((q) => (lastText(q).includes('Tool budget exhausted') ? ideaJson('budgeted') : 'node_search(query="again")<CALL>'));
    const res = await new SocraticIdeator({ researcher: r, mentor: null, tools, maxToolCalls: 3 }).run({ topic: 't' });
    expect(res.toolCalls).toBe(3);
    expect(res.status).toBe('accepted');
    expect(res.warnings.map((w) => w.kind)).toContain('tool_budget');
  });

  it('broken idea JSON is repaired at most twice, then the run fails (not throws)', async () => {
    const r = researcher({ idea: '{"Name": "x"' });
    const res = await new SocraticIdeator({ researcher: r, mentor: null, tools }).run({ topic: 't' });
    expect(res.status).toBe('failed');
    expect(res.error).toMatch(/after 2 repair/);
    expect(r.requests).toHaveLength(2 + 3);
  });

  it('maxRounds < minRounds → INVALID_ARGUMENT naming maxRounds', () => {
    try {
      new SocraticIdeator({ researcher: researcher(), mentor: null, tools, maxRounds: 1, minRounds: 2 });
      expect.unreachable();
    } catch (e) {
      expect(ReasonkitError.is(e, 'INVALID_ARGUMENT')).toBe(true);
      expect((e as ReasonkitError).details.field).toBe('maxRounds');
    }
  });

  it('AbortSignal stops a run', async () => {
    const ac = new AbortController();
    ac.abort();
    await expect(new SocraticIdeator({ researcher: researcher(), mentor: null, tools }).run({ topic: 't', signal: ac.signal })).rejects.toSatisfy((e) => ReasonkitError.is(e, 'ABORTED'));
  });
});

describe('history truncation', () => {
  it('keeps the system prompt, topic and latest idea; drops old tool results first', () => {
    const big = 'x'.repeat(4000);
    const msgs: TaggedMessage[] = [
      { role: 'system', tag: 'system', content: 'SYSTEM' },
      { role: 'user', tag: 'topic', content: 'TOPIC' },
      { role: 'assistant', tag: 'tool', content: `call1 ${big}` },
      { role: 'user', tag: 'tool', content: `result1 ${big}` },
      { role: 'assistant', tag: 'exchange', content: `old answer ${big}` },
      { role: 'assistant', tag: 'idea', content: 'LATEST IDEA' },
      { role: 'user', tag: 'exchange', content: 'QUESTION' },
    ];
    const out = fitHistory(msgs, 1200).map((m) => String(m.content)).join('\n');
    expect(out).toContain('SYSTEM');
    expect(out).toContain('TOPIC');
    expect(out).toContain('LATEST IDEA');
    expect(out).toContain('QUESTION');
    expect(out).not.toContain('result1');
    expect(out).toContain('old answer');
    const tight = fitHistory(msgs, 10).map((m) => String(m.content)).join('\n');
    expect(tight).not.toContain('old answer');
    expect(tight).toContain('LATEST IDEA');
  });
});
