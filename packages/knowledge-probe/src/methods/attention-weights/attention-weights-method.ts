import * as z from 'zod';
import { ProbeError } from '../../errors/probe-error.js';
import type { ProbeModel } from '../../model/probe-model.js';
import type { MethodDef } from '../../registry/method-def.js';
import type { ProbeResult } from '../../result/probe-result.js';
import { baseResult, checkIndex, encodePrompt, tokenLabel } from '../common.js';
import { populationVariance } from '../../math/stats.js';
import { attentionFromQueriesKeys, selectHeads } from './attention-math.js';

/** zod schema of `AttentionWeightsParams`: validates it and applies its defaults. */
export const AttentionWeightsParamsSchema = z.object({
  /** Heads shown. Default 5 (Know-MRI `num_heads`). */
  numHeads: z.number().int().positive().default(5),
  /** `'lowest-variance'` (Know-MRI parity, default), `'highest-max'`, or explicit `[layer, head]` pairs. */
  select: z.union([z.enum(['lowest-variance', 'highest-max']), z.array(z.tuple([z.number().int(), z.number().int()])).min(1)]).default('lowest-variance'),
  /** Where weights come from: exposed softmax outputs, or queries and keys. Default `'auto'`: probs when the graph has them. */
  source: z.enum(['auto', 'probs', 'queries-keys']).default('auto'),
});
/** Parsed value of `AttentionWeightsParamsSchema` (defaults applied). */
export type AttentionWeightsParams = z.output<typeof AttentionWeightsParamsSchema>;

/** Raw output of the attention-weights method, as stored in `ProbeResult.raw`. */
export interface AttentionWeightsRaw {
  tokens: string[];
  /** `[L][H][T][T]`, rows = query token, columns = key token. */
  weights: number[][][][];
  /** Selected heads in (layer, head) order. */
  selected: [number, number][];
  /** Variance of every selected head (for `'lowest-variance'`, the selection criterion). */
  variances: number[];
  source: 'probs' | 'queries-keys';
}

/** All heads' `[H·T·T]` weights per layer from one forward over `ids`. */
export async function attentionWeights(model: ProbeModel, ids: readonly number[], source: 'probs' | 'queries-keys', signal?: AbortSignal): Promise<Float32Array[]> {
  const L = model.layers;
  const T = ids.length;
  if (source === 'probs') {
    const sites = Array.from({ length: L }, (_, l) => `attn.${l}`);
    const out = await model.forward({ ids: [ids], capture: sites, ...(signal ? { signal } : {}) });
    return sites.map((s) => out.captured[s]!.data.slice());
  }
  const sites = Array.from({ length: L }, (_, l) => [`q.${l}`, `k.${l}`]).flat();
  const out = await model.forward({ ids: [ids], capture: sites, ...(signal ? { signal } : {}) });
  return Array.from({ length: L }, (_, l) => attentionFromQueriesKeys(out.captured[`q.${l}`]!.data, out.captured[`k.${l}`]!.data, model.heads, model.kvHeads, T, model.headDim));
}

/** Attention Weights (Know-MRI `methods/attention_weights`, spec §4.3). */
export const attentionWeightsMethod = {
  name: 'Attention Weights',
  version: '1.0.0',
  requires: ['prompt'] as const,
  capabilities: ['queries', 'keys'] as const,
  costSecondsPerQuery: 0.9,
  taxonomy: ['Internal', 'Module', 'Attention'],
  params: AttentionWeightsParamsSchema,
  /** Runs the method on `sample` with `model` and returns its `ProbeResult`. */
  async run(sample, model, params, ctx): Promise<ProbeResult<AttentionWeightsRaw>> {
    const started = performance.now();
    const ids = encodePrompt(model, sample.prompt);
    const T = ids.length;
    let source: 'probs' | 'queries-keys' = params.source === 'auto' ? (model.capabilities.has('attentionProbs') ? 'probs' : 'queries-keys') : params.source;
    if (source === 'probs' && !model.capabilities.has('attentionProbs')) {
      throw new ProbeError('missing-output', `Attention Weights: model ${model.id} has no attentions.{l} outputs (export with exposeAttentions / reasonkit convert --attentions, or use source 'queries-keys')`, { tensor: 'attentions.0', field: 'params.source' });
    }
    if (typeof params.select !== 'string') {
      params.select.forEach(([l, h], i) => {
        checkIndex(l, model.layers, `params.select.${i}.0`);
        checkIndex(h, model.heads, `params.select.${i}.1`, 'head');
      });
    }
    const perLayer = await attentionWeights(model, ids, source, ctx.signal);
    const heads = perLayer.map((a) => Array.from({ length: model.heads }, (_, h) => a.subarray(h * T * T, (h + 1) * T * T)));
    const selected = selectHeads(heads, params.numHeads, params.select, T);
    const tokens = ids.map((id) => tokenLabel(model.tokenizer, id));
    const toRows = (a: Float32Array): number[][] => Array.from({ length: T }, (_, i) => Array.from(a.subarray(i * T, (i + 1) * T)));
    return {
      ...baseResult(attentionWeightsMethod, model, sample, params, started, 1),
      tables: [
        {
          name: 'Selected heads',
          description: `Heads chosen by ${typeof params.select === 'string' ? params.select : 'explicit list'}; variance over all T² entries (masked zeros included).`,
          columns: ['Layer', 'Head', 'Variance'],
          rows: selected.map(([l, h]) => ({ Layer: l, Head: h, Variance: populationVariance(heads[l]![h]!) })),
        },
      ],
      charts: selected.map(([l, h]) => ({
        name: `Layer ${l} head ${h}`,
        kind: 'heatmap' as const,
        data: { rows: tokens, columns: tokens, values: toRows(heads[l]![h]!), floor: 0, ceiling: 1, xLabel: 'key token', yLabel: 'query token' },
      })),
      raw: {
        tokens,
        weights: heads.map((layer) => layer.map(toRows)),
        selected,
        variances: selected.map(([l, h]) => populationVariance(heads[l]![h]!)),
        source,
      },
    };
  },
} satisfies MethodDef<'Attention Weights', 'prompt', AttentionWeightsParams>;
