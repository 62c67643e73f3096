import type { TextModel } from '@reasonkit/core';
import type { Embedder } from '../embedding/embedder.js';
import type { GraphStore, MotivTriple, SourceRef } from '../graph/types.js';
import { extractTriples, type ExtractedTriple, type Paper, type RuleWarning } from './extract-triples.js';
import { findNearDuplicate, NearDuplicateOptionsSchema, type MergeEvent, type NearDuplicateOptions } from '../dedup/dedup.js';

/** What one paper's ingest wrote. */
export interface IngestReport {
  /** The paper. */
  paperId: string;
  /** Stated triples recorded for it. */
  triples: MotivTriple[];
  /** Nodes that merged into existing ones (equal normalised names, or near duplicates when enabled). */
  merged: number;
  /** New nodes. */
  created: number;
  /** Near-duplicate merges (only with `nearDuplicate`), each with the draft it absorbed. */
  mergeEvents: MergeEvent[];
  /** Naming-rule warnings from extraction. */
  warnings: RuleWarning[];
}

/** Options of {@link ingestTriples} and {@link ingestPaper}. */
export interface IngestOptions {
  /** Opt-in near-duplicate merge (spec §2.3): a node whose description cosine to an existing node of its kind is ≥ `threshold` (default 0.95) merges into it and is logged as a `merge` event. */
  nearDuplicate?: NearDuplicateOptions | boolean;
  /** Cancels embedding and extraction. */
  signal?: AbortSignal;
}

/** Writes extracted triples: merge nodes, P→C and C→S edges, and a triple record with its source (spec §2.3). */
export async function ingestTriples(store: GraphStore, embedder: Embedder, source: SourceRef, triples: readonly ExtractedTriple[], options: IngestOptions | AbortSignal = {}): Promise<Omit<IngestReport, 'warnings'>> {
  const o: IngestOptions = options instanceof AbortSignal ? { signal: options } : options;
  const signal = o.signal;
  const near = o.nearDuplicate ? NearDuplicateOptionsSchema.parse(o.nearDuplicate === true ? {} : o.nearDuplicate) : undefined;
  const mergeEvents: MergeEvent[] = [];
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
        const vector = vectors[i * 3 + j] as Float32Array;
        let name = t[kind].name;
        if (near && !(await store.findByName(name, kind)).length) {
          const dup = await findNearDuplicate(store, kind, vector, near);
          if (dup) {
            mergeEvents.push({ type: 'merge', kind, draft: { name, description: t[kind].description }, into: { id: dup.node.id, name: dup.node.name }, cosine: dup.cosine, source });
            name = dup.node.name;
          }
        }
        const r = await store.upsertNode({ kind, name, description: t[kind].description, source, embedding: vector });
        ids.push(r.node.id);
        if (r.merged) merged++;
        else created++;
      }
      const [p, c, s] = ids as [string, string, string];
      await store.addEdge(p, c, 'problem_challenge', source);
      await store.addEdge(c, s, 'challenge_solution', source);
      out.push(await store.addTriple({ problemId: p, challengeId: c, solutionId: s, source }));
    }
    return { paperId: source.paperId, triples: out, merged, created, mergeEvents };
  });
}

/** extract → merge → edges → triple, for one paper. */
export async function ingestPaper(store: GraphStore, embedder: Embedder, model: TextModel, paper: Paper, options: IngestOptions & { strict?: boolean } = {}): Promise<IngestReport> {
  const { triples, warnings } = await extractTriples(paper, model, options);
  const source: SourceRef = { paperId: paper.id, title: paper.title, ...(paper.venue ? { venue: paper.venue } : {}), ...(paper.year ? { year: paper.year } : {}) };
  return { ...(await ingestTriples(store, embedder, source, triples, options)), warnings };
}
