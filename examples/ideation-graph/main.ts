// @reasonkit/ideation-graph in one file: extract problem → challenge → solution triples from two
// papers into an in-memory MotivGraph (the shared challenge merges; `./sqlite` and `./postgres`
// stores take the same calls), and run
// one Socratic ideation session over it (researcher with graph tools, mentor who asks, then accepts).
//
// Offline, the extractor, researcher and mentor are scripted stand-ins (core's
// `createScriptedTextModel`), not models: the extractor reads the "Problem: … Challenge: …
// Solution: …" sentences of each introduction; the researcher searches the graph and writes an
// idea linking the solution nodes it found. Run: npm start -w @reasonkit/example-ideation-graph
import { pathToFileURL } from 'node:url';
import type { GenerateRequest } from '@reasonkit/core';
import { createScriptedTextModel } from '@reasonkit/core/testing';
import { generateIdeas, GraphTools, HashingEmbedder, ingestPaper, MemoryGraphStore, SocraticIdeator, toPaperJson } from '@reasonkit/ideation-graph';
import { sampleIdea } from '@reasonkit/ideation-graph/testing';

const papers = [
  { id: 'p1', title: 'Robust node classification', introduction: 'Problem: Node classification under distribution shift. Challenge: Spurious correlations between graph structure and labels. Solution: Invariant risk minimisation over sampled subgraphs.' },
  { id: 'p2', title: 'Stable link prediction', introduction: 'Problem: Link prediction on evolving graphs. Challenge: Spurious correlations between graph structure and labels. Solution: Causal edge reweighting with environment inference.' },
];

const text = (r: GenerateRequest) => (r.messages ?? []).map((m) => String(m.content)).join('\n') + (r.prompt ?? '');
const field = (s: string, name: string) => new RegExp(`${name}: ([^.]+)\\.`).exec(s)?.[1] ?? '';
const draft = (name: string, kind: string) => ({ name, description: `The ${kind} "${name}" as stated in the introduction.` });

/** Scripted extractor: reads the labelled sentences of the paper in its prompt, answers the extraction JSON. */
const scriptedExtractor = createScriptedTextModel({
  loop: true,
  replies: (r) => {
    const intro = papers.find((p) => text(r).includes(p.introduction))?.introduction ?? '';
    return JSON.stringify({ triples: [{ problem: draft(field(intro, 'Problem'), 'problem'), challenge: draft(field(intro, 'Challenge'), 'challenge'), solution: draft(field(intro, 'Solution'), 'solution') }] });
  },
});

export async function run(options: { topic?: string; log?: (line: string) => void; signal?: AbortSignal } = {}) {
  const log = options.log ?? console.log;
  const topic = options.topic ?? 'spurious correlations in graph learning';
  const embedder = new HashingEmbedder();
  const store = new MemoryGraphStore();
  try {
    const reports = [];
    for (const paper of papers) {
      const r = await ingestPaper(store, embedder, scriptedExtractor, paper, options.signal ? { signal: options.signal } : {});
      reports.push(r);
      log(`${paper.id}: ${r.triples.length} triple(s), ${r.created} node(s) created, ${r.merged} merged`);
    }
    const nodes = await store.allNodes();
    const solutions = (await store.allNodes('solution')).map((n) => n.name);
    log(`Graph: ${nodes.length} nodes (${solutions.length} solutions)`);
    const tools = new GraphTools(store, embedder);
    const idea = JSON.stringify(toPaperJson(sampleIdea('kg_grounded_idea', solutions.map((n) => `<a href="kg:solution:${n}">${n}</a>`))));
    const researcher = createScriptedTextModel((_r, i) => (i === 0 ? `node_search(query="${topic}")<CALL>` : `Here is the idea.\n${idea}`));
    const mentor = createScriptedTextModel({ replies: ['[ASPECT: novelty] How does this differ from invariant risk minimisation alone?', '<ACCEPT>'], loop: true });
    const [result] = await generateIdeas(new SocraticIdeator({ researcher, mentor, tools }), { topic, n: 1, ...(options.signal ? { signal: options.signal } : {}) });
    if (!result?.idea) throw new Error('no accepted idea');
    log(`Accepted "${result.idea.title}" after ${result.rounds} mentor round(s), ${result.toolCalls} tool call(s); ${result.kgRefs.length - result.unresolvedKgRefs.length}/${result.kgRefs.length} graph links resolve`);
    return { reports, nodes: nodes.length, solutions, result };
  } finally {
    await store.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await run();
