import * as z from 'zod';
import { generateObject, parseOptions, type TextModel } from '@reasonkit/core';
import type { PairwiseJudge } from './tournament.js';

/** Our rubric anchors for the paper's three dimensions (spec §6.2). */
export const DIMENSION_ANCHORS: Record<string, string> = {
  novelty: '1 = restates known work … 10 = a new framing or method with no close prior work',
  experiment: 'datasets, baselines, an ablation per component, metrics: 1 = vague … 10 = complete and feasible',
  motivation: 'a causal argument from the challenge to the method: 1 = none … 10 = compelling',
};

/** Options of `pairwiseJudge`: length control, ties allowed or not, temperature, max tokens (spec §6.3). */
export const PairwiseJudgeOptionsSchema = z.object({
  /** `truncate`: both ideas cut to the shorter one's length (length-bias control). */
  lengthControl: z.enum(['none', 'truncate']).default('none'),
  allowTies: z.boolean().default(false),
  temperature: z.number().min(0).max(2).default(0),
  maxTokens: z.number().int().min(16).default(400),
});

const Verdict = z.object({ winner: z.enum(['1', '2', 'tie']).or(z.number().int().min(1).max(2).transform(String)), rationale: z.string().optional() });

/** A pairwise judge backed by a text model: one dimension per call, told to ignore position and length (after CoI). */
export function pairwiseJudge(model: TextModel, options: z.input<typeof PairwiseJudgeOptionsSchema> = {}): PairwiseJudge {
  const o = parseOptions(PairwiseJudgeOptionsSchema, options, 'pairwiseJudge options');
  return async ({ topic, dim, first, second, signal }) => {
    let a = first;
    let b = second;
    if (o.lengthControl === 'truncate') {
      const n = Math.min(a.length, b.length);
      a = a.slice(0, n);
      b = b.slice(0, n);
    }
    const prompt = `You compare two research ideas on the topic "${topic}" on one dimension only: ${dim} (${DIMENSION_ANCHORS[dim] ?? dim}).
Ignore the order in which they are shown and their length.${o.allowTies ? ' Answer "tie" only if they are truly equal.' : ' You must pick one.'}
Reply with JSON {"winner": "1" or "2"${o.allowTies ? ' or "tie"' : ''}, "rationale": "one sentence"}.

[IDEA 1]
${a}

[IDEA 2]
${b}`;
    const r = await generateObject(model, Verdict, { messages: [{ role: 'user', content: prompt }], temperature: o.temperature, maxTokens: o.maxTokens, signal, includeSchema: false });
    const w = r.object.winner;
    return { winner: w === '1' ? 'first' : w === '2' ? 'second' : o.allowTies ? 'tie' : 'tie', raw: r.text };
  };
}

/** Options of `rubricScore`: judge model, dimensions, scale, samples per dimension and temperature (spec §6.2). */
export const RubricOptionsSchema = z.object({
  judge: z.custom<TextModel>((v) => typeof (v as TextModel)?.generate === 'function'),
  dims: z.array(z.string().min(1)).min(1).default(['novelty', 'experiment', 'motivation']),
  scale: z.tuple([z.number().int(), z.number().int()]).default([1, 10]),
  /** Samples per dimension. Default 3 (our choice). */
  samples: z.number().int().min(1).max(20).default(3),
  temperature: z.number().min(0).max(2).default(0.7),
  signal: z.custom<AbortSignal>().optional(),
});

/** Rubric scores (spec §6.2): per dimension `{mean, sd, scores}` over `samples` judge calls. */
export async function rubricScore(ideaText: string, options: z.input<typeof RubricOptionsSchema>): Promise<Record<string, { mean: number; sd: number; scores: number[] }>> {
  const o = parseOptions(RubricOptionsSchema, options, 'rubricScore options');
  const [lo, hi] = o.scale;
  const Score = z.object({ score: z.number().int().min(lo).max(hi), rationale: z.string().optional() });
  const out: Record<string, { mean: number; sd: number; scores: number[] }> = {};
  for (const dim of o.dims) {
    const scores: number[] = [];
    for (let s = 0; s < o.samples; s++) {
      const r = await generateObject(o.judge, Score, {
        messages: [{ role: 'user', content: `Score this research idea on ${dim} (${DIMENSION_ANCHORS[dim] ?? dim}) from ${lo} to ${hi}. Reply with JSON {"score": int, "rationale": "..."}.\n\n${ideaText}` }],
        temperature: o.temperature,
        seed: s,
        signal: o.signal,
        includeSchema: false,
      });
      scores.push(r.object.score);
    }
    const mean = scores.reduce((a, b) => a + b, 0) / scores.length;
    const sd = Math.sqrt(scores.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, scores.length - 1));
    out[dim] = { mean, sd, scores };
  }
  return out;
}
