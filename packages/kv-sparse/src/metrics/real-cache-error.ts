import type { CausalLM, Tensor } from '@reasonkit/core';
import { KvSparseError } from '../errors/kv-sparse-error.js';
import { attentionError } from './attention-error.js';
import { type RestoreVariant, restoreVariant } from './restore-variants.js';

/** relErr per (layer, query head) of each restoration, averaged over the decode queries. */
export interface RealCacheErrors {
  /** `errors[variant][layer][qHead]`. */
  errors: Record<RestoreVariant, number[][]>;
  /** Fraction of (layer, query head) pairs where sparkMean beats both token-zero and ThinK. */
  sparkWinsBoth: number;
  sparkBeatsZero: number;
  sparkBeatsThink: number;
}

const f32 = (t: Tensor | undefined, name: string): Float32Array => {
  if (!t || t.dtype !== 'float32') throw new KvSparseError('config', `the model did not return ${name} as float32 (does it expose queries?)`, { tensor: name });
  return t.data as Float32Array;
};

/**
 * Real-cache attention error (spec §12 E2): prefill `promptIds` with the model's dense cache,
 * take each layer's post-RoPE keys, values and the last `window` prompt queries, then the queries
 * of the teacher-forced `decodeIds`, and compare each restoration's attention output with dense.
 */
export async function realCacheErrors(lm: CausalLM, promptIds: number[], decodeIds: number[], ratio: number, window = 32): Promise<RealCacheErrors> {
  const { numLayers: L, numQHeads: QH, numKvHeads: H, headDim: D } = lm.config;
  const G = QH / H;
  const qNames = Array.from({ length: L }, (_, l) => `queries.${l}`);
  const pre = await lm.forward({ inputIds: promptIds, outputs: qNames, logits: 'none' });
  const dec = await lm.forward({ inputIds: decodeIds, cache: pre.cache, outputs: qNames, logits: 'none' });
  const S = promptIds.length;
  const n = decodeIds.length;
  const layers = pre.cache.layers();
  const variants: RestoreVariant[] = ['think', 'tokenZero', 'tokenConst', 'sparkMean'];
  const errors = Object.fromEntries(variants.map((v) => [v, Array.from({ length: L }, () => new Array<number>(QH).fill(0))])) as Record<RestoreVariant, number[][]>;
  for (let l = 0; l < L; l++) {
    const K = f32(layers[l]!.key, `present.${l}.key`);
    const V = f32(layers[l]!.value, `present.${l}.value`);
    const Q = f32(pre.extra[`queries.${l}`], `queries.${l}`);
    const Qd = f32(dec.extra[`queries.${l}`], `queries.${l}`);
    for (let g = 0; g < H; g++) {
      const keys = K.subarray(g * S * D, (g + 1) * S * D);
      const values = V.subarray(g * S * D, (g + 1) * S * D);
      const wq = new Float32Array(G * window * D);
      for (let j = 0; j < G; j++) wq.set(Q.subarray(((g * G + j) * S + S - window) * D, ((g * G + j) * S + S) * D), j * window * D);
      for (const v of variants) {
        const kh = restoreVariant(v, keys, S, D, wq, G, window, ratio);
        for (let j = 0; j < G; j++) {
          const h = g * G + j;
          let sum = 0;
          for (let i = 0; i < n; i++) sum += attentionError(Qd.subarray((h * n + i) * D, (h * n + i + 1) * D), keys, kh, values, S, D).relErr;
          errors[v][l]![h] = sum / n;
        }
      }
    }
  }
  let both = 0;
  let zero = 0;
  let think = 0;
  for (let l = 0; l < L; l++) {
    for (let h = 0; h < QH; h++) {
      const s = errors.sparkMean[l]![h]!;
      const bz = s < errors.tokenZero[l]![h]!;
      const bt = s < errors.think[l]![h]!;
      if (bz) zero++;
      if (bt) think++;
      if (bz && bt) both++;
    }
  }
  const pairs = L * QH;
  return { errors, sparkWinsBoth: both / pairs, sparkBeatsZero: zero / pairs, sparkBeatsThink: think / pairs };
}

/** min / median / max of a list (median of an even count: mean of the two middle values). */
export interface Spread {
  min: number;
  median: number;
  max: number;
}

/** SparK-mean against one baseline over several contexts. */
export interface ContextWins {
  /**
   * Headline (fixed before any run): share of (layer, query head) pairs where SparK-mean's relErr,
   * averaged over the contexts, is lower than the baseline's averaged the same way.
   */
  pooled: number;
  /** The same share per context: min / median / max over the contexts. */
  perContext: Spread;
  /** Wins over all (context, layer, query head) triples. */
  triples: { wins: number; total: number };
  /** As `pooled`, per (layer, KV head): relErr averaged over the contexts and the head's G query heads. */
  kvHeadPooled: number;
}

/** {@link summariseContexts}: SparK-mean against token-zero and against ThinK over N contexts. */
export interface RealCacheErrorSummary {
  contexts: number;
  vsTokenZero: ContextWins;
  vsThink: ContextWins;
  /** Mean relErr over every (context, layer, query head) per variant. */
  meanRelErr: Record<RestoreVariant, number>;
}

function spread(xs: number[]): Spread {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  const median = n === 0 ? Number.NaN : n % 2 === 1 ? s[(n - 1) >> 1]! : (s[n / 2 - 1]! + s[n / 2]!) / 2;
  return { min: s[0] ?? Number.NaN, median, max: s[n - 1] ?? Number.NaN };
}

/**
 * Aggregates per-context {@link realCacheErrors} results (same model and ratio) into the pooled
 * E2 criterion, the per-context spread, the triple win count and the KV-head variant. `kvHeads`
 * groups query heads contiguously (head h belongs to KV head `floor(h/G)`, spec §2.2).
 */
export function summariseContexts(perContext: RealCacheErrors[], kvHeads: number): RealCacheErrorSummary {
  const N = perContext.length;
  if (N === 0) throw new KvSparseError('config', 'summariseContexts: no contexts', { field: 'perContext', actual: 0 });
  const L = perContext[0]!.errors.sparkMean.length;
  const QH = perContext[0]!.errors.sparkMean[0]!.length;
  if (QH % kvHeads !== 0) throw new KvSparseError('geometry', `summariseContexts: ${QH} query heads are not a multiple of kvHeads = ${kvHeads}`, { field: 'kvHeads', actual: kvHeads });
  const G = QH / kvHeads;
  const variants = Object.keys(perContext[0]!.errors) as RestoreVariant[];
  const mean = Object.fromEntries(variants.map((v) => [v, Array.from({ length: L }, (_, l) => Array.from({ length: QH }, (_, h) => perContext.reduce((a, c) => a + c.errors[v][l]![h]!, 0) / N))])) as Record<RestoreVariant, number[][]>;
  const wins = (base: RestoreVariant): ContextWins => {
    let pooled = 0;
    let kv = 0;
    let triples = 0;
    const fractions = perContext.map((c) => {
      let w = 0;
      for (let l = 0; l < L; l++) for (let h = 0; h < QH; h++) if (c.errors.sparkMean[l]![h]! < c.errors[base][l]![h]!) w++;
      triples += w;
      return w / (L * QH);
    });
    for (let l = 0; l < L; l++) {
      for (let h = 0; h < QH; h++) if (mean.sparkMean[l]![h]! < mean[base][l]![h]!) pooled++;
      for (let g = 0; g < kvHeads; g++) {
        let s = 0;
        let b = 0;
        for (let j = 0; j < G; j++) {
          s += mean.sparkMean[l]![g * G + j]!;
          b += mean[base][l]![g * G + j]!;
        }
        if (s < b) kv++;
      }
    }
    return { pooled: pooled / (L * QH), perContext: spread(fractions), triples: { wins: triples, total: N * L * QH }, kvHeadPooled: kv / (L * kvHeads) };
  };
  const meanRelErr = Object.fromEntries(variants.map((v) => [v, mean[v].flat().reduce((a, x) => a + x, 0) / (L * QH)])) as Record<RestoreVariant, number>;
  return { contexts: N, vsTokenZero: wins('tokenZero'), vsThink: wins('think'), meanRelErr };
}
