// End-to-end smoke test of the plumbing (issue 16 acceptance 3): a real OpenAI-compatible HTTP server on
// loopback (core's createOpenAIServer, the server behind `reasonkit serve`) in front of a scripted
// role-playing model, reached through core's OpenAI-compatible client. Build a graph from 20 synthetic
// papers into SQLite, ideate on 3 topics in two settings (with and without the mentor), run the
// tournament and write the leaderboard. The scripted model makes this a test of the plumbing, not of
// idea quality (the shared stories260K model cannot write JSON).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOpenAIServer, type OpenAIServer } from '@reasonkit/core/node';
import { createScriptedTextModel } from '@reasonkit/core/testing';
import type { GenerateRequest } from '@reasonkit/core';
import { syntheticTriples } from '../testing/synthetic-graph.js';
import { sampleIdea } from '../testing/sample-idea.js';
import { toPaperJson } from '../idea/idea-schema.js';
import { appendJsonl } from './jsonl.js';
import { runBuild, runEvaluate, runIdeate, textModel } from './commands.js';

const text = (r: GenerateRequest) => (r.messages ?? []).map((m) => String(m.content)).join('\n');
const last = (r: GenerateRequest) => String(r.messages?.[r.messages.length - 1]?.content ?? '');

/** Plays every role from the prompt it gets; `tag` marks which setting wrote an idea. */
function rolePlayer(tag: string) {
  let ideas = 0;
  return createScriptedTextModel((req) => {
    const all = text(req);
    const lastMsg = last(req);
    if (lastMsg.includes('Extract (problem, challenge, solution) triples')) {
      const i = Number(/Title: Synthetic paper (\d+)/.exec(lastMsg)?.[1] ?? 0);
      return JSON.stringify({ triples: syntheticTriples(i, 5) });
    }
    if (lastMsg.includes('can be generalised')) {
      const focal = /Focal: ([^:]+):/.exec(lastMsg)?.[1] ?? '';
      return focal.length % 3 === 0 ? JSON.stringify({ merge: true, parent: { name: `General family of ${focal}`, description: `A general class covering ${focal} and its neighbours.` } }) : '{"merge": false}';
    }
    if (lastMsg.includes('You compare two research ideas')) {
      const first = lastMsg.slice(lastMsg.indexOf('[IDEA 1]'), lastMsg.indexOf('[IDEA 2]'));
      return JSON.stringify({ winner: first.includes('with_mentor') ? '1' : '2', rationale: 'scripted' });
    }
    if (all.includes('demanding research mentor')) return lastMsg.includes('Round 1 of') ? '[ASPECT: feasibility] Where does the data come from?' : 'The answer resolves it. <ACCEPT>';
    // Researcher.
    const results = (all.match(/\[TOOL RESULT\]/g) ?? []).length;
    if (results === 0) return 'First the graph.\nnode_search(query="distribution shift in low-resource settings")';
    if (results === 1) return 'get_random_nodes(number=3)';
    const node = /- \[solution\] ([^(\n]+?) \(score/.exec(all)?.[1];
    return JSON.stringify(toPaperJson(sampleIdea(`${tag}_${ideas++}`, node ? [`<a href="kg:solution:${node}">base</a>`] : [])));
  });
}

let dir = '';
const servers: OpenAIServer[] = [];
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ig-e2e-'));
  for (let i = 0; i < 20; i++) appendJsonl(join(dir, 'papers.jsonl'), { id: `paper-${i}`, title: `Synthetic paper ${i}`, introduction: `Introduction of synthetic paper ${i}.` });
  for (const tag of ['with_mentor', 'solo']) servers.push(await createOpenAIServer({ model: rolePlayer(tag), modelName: tag, defaultMaxTokens: 4096 }));
});
afterAll(async () => {
  for (const s of servers) await s.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('e2e over loopback HTTP (smoke test of the plumbing)', () => {
  it('build → ideate (2 settings × 3 topics) → tournament → leaderboard; reruns resume', async () => {
    const [a, b] = servers as [OpenAIServer, OpenAIServer];
    const withMentor = textModel({ baseUrl: a.url, model: 'with_mentor' });
    const solo = textModel({ baseUrl: b.url, model: 'solo' });
    const db = join(dir, 'graph.db');
    const lines: string[] = [];
    const built = await runBuild({ papers: join(dir, 'papers.jsonl'), db, model: withMentor, hierarchy: true, log: (l) => lines.push(l) });
    expect(built.stats.triples).toBe(60);
    expect(built.stats.nodes.problem).toBeLessThan(20); // problems are shared across papers (merged)
    expect(lines[0]).toMatch(/cost estimate: 20 model calls/);
    const again = await runBuild({ papers: join(dir, 'papers.jsonl'), db, model: withMentor });
    expect(again.stats).toEqual(built.stats); // resume: nothing re-extracted

    const topics = ['robust graph learning', 'reliable code generation', 'private federated optimisation'];
    await runIdeate({ db, topics, n: 1, out: join(dir, 'a.jsonl'), researcher: withMentor, mentor: withMentor });
    await runIdeate({ db, topics, n: 1, out: join(dir, 'b.jsonl'), researcher: solo, mentor: null });
    await runIdeate({ db, topics, n: 1, out: join(dir, 'a.jsonl'), researcher: withMentor, mentor: withMentor }); // resume: no new runs
    const a1 = readFileSync(join(dir, 'a.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(a1).toHaveLength(3);
    expect(a1.every((r) => r.status === 'accepted' && r.rounds === 1 && r.unresolvedKgRefs.length === 0)).toBe(true);

    const { rows, result } = await runEvaluate({ entrants: { mentor: join(dir, 'a.jsonl'), solo: join(dir, 'b.jsonl') }, judge: withMentor, out: join(dir, 'report.md'), matchLog: join(dir, 'matches.jsonl'), B: 200 });
    expect(result.log).toHaveLength(3 * 1 * 3); // 3 topics × 1 round × 3 dims
    expect(result.log.every((m) => (m.a === 'mentor' ? m.outcome === 1 : m.outcome === 0))).toBe(true);
    expect(rows[0]?.entrant).toBe('mentor');
    const report = readFileSync(join(dir, 'report.md'), 'utf8');
    expect(report).toMatch(/\| mentor \|/);
    expect(report).toMatch(/position-flip rate: 0\.000/);
  }, 300_000);
});
