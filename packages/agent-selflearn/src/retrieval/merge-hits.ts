import type { Hit } from './types.js';

/**
 * ASL's merge (spec §6.1): flatten the per-query hit lists, merge duplicates by document id adding
 * their scores (the first occurrence keeps its position), stable-sort by score descending, keep
 * the top `topk`.
 */
export function mergeHitsById(perQuery: readonly (readonly Hit[])[], topk: number): Hit[] {
  const byId = new Map<string, Hit>();
  for (const hits of perQuery) {
    for (const hit of hits) {
      const seen = byId.get(hit.document.id);
      if (seen) seen.score += hit.score;
      else byId.set(hit.document.id, { document: hit.document, score: hit.score });
    }
  }
  return [...byId.values()].sort((a, b) => b.score - a.score).slice(0, topk); // Array.prototype.sort is stable
}
