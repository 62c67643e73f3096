/**
 * The optimised dense fp32 kernels (spec §9.4 `attendDenseReference`): the throughput baseline,
 * unrolled ×4 so that speed-ups are not measured against a naive loop.
 */

/** `logits[o + t] = scale · q·k_t` for rows `t < len` of `keys` (row stride D, from `kOff`). */
export function denseLogits(q: Float32Array, qOff: number, keys: Float32Array, kOff: number, len: number, D: number, scale: number, logits: Float32Array, o: number): void {
  const D4 = D & ~3;
  for (let t = 0; t < len; t++) {
    const b = kOff + t * D;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let d = 0;
    for (; d < D4; d += 4) {
      s0 += q[qOff + d]! * keys[b + d]!;
      s1 += q[qOff + d + 1]! * keys[b + d + 1]!;
      s2 += q[qOff + d + 2]! * keys[b + d + 2]!;
      s3 += q[qOff + d + 3]! * keys[b + d + 3]!;
    }
    for (; d < D; d++) s0 += q[qOff + d]! * keys[b + d]!;
    logits[o + t] = (s0 + s1 + s2 + s3) * scale;
  }
}

/**
 * `out[oOff…+D] += Σ_t p[pOff + t] · v_t` over rows `t < len` of `values` (from `vOff`). Two rows
 * per pass (each output element is loaded and stored once per pair of tokens) and ×4 unrolled.
 */
export function accumulateValues(p: Float32Array, pOff: number, values: Float32Array, vOff: number, len: number, D: number, out: Float32Array, oOff: number): void {
  const D4 = D & ~3;
  let t = 0;
  for (; t + 1 < len; t += 2) {
    const w0 = p[pOff + t]!;
    const w1 = p[pOff + t + 1]!;
    const b = vOff + t * D;
    const c = b + D;
    let d = 0;
    for (; d < D4; d += 4) {
      const o = oOff + d;
      out[o] = out[o]! + w0 * values[b + d]! + w1 * values[c + d]!;
      out[o + 1] = out[o + 1]! + w0 * values[b + d + 1]! + w1 * values[c + d + 1]!;
      out[o + 2] = out[o + 2]! + w0 * values[b + d + 2]! + w1 * values[c + d + 2]!;
      out[o + 3] = out[o + 3]! + w0 * values[b + d + 3]! + w1 * values[c + d + 3]!;
    }
    for (; d < D; d++) out[oOff + d] = out[oOff + d]! + w0 * values[b + d]! + w1 * values[c + d]!;
  }
  for (; t < len; t++) {
    const w = p[pOff + t]!;
    const b = vOff + t * D;
    for (let d = 0; d < D; d++) out[oOff + d] = out[oOff + d]! + w * values[b + d]!;
  }
}

/** In place `x[0…n) ← exp(x − max) / Σ`; returns the sum before normalisation. */
export function softmaxInPlace(x: Float32Array, n: number): number {
  let max = -Infinity;
  for (let i = 0; i < n; i++) if (x[i]! > max) max = x[i]!;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const e = Math.exp(x[i]! - max);
    x[i] = e;
    sum += e;
  }
  const inv = 1 / sum;
  for (let i = 0; i < n; i++) x[i] = x[i]! * inv;
  return sum;
}

/** Dense geometry of {@link attendDenseReference}. */
export interface DenseAttentionInput {
  /** `[qHeads, D]` decode queries. */
  q: Float32Array;
  /** `[kvHeads, S, D]`. */
  keys: Float32Array;
  /** `[kvHeads, S, D]`. */
  values: Float32Array;
  qHeads: number;
  kvHeads: number;
  seqLen: number;
  headDim: number;
  /** Default `1/sqrt(D)`. */
  scale?: number;
}

/** One decode step of dense GQA attention: returns `[qHeads, D]` (query head h reads KV head `floor(h/G)`). */
export function attendDenseReference(input: DenseAttentionInput, out = new Float32Array(input.qHeads * input.headDim), scratch = new Float32Array(input.seqLen)): Float32Array {
  const { q, keys, values, qHeads, kvHeads, seqLen: S, headDim: D } = input;
  const scale = input.scale ?? 1 / Math.sqrt(D);
  const G = qHeads / kvHeads;
  out.fill(0);
  for (let h = 0; h < qHeads; h++) {
    const g = Math.floor(h / G);
    denseLogits(q, h * D, keys, g * S * D, S, D, scale, scratch, 0);
    softmaxInPlace(scratch, S);
    accumulateValues(scratch, 0, values, g * S * D, S, D, out, h * D);
  }
  return out;
}
