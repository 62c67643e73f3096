import { mulberry32 } from '@reasonkit/core';
import { IdeationGraphError } from '../errors/ideation-graph-error.js';
import type { EdgeKind, MotivNode, Neighbor, NeighborOptions, NodeKind } from '../graph/types.js';

/** Draw `n` of `ids` without replacement with the package PRNG (back-end independent, spec §9.2). */
export function seededSample<T>(ids: readonly T[], n: number, seed: number): T[] {
  const pool = [...ids];
  const rand = mulberry32(seed);
  const m = Math.min(n, pool.length);
  for (let i = 0; i < m; i++) {
    const j = i + Math.floor(rand() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j] as T, pool[i] as T];
  }
  return pool.slice(0, m);
}

/** Lexical query tokens (never raw text in a MATCH: spec §9.3 pitfall). */
export function lexicalTokens(text: string): string[] {
  return [...new Set(text.normalize('NFKC').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [])].slice(0, 32);
}

/** Reciprocal-rank fusion Σ 1/(60 + rank), rank from 1. */
export function reciprocalRankFusion(lists: readonly (readonly { id: number }[])[], k: number): { id: number; score: number }[] {
  const score = new Map<number, number>();
  for (const list of lists) list.forEach((r, i) => score.set(r.id, (score.get(r.id) ?? 0) + 1 / (60 + i + 1)));
  return [...score]
    .map(([id, s]) => ({ id, score: s }))
    .sort((a, b) => b.score - a.score || a.id - b.id)
    .slice(0, k);
}

export function checkEmbeddingLock(stored: { embedModel?: string; dim?: number }, modelId: string, dim: number, where: string): void {
  if (stored.embedModel !== undefined && (stored.embedModel !== modelId || stored.dim !== dim)) {
    throw new IdeationGraphError(
      'EMBEDDING_MISMATCH',
      `${where} was built with ${stored.embedModel} (dim ${stored.dim}); got ${modelId} (dim ${dim}). Mixing embedding models in one store makes similarity meaningless: use a new store or re-embed.`,
      { file: where, field: 'embedModel', expected: { embedModel: stored.embedModel, dim: stored.dim }, actual: { embedModel: modelId, dim } },
    );
  }
}

export function checkVectorDim(locked: number | undefined, v: Float32Array, where: string, record: string): void {
  if (locked !== undefined && v.length !== locked) {
    throw new IdeationGraphError('EMBEDDING_MISMATCH', `${where}: embedding of ${record} has dim ${v.length}, store dim is ${locked}`, { file: where, record, field: 'embedding', expected: locked, actual: v.length });
  }
}

const EDGE_ORDER: Record<EdgeKind, number> = { parent_of: 0, problem_challenge: 1, challenge_solution: 2 };

/** Stable order of neighbour lists across back ends: edge kind, direction (out first), id. */
export function sortNeighbors(list: Neighbor[], o: NeighborOptions = {}): Neighbor[] {
  const kinds = o.kinds ? new Set(o.kinds) : undefined;
  const dir = o.direction ?? 'both';
  const out = list
    .filter((n) => (!kinds || kinds.has(n.edge)) && (dir === 'both' || n.direction === dir))
    .sort((a, b) => EDGE_ORDER[a.edge] - EDGE_ORDER[b.edge] || (a.direction === b.direction ? 0 : a.direction === 'out' ? -1 : 1) || Number(a.node.id) - Number(b.node.id));
  return o.limit !== undefined ? out.slice(0, o.limit) : out;
}

/**
 * BM25 (k1 = 1.2, b = 0.75, the usual defaults) over `name + description` of in-memory nodes: the lexical
 * search of the in-memory back ends. Ties by ascending numeric id.
 */
export function bm25Rank(nodes: Iterable<MotivNode>, text: string, k: number, kinds?: readonly NodeKind[], leavesOnly?: boolean): { id: number; score: number }[] {
  const q = lexicalTokens(text);
  if (!q.length) return [];
  const docs = [...nodes].filter((n) => (!kinds?.length || kinds.includes(n.kind)) && (!leavesOnly || !n.isParent));
  const tokenized = docs.map((n) => lexicalTokens(`${n.name} ${n.description}`));
  const N = docs.length;
  const avg = tokenized.reduce((s, t) => s + t.length, 0) / Math.max(1, N);
  const df = new Map<string, number>();
  for (const t of tokenized) for (const tok of new Set(t)) df.set(tok, (df.get(tok) ?? 0) + 1);
  const scored: { id: number; score: number }[] = [];
  docs.forEach((n, i) => {
    const toks = tokenized[i] as string[];
    let s = 0;
    for (const term of q) {
      const tf = toks.filter((t) => t === term).length;
      if (!tf) continue;
      const idf = Math.log(1 + (N - (df.get(term) ?? 0) + 0.5) / ((df.get(term) ?? 0) + 0.5));
      s += (idf * tf * 2.2) / (tf + 1.2 * (0.25 + (0.75 * toks.length) / avg));
    }
    if (s > 0) scored.push({ id: Number(n.id), score: s });
  });
  return scored.sort((a, b) => b.score - a.score || a.id - b.id).slice(0, k);
}
