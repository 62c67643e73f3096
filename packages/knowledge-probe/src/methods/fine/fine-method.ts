import { argmax, matvec, topK, type Tensor } from '@reasonkit/core';
import * as z from 'zod';
import { ProbeError } from '../../errors/probe-error.js';
import { bucketMaxAbs } from '../../math/stats.js';
import type { MethodDef } from '../../registry/method-def.js';
import type { ProbeResult } from '../../result/probe-result.js';
import { baseResult, encodePrompt, rowAt, tokenText } from '../common.js';

/** zod schema of `FineParams`: validates it and applies its defaults. */
export const FineParamsSchema = z.object({
  /** Neurons reported. Default 1000 (Know-MRI `num_neuron`). */
  numNeuron: z.number().int().positive().default(1000),
  /** Tokens decoded per neuron. Default 3 (Know-MRI `unembedding_num`). */
  unembeddingNum: z.number().int().positive().default(3),
  /**
   * Which token's unembedding scores position j: `'predicted'` (the model's argmax, as Know-MRI and
   * spec §4.8) or `'ground-truth'` (the next ground-truth id; spec pitfall 10). Default `'predicted'` (parity).
   */
  target: z.enum(['predicted', 'ground-truth']).default('predicted'),
});
/** Parsed value of `FineParamsSchema` (defaults applied). */
export type FineParams = z.output<typeof FineParamsSchema>;

/** One neuron FiNE ranks, with its layer, index and score. */
export interface FineNeuron {
  layer: number;
  neuron: number;
  score: number;
  /** Top tokens of the neuron's read (gate) row against the input embeddings. */
  tokens: string[];
  /** … and against the unembedding. */
  unembTokens: string[];
}

/** Raw output of the FiNE method, as stored in `ProbeResult.raw`. */
export interface FineRaw {
  /** `score[ℓ][i]`. */
  contribution: number[][];
  /** The positions J and the tokens y_j scored (argmax predictions, or the ground truth with `target: 'ground-truth'`). */
  positions: number[];
  predicted: { id: number; text: string }[];
  top: FineNeuron[];
}

/**
 * FiNE scores (spec §4.8): `score[ℓ, i] = Σ_{j∈J} a_{ℓ,i}(j) · (w^out_{ℓ,i} · u_{y_j})` with `a`
 * the activation entering the down projection, `w^out` the neuron's write vector, `u_y` the
 * unembedding row of the model's argmax prediction `y_j` (no final norm), accumulated in float64.
 */
export function fineScores(acts: readonly Tensor<'float32'>[], writes: readonly Tensor<'float32'>[], unembedding: Tensor<'float32'>, positions: readonly number[], predicted: readonly number[]): number[][] {
  const d = unembedding.dims[1]!;
  return acts.map((act, l) => {
    const w = writes[l]!;
    const hidden = w.dims[0]!;
    const score = new Float64Array(hidden);
    positions.forEach((j, k) => {
      const u = unembedding.data.subarray(predicted[k]! * d, (predicted[k]! + 1) * d);
      const proj = matvec(w, u); // [hidden]: w^out_i · u
      const a = rowAt(act, 0, j);
      for (let i = 0; i < hidden; i++) score[i]! += a[i]! * proj[i]!;
    });
    return Array.from(score);
  });
}

/** FiNE (Know-MRI `methods/FiNE`, spec §4.8), forward-only. */
export const fineMethod = {
  name: 'FiNE',
  version: '1.0.0',
  requires: ['prompt', 'ground_truth'] as const,
  capabilities: ['mlpAct', 'weights', 'logits'] as const,
  costSecondsPerQuery: 1,
  taxonomy: ['Internal', 'Module', 'MLP', 'Neuron Attribution'],
  params: FineParamsSchema,
  /** Runs the method on `sample` with `model` and returns its `ProbeResult`. */
  async run(sample, model, params, ctx): Promise<ProbeResult<FineRaw>> {
    const started = performance.now();
    const full = `${sample.prompt} ${sample.ground_truth}`;
    const ids = encodePrompt(model, full);
    const promptLen = encodePrompt(model, sample.prompt).length;
    const gt = Math.max(1, ids.length - promptLen);
    const T = ids.length;
    const positions = Array.from({ length: gt }, (_, k) => T - 1 - gt + k).filter((j) => j >= 0);
    const sites = Array.from({ length: model.layers }, (_, l) => `mlp_act.${l}`);
    const out = await model.forward({ ids: [ids], capture: sites, ...(ctx.signal ? { signal: ctx.signal } : {}) });
    const weights = model.weights();
    const mlps = Array.from({ length: model.layers }, (_, l) => weights.mlp?.(l));
    const missing = mlps.findIndex((m) => m === undefined);
    if (missing >= 0) throw new ProbeError('missing-output', `FiNE: model ${model.id} has no MLP weights for block ${missing}`, { tensor: `model.layers.${missing}.mlp.down_proj.weight_t` });
    const V = model.vocab;
    const predicted = positions.map((j) => (params.target === 'ground-truth' ? ids[j + 1]! : argmax(out.logits.data.subarray(j * V, (j + 1) * V))));
    const contribution = fineScores(
      sites.map((s) => out.captured[s]!),
      mlps.map((m) => m!.write),
      weights.unembedding,
      positions,
      predicted,
    );
    const ranked = contribution.flatMap((row, l) => row.map((score, i) => ({ l, i, score }))).sort((a, b) => b.score - a.score || a.l - b.l || a.i - b.i);
    const top = ranked.slice(0, params.numNeuron).map(({ l, i, score }): FineNeuron => {
      const read = mlps[l]!.read.data.subarray(i * model.hidden, (i + 1) * model.hidden);
      const decode = (m: Tensor<'float32'>): string[] => Array.from(topK(matvec(m, read), params.unembeddingNum).indices, (id) => tokenText(model.tokenizer, id));
      return { layer: l, neuron: i, score, tokens: decode(weights.embedding), unembTokens: decode(weights.unembedding) };
    });
    const values = bucketMaxAbs(contribution);
    return {
      ...baseResult(fineMethod, model, sample, params, started, 1),
      tables: [
        {
          name: 'Top neurons',
          description: `Neurons ranked by Σ_j a(j)·(w_out·u_{y_j}) over the ${positions.length} positions predicting the ground truth.`,
          columns: ['Top neurons', 'Score', 'Corresponding top tokens', 'Unemb Corresponding top tokens'],
          rows: top.slice(0, 50).map((n) => ({ 'Top neurons': `L${n.layer}.U${n.neuron}`, Score: n.score, 'Corresponding top tokens': n.tokens.join(', '), 'Unemb Corresponding top tokens': n.unembTokens.join(', ') })),
        },
      ],
      charts: [{ name: 'Neuron contribution (max |score| per 100 neurons)', kind: 'heatmap', data: { rows: values.map((_, l) => `L${l}`), columns: (values[0] ?? []).map((_, i) => String(i * 100)), values, floor: 0, xLabel: 'neuron bucket', yLabel: 'layer' } }],
      raw: { contribution, positions, predicted: predicted.map((id) => ({ id, text: tokenText(model.tokenizer, id) })), top },
    };
  },
} satisfies MethodDef<'FiNE', 'prompt' | 'ground_truth', FineParams>;
