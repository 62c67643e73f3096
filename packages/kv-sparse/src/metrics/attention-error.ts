import { softmaxInPlace } from '../kernels/dense-kernels.js';

/** Error of one attention read against dense (spec §12 metrics). */
export interface AttentionError {
  /** `‖ô − o‖ / ‖o‖` of the attention output. */
  relErr: number;
  /** `KL(p ‖ p̂)` of the attention probabilities. */
  kl: number;
  /** Fraction of the dense top-10 keys also in the approximate top-10. */
  top10: number;
  /** RMSE of the logits. */
  logitRmse: number;
}

/**
 * Compares attention of query `q` `[D]` over `approxKeys` with attention over `keys` (both `[S, D]`,
 * shared `values` `[S, D]`), at scale `1/sqrt(D)`.
 */
export function attentionError(q: Float32Array, keys: Float32Array, approxKeys: Float32Array, values: Float32Array, S: number, D: number): AttentionError {
  const scale = 1 / Math.sqrt(D);
  const a = new Float32Array(S);
  const b = new Float32Array(S);
  let se = 0;
  for (let t = 0; t < S; t++) {
    let x = 0;
    let y = 0;
    for (let d = 0; d < D; d++) {
      x += q[d]! * keys[t * D + d]!;
      y += q[d]! * approxKeys[t * D + d]!;
    }
    a[t] = x * scale;
    b[t] = y * scale;
    se += (a[t]! - b[t]!) ** 2;
  }
  const topOf = (x: Float32Array) => new Set([...x.keys()].sort((i, j) => x[j]! - x[i]! || i - j).slice(0, 10));
  const ta = topOf(a);
  const tb = topOf(b);
  let overlap = 0;
  for (const i of ta) if (tb.has(i)) overlap++;
  softmaxInPlace(a, S);
  softmaxInPlace(b, S);
  let kl = 0;
  for (let t = 0; t < S; t++) if (a[t]! > 0) kl += a[t]! * Math.log(a[t]! / Math.max(b[t]!, 1e-30));
  let num = 0;
  let den = 0;
  for (let d = 0; d < D; d++) {
    let o = 0;
    let p = 0;
    for (let t = 0; t < S; t++) {
      o += a[t]! * values[t * D + d]!;
      p += b[t]! * values[t * D + d]!;
    }
    num += (p - o) ** 2;
    den += o * o;
  }
  return { relErr: Math.sqrt(num / den), kl, top10: overlap / Math.min(10, S), logitRmse: Math.sqrt(se / S) };
}
