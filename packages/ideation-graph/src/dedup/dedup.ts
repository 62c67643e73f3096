import * as z from 'zod';
import { parseOptions } from '@reasonkit/core';
import { dot, type Embedder } from '../embedding/embedder.js';
import type { GraphStore, MotivNode, NodeKind, SourceRef } from '../graph/types.js';
import { ideaToText, type Idea } from '../idea/idea-schema.js';

/** Options of near-duplicate node merging (spec §2.3: opt-in). */
export const NearDuplicateOptionsSchema = z.object({
  /** Cosine at or above which a new node merges into the nearest existing node of its kind. Default 0.95 (SciPIP's `similarity_threshold`, spec §2.3). */
  threshold: z.number().gt(0).max(1).default(0.95),
});
/** Input form of {@link NearDuplicateOptionsSchema}. */
export type NearDuplicateOptions = z.input<typeof NearDuplicateOptionsSchema>;

/**
 * A logged near-duplicate merge: the incoming draft (so it can be re-created as its own node), the node it
 * merged into and their cosine. Exact normalised-name merges are not events (they are the schema's rule).
 */
export interface MergeEvent {
  /** Always `merge`. */
  type: 'merge';
  /** Node kind of both sides. */
  kind: NodeKind;
  /** The incoming name and description as extracted. */
  draft: { name: string; description: string };
  /** The existing node the draft merged into. */
  into: { id: string; name: string };
  /** Cosine of the two description embeddings (≥ the threshold). */
  cosine: number;
  /** The paper that stated the draft. */
  source?: SourceRef;
}

/**
 * The existing node of `kind` nearest to `vector` if its cosine is ≥ `threshold` (leaves and parents alike),
 * else `undefined`. Vectors are L2-normalised, so the store's score is the cosine.
 */
export async function findNearDuplicate(store: GraphStore, kind: NodeKind, vector: Float32Array, options: NearDuplicateOptions = {}): Promise<{ node: MotivNode; cosine: number } | undefined> {
  const o = parseOptions(NearDuplicateOptionsSchema, options, 'near-duplicate options');
  const [best] = await store.search({ vector, kinds: [kind], k: 1, exact: true });
  return best && best.score >= o.threshold ? { node: best.node, cosine: best.score } : undefined;
}

/** Options of {@link dedupIdeas}. */
export const IdeaDedupOptionsSchema = z.object({
  /** Cosine above which a later idea counts as a duplicate of an earlier one. Default 0.8 (AI-Researcher's dedup with all-MiniLM-L6-v2, spec §8). */
  threshold: z.number().gt(0).max(1).default(0.8),
  signal: z.custom<AbortSignal>().optional(),
});
/** Input form of {@link IdeaDedupOptionsSchema}. */
export type IdeaDedupOptions = z.input<typeof IdeaDedupOptionsSchema>;

/** Result of {@link dedupIdeas}: indices kept (first occurrence wins) and the dropped ones with their match. */
export interface IdeaDedupResult {
  /** Indices into the input, in input order. */
  kept: number[];
  /** A dropped index, the kept index it duplicates and their cosine (> the threshold). */
  dropped: { index: number; duplicateOf: number; cosine: number }[];
}

/**
 * Greedy idea dedup (after AI-Researcher): ideas are embedded (`ideaToText` for `Idea`s, strings as given) and
 * an idea whose cosine to an already kept one is **strictly above** the threshold is dropped; first one wins.
 */
export async function dedupIdeas(ideas: readonly (Idea | string)[], embedder: Embedder, options: IdeaDedupOptions = {}): Promise<IdeaDedupResult> {
  const o = parseOptions(IdeaDedupOptionsSchema, options, 'dedupIdeas options');
  if (!ideas.length) return { kept: [], dropped: [] };
  const vectors = await embedder.embed(ideas.map((i) => (typeof i === 'string' ? i : ideaToText(i))), { signal: o.signal });
  return dedupVectors(vectors, o.threshold);
}

/** {@link dedupIdeas} on vectors already computed (pure, synchronous). */
export function dedupVectors(vectors: readonly Float32Array[], threshold = 0.8): IdeaDedupResult {
  const kept: number[] = [];
  const dropped: IdeaDedupResult['dropped'] = [];
  vectors.forEach((v, i) => {
    let best = -Infinity;
    let bestJ = -1;
    for (const j of kept) {
      const c = dot(v, vectors[j] as Float32Array);
      if (c > best) (best = c), (bestJ = j);
    }
    if (bestJ >= 0 && best > threshold) dropped.push({ index: i, duplicateOf: bestJ, cosine: best });
    else kept.push(i);
  });
  return { kept, dropped };
}
