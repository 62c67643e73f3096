import * as z from 'zod';
import { parseOptions } from '@reasonkit/core';
import { dot, type Embedder } from '../embedding/embedder.js';

/** Mann–Whitney AUC of `scores` against binary `labels`, ties count ½ (as the paper's Table 6). */
export function judgeAuc(scores: readonly number[], labels: readonly (0 | 1 | boolean)[]): number {
  if (scores.length !== labels.length) throw new RangeError(`judgeAuc: ${scores.length} scores but ${labels.length} labels`);
  const pos: number[] = [];
  const neg: number[] = [];
  scores.forEach((s, i) => (labels[i] ? pos : neg).push(s));
  if (!pos.length || !neg.length) return Number.NaN;
  let sum = 0;
  for (const p of pos) for (const n of neg) sum += p > n ? 1 : p === n ? 0.5 : 0;
  return sum / (pos.length * neg.length);
}

/** Mean over topics with ≥ 2 vectors of (1 − mean pairwise cosine); vectors L2-normalised. */
export function diversityOfVectors(vectorsByTopic: readonly (readonly Float32Array[])[]): number {
  const per: number[] = [];
  for (const vs of vectorsByTopic) {
    if (vs.length < 2) continue;
    let s = 0;
    let c = 0;
    for (let i = 0; i < vs.length; i++)
      for (let j = i + 1; j < vs.length; j++) {
        const a = vs[i] as Float32Array;
        const b = vs[j] as Float32Array;
        s += dot(a, b) / Math.sqrt(dot(a, a) * dot(b, b));
        c++;
      }
    per.push(1 - s / c);
  }
  return per.length ? per.reduce((a, b) => a + b, 0) / per.length : Number.NaN;
}

/** Diversity of ideas (spec §6.7): `title + abstract + method` embedded per idea. */
export async function diversity(
  ideasByTopic: Record<string, readonly { title: string; abstract: string; method: string }[]>,
  embedder: Embedder,
): Promise<number> {
  const vectors: Float32Array[][] = [];
  for (const ideas of Object.values(ideasByTopic)) vectors.push(await embedder.embed(ideas.map((i) => `${i.title}\n${i.abstract}\n${i.method}`)));
  return diversityOfVectors(vectors);
}

/** What a run will do (papers, hierarchy focal nodes, tournament, rubric), for `estimateCost` (spec §6.7). */
export const CostPlanSchema = z.object({
  papers: z.number().int().min(0).default(0),
  /** Focal nodes with a non-empty neighbourhood (≈ 13 k at paper scale). */
  hierarchyJudgeCalls: z.number().int().min(0).default(0),
  tournament: z
    .object({ entrants: z.number().int().min(2), topics: z.number().int().min(1), rounds: z.number().int().min(1), dims: z.number().int().min(1), orders: z.union([z.literal(1), z.literal(2)]).default(2) })
    .optional(),
  rubric: z.object({ ideas: z.number().int().min(0), dims: z.number().int().min(1), samples: z.number().int().min(1) }).optional(),
});
/** Input form of {@link CostPlanSchema}. */
export type CostPlan = z.input<typeof CostPlanSchema>;

/** Model calls a plan will make (spec §6.7), printed before any run. */
export function estimateCost(plan: CostPlan): { extraction: number; hierarchy: number; tournament: number; rubric: number; total: number } {
  const p = parseOptions(CostPlanSchema, plan, 'estimateCost plan');
  const t = p.tournament;
  const tournament = t ? t.topics * t.rounds * Math.floor(t.entrants / 2) * t.dims * t.orders : 0;
  const rubric = p.rubric ? p.rubric.ideas * p.rubric.dims * p.rubric.samples : 0;
  const out = { extraction: p.papers, hierarchy: p.hierarchyJudgeCalls, tournament, rubric };
  return { ...out, total: out.extraction + out.hierarchy + out.tournament + out.rubric };
}
