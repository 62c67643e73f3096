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
