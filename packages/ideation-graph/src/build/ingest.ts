import type { TextModel } from '@reasonkit/core';
import type { Embedder } from '../embedding/embedder.js';
import type { GraphStore, MotivTriple, SourceRef } from '../graph/types.js';
import { extractTriples, type ExtractedTriple, type Paper, type RuleWarning } from './extract-triples.js';

export interface IngestReport {
  paperId: string;
  triples: MotivTriple[];
  /** Nodes that merged into existing ones. */
  merged: number;
  created: number;
  warnings: RuleWarning[];
}

/** Writes extracted triples: merge nodes, P→C and C→S edges, and a triple record with its source (spec §2.3). */
export async function ingestTriples(store: GraphStore, embedder: Embedder, source: SourceRef, triples: readonly ExtractedTriple[], signal?: AbortSignal): Promise<Omit<IngestReport, 'warnings'>> {
  await store.lockEmbedding(embedder.modelId, embedder.dim);
  const drafts = triples.flatMap((t) => [t.problem, t.challenge, t.solution]);
  const vectors = await embedder.embed(drafts.map((d) => d.description), { signal });
  return store.transaction(async () => {
    let merged = 0;
    let created = 0;
    const out: MotivTriple[] = [];
    for (let i = 0; i < triples.length; i++) {
      const t = triples[i] as ExtractedTriple;
      const ids: string[] = [];
      for (const [j, kind] of (['problem', 'challenge', 'solution'] as const).entries()) {
        const r = await store.upsertNode({ kind, name: t[kind].name, description: t[kind].description, source, embedding: vectors[i * 3 + j] });
        ids.push(r.node.id);
        if (r.merged) merged++;
        else created++;
      }
      const [p, c, s] = ids as [string, string, string];
      await store.addEdge(p, c, 'problem_challenge', source);
      await store.addEdge(c, s, 'challenge_solution', source);
      out.push(await store.addTriple({ problemId: p, challengeId: c, solutionId: s, source }));
    }
    return { paperId: source.paperId, triples: out, merged, created };
  });
}

/** extract → merge → edges → triple, for one paper. */
export async function ingestPaper(store: GraphStore, embedder: Embedder, model: TextModel, paper: Paper, options: { strict?: boolean; signal?: AbortSignal } = {}): Promise<IngestReport> {
  const { triples, warnings } = await extractTriples(paper, model, options);
  const source: SourceRef = { paperId: paper.id, title: paper.title, ...(paper.venue ? { venue: paper.venue } : {}), ...(paper.year ? { year: paper.year } : {}) };
  return { ...(await ingestTriples(store, embedder, source, triples, options.signal)), warnings };
}
