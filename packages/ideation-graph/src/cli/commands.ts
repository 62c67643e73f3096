import { existsSync, writeFileSync } from 'node:fs';
import * as z from 'zod';
import { createOpenAICompatible, type TextModel } from '@reasonkit/core';
import { HashingEmbedder } from '../embedding/hashing-embedder.js';
import { PaperSchema } from '../build/extract-triples.js';
import { ingestPaper } from '../build/ingest.js';
import { buildHierarchy } from '../build/hierarchy.js';
import { openSqliteStore } from '../sqlite/sqlite-store.js';
import { GraphTools } from '../tools/graph-tools.js';
import { generateIdeas, SocraticIdeator, type IdeatorResult } from '../ideator/socratic-ideator.js';
import { ideaToText, IdeaSchema } from '../idea/idea-schema.js';
import { Tournament } from '../eval/tournament.js';
import { pairwiseJudge } from '../eval/pairwise-judge.js';
import { estimateCost } from '../eval/helpers.js';
import { leaderboard, leaderboardMarkdown } from '../eval/leaderboard.js';
import { MatchRecordSchema } from '../eval/match-record.js';
import { appendJsonl, readJsonl } from './jsonl.js';

export interface ModelFlags {
  baseUrl: string;
  model: string;
  apiKey?: string;
}

export function textModel(f: ModelFlags): TextModel {
  return createOpenAICompatible({ baseURL: f.baseUrl, model: f.model, apiKey: f.apiKey, timeoutMs: 120_000 });
}

type Log = (line: string) => void;

/** `build`: papers JSONL → SQLite graph. Papers already in the graph are skipped (resume). */
export async function runBuild(o: { papers: string; db: string; model: TextModel; hierarchy?: boolean; log?: Log; signal?: AbortSignal }) {
  const log = o.log ?? (() => {});
  const papers = readJsonl(o.papers, PaperSchema);
  const embedder = new HashingEmbedder();
  const store = await openSqliteStore({ path: o.db });
  try {
    await store.lockEmbedding(embedder.modelId, embedder.dim);
    const done = new Set((await store.allNodes()).flatMap((n) => n.sources.map((s) => s.paperId)));
    log(`cost estimate: ${estimateCost({ papers: papers.length - done.size }).total} model calls (+ repairs)`);
    let warnings = 0;
    for (const [i, paper] of papers.entries()) {
      if (done.has(paper.id)) continue;
      const r = await ingestPaper(store, embedder, o.model, paper, { signal: o.signal });
      warnings += r.warnings.length;
      log(`[${i + 1}/${papers.length}] ${paper.id}: ${r.triples.length} triples, ${r.merged} merged nodes, ${r.warnings.length} naming warnings`);
    }
    if (o.hierarchy) {
      for (const kind of ['problem', 'challenge'] as const) {
        const h = await buildHierarchy(store, embedder, o.model, { kind, signal: o.signal });
        log(`hierarchy ${kind}: ${h.parents} parents, ${h.links} links, ${h.judgeCalls} judge calls`);
      }
    }
    const stats = await store.stats();
    log(`graph: ${JSON.stringify(stats)}`);
    return { stats, warnings };
  } finally {
    await store.close();
  }
}

const ResultLine = z.object({ topic: z.string(), status: z.string(), idea: IdeaSchema.optional(), rounds: z.number(), toolCalls: z.number() }).passthrough();

/** `ideate`: n accepted ideas per topic, appended to a JSONL file; a rerun resumes. */
export async function runIdeate(o: { db: string; topics: string[]; n: number; out: string; researcher: TextModel; mentor: TextModel | null; maxRounds?: number; log?: Log; signal?: AbortSignal }) {
  const log = o.log ?? (() => {});
  const embedder = new HashingEmbedder();
  const store = await openSqliteStore({ path: o.db });
  try {
    const tools = new GraphTools(store, embedder);
    const ideator = new SocraticIdeator({ researcher: o.researcher, mentor: o.mentor, tools, maxRounds: o.maxRounds ?? 5 });
    const existing = readJsonl(o.out, ResultLine);
    for (const topic of o.topics) {
      const resume = existing.filter((r) => r.topic === topic) as unknown as IdeatorResult[];
      const accepted = await generateIdeas(ideator, {
        topic,
        n: o.n,
        resume,
        signal: o.signal,
        onResult: (r) => {
          appendJsonl(o.out, { topic, status: r.status, idea: r.idea, rounds: r.rounds, toolCalls: r.toolCalls, unresolvedKgRefs: r.unresolvedKgRefs, warnings: r.warnings, usage: r.usage });
          log(`${topic}: ${r.status} after ${r.rounds} round(s), ${r.toolCalls} tool call(s)`);
        },
      });
      log(`${topic}: ${accepted.length}/${o.n} accepted`);
    }
  } finally {
    await store.close();
  }
}

/** `evaluate`: Swiss tournament between idea files (one entrant per file), resumable via the match log; writes the leaderboard. */
export async function runEvaluate(o: { entrants: Record<string, string>; judge: TextModel; out: string; matchLog: string; rounds?: number; B?: number; log?: Log; signal?: AbortSignal }) {
  const log = o.log ?? (() => {});
  const textsByTopic: Record<string, Record<string, string>> = {};
  for (const [name, file] of Object.entries(o.entrants)) {
    for (const r of readJsonl(file, ResultLine)) {
      if (r.status !== 'accepted' || !r.idea) continue;
      textsByTopic[r.topic] ??= {};
      (textsByTopic[r.topic] as Record<string, string>)[name] ??= ideaToText(r.idea);
    }
  }
  const names = Object.keys(o.entrants);
  const tournament = new Tournament({ entrants: names, judge: pairwiseJudge(o.judge), rounds: o.rounds });
  const R = tournament.options.rounds ?? Math.min(names.length - 1, Math.ceil(Math.log2(names.length)) + 2);
  const cost = estimateCost({ tournament: { entrants: names.length, topics: Object.keys(textsByTopic).length, rounds: R, dims: tournament.options.dims.length } });
  log(`cost estimate: ${cost.tournament} judge calls`);
  const resume = existsSync(o.matchLog) ? readJsonl(o.matchLog, MatchRecordSchema) : [];
  const result = await tournament.run(textsByTopic, { resume, onMatch: (m) => appendJsonl(o.matchLog, m), signal: o.signal });
  const rows = leaderboard(result.log, { B: o.B ?? 1000 });
  const md = `# Ideation leaderboard\n\nTopics: ${Object.keys(textsByTopic).length}; games: ${result.log.length}; judge calls this run: ${result.diagnostics.judgeCalls}; position-flip rate: ${result.diagnostics.flipRate.toFixed(3)}.\nBradley–Terry ratings (1000 = anchor) with 95 % cluster-bootstrap intervals over topics; online Elo averaged over 100 permutations.\n\n${leaderboardMarkdown(rows)}`;
  writeFileSync(o.out, md);
  log(md);
  return { rows, result };
}
