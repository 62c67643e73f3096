import { lazySchema } from '@reasonkit/core';
import * as z from 'zod';

const ratio = () => z.number().min(0).lt(1);

/** Channel scorer (spec §9.3). Defaults: window 32 (reference code `spark_press.py`). */
const channelScorerSchema = () => (
  z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('spark'), window: z.number().int().positive().default(32) }),
    z.object({ kind: z.literal('think'), window: z.number().int().positive().default(32) }),
    z.object({ kind: z.literal('magnitude') }),
  ])
);

/** Channel selector (spec §2.3). Bucket table: reference code (`threshold_ratio = 0.99`). */
const channelSelectorSchema = () => (
  z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('fixedRatio'), ratio: ratio() }),
    z.object({ kind: z.literal('topP'), p: z.number().gt(0).max(1).default(0.99) }),
    z.object({
      kind: z.literal('bucketed'),
      bounds: z.array(z.number().gt(0).lt(1)).default([0.2, 0.4, 0.6, 0.8]),
      keep: z.array(z.number().gt(0).max(1)).default([0.1, 0.3, 0.5, 0.7, 0.9]),
      p: z.number().gt(0).max(1).default(0.99),
    }),
    z.object({ kind: z.literal('structured'), ratio: ratio() }),
  ])
);

/** Restorer (spec §2.4–2.5, §9.3). Default sparkMean with stored signs (reference code). */
const restorerSchema = () => (
  z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('zero') }),
    z.object({ kind: z.literal('constant'), eps: z.number().positive().default(0.01), sign: z.enum(['stored', 'none']).default('stored') }),
    z.object({ kind: z.literal('sparkMean'), sign: z.enum(['stored', 'channelMean', 'none']).default('stored') }),
    z.object({ kind: z.literal('channelMeanFill') }),
  ])
);

/** Token eviction (spec §3). Defaults: SnapKV/PyramidKV window 64, kernel 5, β 20 (reference code); sinks 4 (StreamingLLM paper). */
const evictionPolicySchema = () => (
  z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('snapKV'), window: z.number().int().positive().default(64), kernel: z.number().int().positive().default(5) }),
    z.object({
      kind: z.literal('pyramidKV'),
      window: z.number().int().positive().default(64),
      kernel: z.number().int().positive().default(5),
      beta: z.number().positive().default(20),
      compat: z.enum(['reference', 'fixed']).default('fixed'),
    }),
    z.object({ kind: z.literal('streamingLLM'), sinks: z.number().int().nonnegative().default(4) }),
    z.object({ kind: z.literal('h2o') }),
    z.object({ kind: z.literal('tova') }),
    z.object({ kind: z.literal('knorm') }),
    z.object({ kind: z.literal('random'), seed: z.number().int().default(0) }),
  ])
);

/** Budget: a kept fraction `1 − ratio` or an absolute token count (kvpress #102). */
const budgetSchema = () => (
  z.union([z.object({ ratio: ratio() }).strict(), z.object({ maxTokens: z.number().int().positive() }).strict()])
);

/** Options of `compressCache`: evict first, then prune key channels, then store at `dtype`. */
export const CompressOptionsSchema = /* @__PURE__ */ lazySchema(() =>
  z.object({
    eviction: evictionPolicySchema().optional(),
    budget: budgetSchema().optional(),
    channel: z
      .object({ scorer: channelScorerSchema(), selector: channelSelectorSchema(), restorer: restorerSchema().default({ kind: 'sparkMean', sign: 'stored' }) })
      .optional(),
    /** Storage of kept keys and values; default float32 (the reference model's cache dtype). */
    dtype: z.enum(['float32', 'float16', 'int8', 'int4']).default('float32'),
    /** int8/int4 group size within a token row; default `'row'`, one fp16 scale + zero per token-head (spec §8's byte formula); 32 is finer (KIVI-like). */
    groupSize: z.union([z.number().int().positive(), z.literal('row')]).default('row'),
    /** Whether the window queries contain the question (recorded in the label; kvpress default false). */
    queryAware: z.boolean().default(false),
    /** What to do when the compressed cache is not smaller than dense at the same dtype: default warn (spec M5). */
    onNonPositiveSaving: z.enum(['warn', 'refuse']).default('warn'),
  }),
);
/** Input accepted by `CompressOptionsSchema` (optional fields may be omitted; defaults are applied when parsed). */
export type CompressOptions = z.input<typeof CompressOptionsSchema>;

/** SparK's query-aware scorer. */
export const sparkScorer = (o: { windowSize?: number } = {}) => ({ kind: 'spark' as const, window: o.windowSize ?? 32 });
/** ThinK's structured scorer. */
export const thinkScorer = (o: { windowSize?: number } = {}) => ({ kind: 'think' as const, window: o.windowSize ?? 32 });
/** Query-free `k²` fallback: **not SparK**. */
export const magnitudeScorer = () => ({ kind: 'magnitude' as const });
/** Ratio policy: keep a fixed fraction `ratio` of channels. */
export const fixedRatio = (ratio: number) => ({ kind: 'fixedRatio' as const, ratio });
/** Ratio policy: keep the smallest set of channels holding a fraction `p` (default 0.99) of the score mass. */
export const topP = (p = 0.99) => ({ kind: 'topP' as const, p });
/** Ratio policy by score buckets: a token's keep ratio depends on which `bounds` bucket its score falls in (defaults: bounds 0.2–0.8, keep 0.1–0.9, p 0.99). */
export const bucketed = (o: { bounds?: number[]; keep?: number[]; p?: number } = {}) => ({
  kind: 'bucketed' as const,
  bounds: o.bounds ?? [0.2, 0.4, 0.6, 0.8],
  keep: o.keep ?? [0.1, 0.3, 0.5, 0.7, 0.9],
  p: o.p ?? 0.99,
});
/** Ratio policy: structured (channel) pruning keeping fraction `ratio`. */
export const structured = (ratio: number) => ({ kind: 'structured' as const, ratio });
/** Fill policy: pruned channels read as zero. */
export const zeroFill = () => ({ kind: 'zero' as const });
/** Fill policy: pruned channels read as a constant `eps` (default 0.01), with the stored sign by default. */
export const constantFill = (o: { eps?: number; sign?: 'stored' | 'none' } = {}) => ({ kind: 'constant' as const, eps: o.eps ?? 0.01, sign: o.sign ?? 'stored' });
/** Fill policy: SparK's mean fill, with the sign stored by default. */
export const sparkMean = (o: { sign?: 'stored' | 'channelMean' | 'none' } = {}) => ({ kind: 'sparkMean' as const, sign: o.sign ?? 'stored' });
/** Fill policy: pruned channels read as the channel's mean. */
export const channelMeanFill = () => ({ kind: 'channelMeanFill' as const });
/** Eviction policy: SnapKV (observation window default 64, pooling kernel default 5). */
export const snapKV = (o: { window?: number; kernel?: number } = {}) => ({ kind: 'snapKV' as const, window: o.window ?? 64, kernel: o.kernel ?? 5 });
/** Eviction policy: PyramidKV (SnapKV with a per-layer budget pyramid; defaults window 64, kernel 5, beta 20, compat 'fixed'). */
export const pyramidKV = (o: { window?: number; kernel?: number; beta?: number; compat?: 'reference' | 'fixed' } = {}) => ({
  kind: 'pyramidKV' as const,
  window: o.window ?? 64,
  kernel: o.kernel ?? 5,
  beta: o.beta ?? 20,
  compat: o.compat ?? 'fixed',
});
/** Eviction policy: StreamingLLM (attention sinks, default 4, plus a recent window). */
export const streamingLLM = (o: { sinks?: number } = {}) => ({ kind: 'streamingLLM' as const, sinks: o.sinks ?? 4 });
/** Eviction policy: H2O (heavy hitters by accumulated attention). */
export const h2o = () => ({ kind: 'h2o' as const });
/** Eviction policy: TOVA (evict the token with the lowest current attention). */
export const tova = () => ({ kind: 'tova' as const });
/** Eviction policy: K-norm (evict by key norm). */
export const knorm = () => ({ kind: 'knorm' as const });
/** Eviction policy: random eviction (seeded, default seed 0), a baseline. */
export const randomEviction = (o: { seed?: number } = {}) => ({ kind: 'random' as const, seed: o.seed ?? 0 });
