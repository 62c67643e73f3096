import { populationVariance } from '../../math/stats.js';

/**
 * Causal attention weights from post-RoPE queries `[H, T, hd]` and keys `[Hkv, T, hd]` (spec §4.3):
 * `A_h = softmax(q_h k_{g(h)}ᵀ / √hd + causal mask)`, `g(h) = ⌊h / (H / Hkv)⌋` for grouped-query
 * attention. Returns `[H, T, T]` with exact zeros above the diagonal.
 */
export function attentionFromQueriesKeys(q: Float32Array, k: Float32Array, heads: number, kvHeads: number, T: number, hd: number): Float32Array {
  const out = new Float32Array(heads * T * T);
  const group = heads / kvHeads;
  const scale = 1 / Math.sqrt(hd);
  const scores = new Float64Array(T);
  for (let h = 0; h < heads; h++) {
    const g = Math.floor(h / group);
    for (let i = 0; i < T; i++) {
      const qo = (h * T + i) * hd;
      let max = -Infinity;
      for (let j = 0; j <= i; j++) {
        const ko = (g * T + j) * hd;
        let s = 0;
        for (let c = 0; c < hd; c++) s += q[qo + c]! * k[ko + c]!;
        scores[j] = s * scale;
        if (scores[j]! > max) max = scores[j]!;
      }
      let z = 0;
      for (let j = 0; j <= i; j++) z += scores[j] = Math.exp(scores[j]! - max);
      const ro = (h * T + i) * T;
      for (let j = 0; j <= i; j++) out[ro + j] = scores[j]! / z;
    }
  }
  return out;
}

/** How the attention-weights method selects heads. */
export type HeadSelection = 'lowest-variance' | 'highest-max' | readonly (readonly [number, number])[];

/**
 * Picks heads from `[L][H]` matrices (each `[T·T]`). `'lowest-variance'` (Know-MRI): the `n` most
 * uniform heads, listed in (layer, head) order; ties broken by (layer, head). `'highest-max'`
 * (our choice): the `n` heads with the largest single weight off the first key column (attention
 * sinks on BOS excluded), in (layer, head) order. An explicit list is returned as given.
 */
export function selectHeads(weights: readonly (readonly Float32Array[])[], n: number, select: HeadSelection, T: number): [number, number][] {
  if (typeof select !== 'string') return select.map(([l, h]) => [l, h]);
  const scored: { l: number; h: number; s: number }[] = [];
  weights.forEach((layer, l) =>
    layer.forEach((a, h) => {
      if (select === 'lowest-variance') scored.push({ l, h, s: populationVariance(a) });
      else {
        let m = 0;
        for (let i = 0; i < T; i++) for (let j = 1; j <= i; j++) m = Math.max(m, a[i * T + j]!);
        scored.push({ l, h, s: -m });
      }
    }),
  );
  scored.sort((a, b) => a.s - b.s || a.l - b.l || a.h - b.h);
  return scored
    .slice(0, n)
    .sort((a, b) => a.l - b.l || a.h - b.h)
    .map(({ l, h }) => [l, h]);
}
