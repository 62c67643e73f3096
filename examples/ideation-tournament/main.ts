// Cross-package (ideation-graph + core text models): build a small knowledge graph, run the
// Socratic ideator (researcher + mentor, graph tools) for three researchers on two topics, and
// evaluate the ideas in a Swiss tournament with both-order pairwise judging, Bradley–Terry ratings
// with bootstrap intervals, and the judge's position-bias diagnostics.
//
// Offline, the researchers, the mentor and the judge are scripted stand-ins (core's
// `createScriptedTextModel`), not models: each researcher searches the graph, draws random nodes,
// then writes an idea that links real graph nodes ("graph-grounded"), no nodes ("ungrounded"), or
// invented ones ("fabricated"); the judge prefers the idea that names more real graph nodes and
// otherwise picks the first one shown (a position bias the both-order judging cancels).
// Run: npm start -w @reasonkit/example-ideation-tournament
import { pathToFileURL } from 'node:url';
import type { GenerateRequest, TextModel } from '@reasonkit/core';
import { createScriptedTextModel } from '@reasonkit/core/testing';
import { generateIdeas, GraphTools, HashingEmbedder, ideaToText, ingestTriples, MemoryGraphStore, SocraticIdeator, toPaperJson, type IdeatorResult } from '@reasonkit/ideation-graph';
import { leaderboard, leaderboardMarkdown, pairwiseJudge, Tournament } from '@reasonkit/ideation-graph/eval';
import { sampleIdea, syntheticTriples } from '@reasonkit/ideation-graph/testing';

export const ENTRANTS = ['graph-grounded', 'ungrounded', 'fabricated'] as const;
type Entrant = (typeof ENTRANTS)[number];

const text = (r: GenerateRequest) => (r.messages ?? []).map((m) => String(m.content)).join('\n') + (r.prompt ?? '');

function scriptedResearcher(entrant: Entrant, realNodes: readonly string[], topic: string): TextModel {
  const links =
    entrant === 'graph-grounded'
      ? realNodes.slice(0, 2).map((n) => `<a href="kg:solution:${n}">${n}</a>`)
      : entrant === 'fabricated'
        ? ['<a href="kg:solution:Quantum gradient folding">folding</a>', '<a href="kg:challenge:Unbounded label drift">drift</a>']
        : [];
  const idea = JSON.stringify(toPaperJson(sampleIdea(`${entrant}_${topic}`.toLowerCase().replace(/[^a-z0-9]+/g, '_'), links)));
  const calls = [`node_search(query="${topic}")<CALL>`, 'get_random_nodes(number=3)<CALL>'];
  return createScriptedTextModel((_r, i) => (i < calls.length ? calls[i]! : `Here is the idea.\n${idea}`));
}

/** Prefers the idea that names more real graph nodes; on a tie answers "1" (position-biased). */
function scriptedJudge(realNodes: readonly string[]): TextModel {
  return createScriptedTextModel((r) => {
    const prompt = text(r);
    const one = prompt.slice(prompt.indexOf('[IDEA 1]'), prompt.indexOf('[IDEA 2]'));
    const two = prompt.slice(prompt.indexOf('[IDEA 2]'));
    const count = (s: string) => realNodes.filter((n) => s.includes(`kg:solution:${n}`)).length;
    const winner = count(two) > count(one) ? '2' : '1';
    return JSON.stringify({ winner, rationale: 'grounded in the knowledge graph' });
  });
}

export async function run(options: { topics?: readonly string[]; papers?: number; log?: (line: string) => void; signal?: AbortSignal } = {}) {
  const log = options.log ?? console.log;
  const topics = options.topics ?? ['distribution shift in graph learning', 'label noise in medical imaging'];
  const store = new MemoryGraphStore();
  const embedder = new HashingEmbedder();
  for (let p = 0; p < (options.papers ?? 5); p++) await ingestTriples(store, embedder, { paperId: `paper-${p}` }, syntheticTriples(p));
  const realNodes = (await store.allNodes('solution')).map((n) => n.name);
  const tools = new GraphTools(store, embedder);
  log(`Knowledge graph: ${realNodes.length} solution nodes from ${options.papers ?? 5} synthetic papers`);

  const ideas: Record<string, Record<string, string>> = {};
  const results: Record<string, Record<string, IdeatorResult>> = {};
  for (const topic of topics) {
    ideas[topic] = {};
    results[topic] = {};
    for (const entrant of ENTRANTS) {
      const mentor = createScriptedTextModel({ replies: ['[ASPECT: experiment] Which datasets, and what baseline?', '<ACCEPT>'], loop: true });
      const ideator = new SocraticIdeator({ researcher: scriptedResearcher(entrant, realNodes, topic), mentor, tools });
      const [r] = await generateIdeas(ideator, { topic, n: 1, ...(options.signal ? { signal: options.signal } : {}) });
      if (!r?.idea) throw new Error(`${entrant} produced no accepted idea on "${topic}"`);
      ideas[topic][entrant] = ideaToText(r.idea);
      results[topic][entrant] = r;
      log(`  ${topic} · ${entrant}: "${r.idea.title}" after ${r.rounds} mentor round(s), ${r.toolCalls} tool calls, ${r.kgRefs.length - r.unresolvedKgRefs.length}/${r.kgRefs.length} graph links resolve`);
    }
  }

  const tournament = new Tournament({ entrants: [...ENTRANTS], judge: pairwiseJudge(scriptedJudge(realNodes)), seed: 1 });
  const t = await tournament.run(ideas, { ...(options.signal ? { signal: options.signal } : {}) });
  const rows = leaderboard(t.log, { B: 200, seed: 1 });
  log(`\nTournament: ${t.log.length} matches, ${t.diagnostics.judgeCalls} judge calls, order flip rate ${t.diagnostics.flipRate.toFixed(2)}, first-position win rate ${t.diagnostics.firstPositionWinRate.toFixed(2)}\n`);
  log(leaderboardMarkdown(rows));
  return { results, tournament: t, leaderboard: rows };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await run();
