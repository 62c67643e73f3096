import * as z from 'zod';
import { ProbeError } from '../../errors/probe-error.js';
import type { ProbeModel } from '../../model/probe-model.js';
import type { MethodDef } from '../../registry/method-def.js';
import type { HeatmapData, ProbeChart, ProbeResult, ProbeTable } from '../../result/probe-result.js';
import { baseResult, encodePrompt, tokenText, tokenLabel } from '../common.js';
import { causalTrace, type TraceKind } from './causal-trace.js';
import { subjectSpan } from './subject-span.js';
import { populationStd } from '../../math/stats.js';
import { drawNoise, parseNoiseLevel } from './trace-math.js';

/** zod schema of `CausalTracingParams`: validates it and applies its defaults. */
export const CausalTracingParamsSchema = z.object({
  /** `'gaussian'` (Know-MRI, default) or `'zeros'`: subject embeddings replaced by zero vectors, one corrupted row (deterministic; the goldens). */
  corruption: z.enum(['gaussian', 'zeros']).default('gaussian'),
  /** `"s{k}"`: k × std of the subject's embeddings (tokenized alone, with BOS); `"u{x}"`: x·U(−1, 1); a number: σ. Default "s3" (Know-MRI). */
  noiseLevel: z.union([z.string(), z.number().nonnegative()]).default('s3'),
  /** Corrupted rows per cell. Default 10 (Know-MRI). */
  samples: z.number().int().positive().default(10),
  /** Replace the subject embeddings by the noise instead of adding it. Default false (Know-MRI). */
  replace: z.boolean().default(false),
  /** Window of restored blocks for `mlp` / `attn`. Default 10 (Know-MRI). */
  window: z.number().int().positive().default(10),
  kinds: z.array(z.enum(['state', 'mlp', 'attn'])).min(1).default(['state', 'mlp', 'attn']),
  /** Seed of the noise; every cell sees the same draws. Default 1 (ROME's `RandomState(1)`). */
  seed: z.number().int().nonnegative().default(1),
  /** Explicit noise `[samples·spanTokens·d]` (then `noiseLevel` and `seed` are not used). */
  noise: z.array(z.number()).optional(),
  /** Rows per forward pass (cells × samples). Default 64 (our choice). */
  maxBatchRows: z.number().int().positive().default(64),
  /** Which occurrence of the subject to corrupt. Default `'first'` (our choice). */
  subjectOccurrence: z.enum(['first', 'last']).default('first'),
});
/** Parsed value of `CausalTracingParamsSchema` (defaults applied). */
export type CausalTracingParams = z.output<typeof CausalTracingParamsSchema>;

/** Raw output of the causal-tracing method, as stored in `ProbeResult.raw`. */
export interface CausalTracingRaw {
  answer: { id: number; text: string };
  pClean: number;
  pLow: number;
  tokens: string[];
  subjectRange: [number, number];
  /** σ used for Gaussian noise (undefined for zeros / uniform / explicit noise). */
  sigma?: number;
  state?: number[][];
  mlp?: number[][];
  attn?: number[][];
}

/** σ of `"s{k}"`: k × the population std of all elements of the subject's embeddings (tokenized alone, BOS included). */
export function subjectSigma(model: ProbeModel, subject: string, k: number): number {
  const ids = model.tokenizer.encode(subject, { bos: true });
  const emb = model.weights().embedding.data;
  const d = model.hidden;
  const values = new Float32Array(ids.length * d);
  ids.forEach((id, i) => values.set(emb.subarray(id * d, (id + 1) * d), i * d));
  return k * populationStd(values);
}

const KIND_TITLE: Record<TraceKind, string> = { state: 'Restoring state score', mlp: 'Restoring MLP score', attn: 'Restoring Attn score' };

/** The three heatmaps and top-cell tables of a trace (shared with the Know-MRI importer). */
export function causalTraceCharts(raw: CausalTracingRaw, window: number | undefined): { charts: ProbeChart[]; tables: ProbeTable[] } {
  const [b, e] = raw.subjectRange;
  const rows = raw.tokens.map((t, i) => (i >= b && i < e ? `${t}*` : t));
  const charts: ProbeChart[] = [];
  const tables: ProbeTable[] = [];
  for (const kind of ['state', 'mlp', 'attn'] as const) {
    const values = raw[kind];
    if (!values) continue;
    const L = values[0]?.length ?? 0;
    const data: HeatmapData = { rows, columns: Array.from({ length: L }, (_, l) => String(l)), values, floor: raw.pLow, xLabel: kind === 'state' ? 'single restored layer' : `center of interval of ${window ?? '?'} restored ${kind.toUpperCase()} layers`, yLabel: 'token (* = subject)' };
    charts.push({ name: KIND_TITLE[kind], kind: 'heatmap', description: `p(${JSON.stringify(raw.answer.text)}) after restoring ${kind === 'state' ? 'the block output' : `the ${kind} outputs`} at one token; floor p_low = ${raw.pLow.toFixed(4)}, p_clean = ${raw.pClean.toFixed(4)}`, data });
    const cells = values.flatMap((row, t) => row.map((p, l) => ({ t, l, p }))).sort((x, y) => y.p - x.p || x.t - y.t || x.l - y.l);
    tables.push({ name: `${KIND_TITLE[kind]}: top cells`, columns: ['Token', 'Position', 'Layer', 'Probability'], rows: cells.slice(0, 3).map((c) => ({ Token: rows[c.t]!, Position: c.t, Layer: c.l, Probability: c.p })) });
  }
  return { charts, tables };
}

/** CausalTracing (Know-MRI `methods/causal_trace`, ROME; spec §4.4) by patchable graphs. */
export const causalTracingMethod = {
  name: 'CausalTracing',
  version: '1.0.0',
  requires: ['prompt', 'triple_subject'] as const,
  capabilities: ['patch', 'logits', 'weights'] as const,
  costSecondsPerQuery: 180,
  taxonomy: ['Internal', 'Module', 'MLP'],
  params: CausalTracingParamsSchema,
  /** Runs the method on `sample` with `model` and returns its `ProbeResult`. */
  async run(sample, model, params, ctx): Promise<ProbeResult<CausalTracingRaw>> {
    const started = performance.now();
    const ids = encodePrompt(model, sample.prompt);
    const span = subjectSpan(model.tokenizer, sample.prompt, ids, sample.triple_subject, params.subjectOccurrence);
    const d = model.hidden;
    const width = (span[1] - span[0]) * d;
    const embed = model.weights().embedding.data;
    const cleanSubject = new Float32Array(width);
    for (let t = span[0]; t < span[1]; t++) cleanSubject.set(embed.subarray(ids[t]! * d, (ids[t]! + 1) * d), (t - span[0]) * d);
    let corrupted: Float32Array[];
    let sigma: number | undefined;
    const warnings: string[] = [];
    if (params.corruption === 'zeros') {
      corrupted = [new Float32Array(width)];
      if (params.samples !== 1) warnings.push('corruption "zeros" is deterministic: one corrupted row is used whatever `samples` says');
    } else {
      let noise: Float32Array;
      if (params.noise) {
        if (params.noise.length !== params.samples * width) {
          throw new ProbeError('invalid-sample', `params.noise has ${params.noise.length} values; samples × subject tokens × hidden = ${params.samples} × ${span[1] - span[0]} × ${d} = ${params.samples * width}`, { field: 'params.noise' });
        }
        noise = Float32Array.from(params.noise);
      } else {
        const level = parseNoiseLevel(params.noiseLevel);
        if (level.kind === 'gaussian') sigma = level.relative ? subjectSigma(model, sample.triple_subject, level.scale) : level.scale;
        noise = drawNoise(level, sigma ?? 0, params.samples * width, params.seed);
      }
      corrupted = Array.from({ length: params.samples }, (_, s) => {
        const row = noise.slice(s * width, (s + 1) * width);
        if (!params.replace) for (let i = 0; i < width; i++) row[i]! += cleanSubject[i]!;
        return row;
      });
    }
    const out = await causalTrace(model, {
      ids,
      span,
      corrupted,
      kinds: params.kinds,
      window: params.window,
      maxBatchRows: params.maxBatchRows,
      ...(ctx.signal ? { signal: ctx.signal } : {}),
      ...(ctx.onProgress ? { onProgress: ctx.onProgress } : {}),
    });
    const raw: CausalTracingRaw = {
      answer: { id: out.answer, text: tokenText(model.tokenizer, out.answer) },
      pClean: out.pClean,
      pLow: out.pLow,
      tokens: ids.map((id) => tokenLabel(model.tokenizer, id)),
      subjectRange: [span[0], span[1]],
      ...(sigma !== undefined ? { sigma } : {}),
      ...out.tables,
    };
    const { charts, tables } = causalTraceCharts(raw, params.window);
    const { noise: _noise, ...recorded } = params;
    const base = baseResult<CausalTracingRaw>(causalTracingMethod, model, sample, { ...recorded, ...(params.noise ? { noise: `explicit (${params.noise.length} values)` } : {}) }, started, out.forwardPasses);
    return {
      ...base,
      ...(params.corruption === 'gaussian' && !params.noise ? { seed: params.seed } : {}),
      warnings,
      summary: `answer ${JSON.stringify(raw.answer.text)}: p_clean ${out.pClean.toFixed(4)}, p_low ${out.pLow.toFixed(4)}`,
      tables,
      charts,
      raw,
    };
  },
} satisfies MethodDef<'CausalTracing', 'prompt' | 'triple_subject', CausalTracingParams>;
