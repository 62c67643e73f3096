/** How pruned key entries are filled back (spec §2.4, §2.5, §9.3). Plain data. */
export type Restorer =
  | { kind: 'zero' }
  | { kind: 'constant'; eps: number; sign: 'stored' | 'none' }
  | { kind: 'sparkMean'; sign: 'stored' | 'channelMean' | 'none' }
  | { kind: 'channelMeanFill' };

/** `qn[c] ≤ 1e-12` restores channel c as 0 (spec §2.4, our choice: the reference divides by zero). */
export const DEGENERATE_CHANNEL_NORM = 1e-12;

/** Whether the restorer needs the sign of every pruned entry (1 bit each). */
export function storesSigns(r: Restorer): boolean {
  return (r.kind === 'sparkMean' || r.kind === 'constant') && r.sign === 'stored';
}

/** Whether the restorer needs the per-token statistic `a_t`. */
export function storesStat(r: Restorer): boolean {
  return r.kind === 'sparkMean';
}

/** Reference sign: +1 if k > 0, otherwise −1, so an exact zero restores negative (reference code). */
export function referenceSign(k: number): 1 | -1 {
  return k > 0 ? 1 : -1;
}

/**
 * `a_t = (1/|P_t|) Σ_{c∈P_t} k[t,c]²·qn[c]` over exactly the mask-pruned channels (spec §2.4;
 * our tie rule), 0 when nothing is pruned.
 */
export function restoreStats(keys: Float32Array, keptMask: Uint8Array, channelNorm: Float32Array, seqLen: number, headDim: number): Float64Array {
  const D = headDim;
  const out = new Float64Array(seqLen);
  for (let t = 0; t < seqLen; t++) {
    let sum = 0;
    let n = 0;
    for (let c = 0; c < D; c++) {
      if (keptMask[t * D + c]) continue;
      const k = keys[t * D + c]!;
      sum += k * k * channelNorm[c]!;
      n++;
    }
    out[t] = n > 0 ? sum / n : 0;
  }
  return out;
}

/** Per-channel mean of the keys over tokens, `[D]` (for `channelMean` signs and `channelMeanFill`). */
export function channelMeans(keys: Float32Array, seqLen: number, headDim: number): Float64Array {
  const m = new Float64Array(headDim);
  for (let t = 0; t < seqLen; t++) for (let c = 0; c < headDim; c++) m[c] = m[c]! + keys[t * headDim + c]!;
  for (let c = 0; c < headDim; c++) m[c] = seqLen > 0 ? m[c]! / seqLen : 0;
  return m;
}

/**
 * The dense restored keys `k̂` `[S, D]` (the reference's simulated output, and the test oracle of
 * the compressed cache): kept entries unchanged, pruned entries filled by `restorer`. For
 * `sparkMean`, `k̂[t,c] = sgn·sqrt(a_t / qn[c])`.
 */
export function restoreDense(
  keys: Float32Array,
  keptMask: Uint8Array,
  channelNorm: Float32Array,
  restorer: Restorer,
  seqLen: number,
  headDim: number,
): Float32Array {
  const D = headDim;
  const out = new Float32Array(seqLen * D);
  const stats = restorer.kind === 'sparkMean' ? restoreStats(keys, keptMask, channelNorm, seqLen, D) : undefined;
  const means = restorer.kind === 'channelMeanFill' || (restorer.kind === 'sparkMean' && restorer.sign === 'channelMean') ? channelMeans(keys, seqLen, D) : undefined;
  for (let t = 0; t < seqLen; t++) {
    for (let c = 0; c < D; c++) {
      const i = t * D + c;
      const k = keys[i]!;
      if (keptMask[i]) {
        out[i] = k;
        continue;
      }
      switch (restorer.kind) {
        case 'zero':
          out[i] = 0;
          break;
        case 'constant':
          out[i] = (restorer.sign === 'stored' ? referenceSign(k) : 1) * restorer.eps;
          break;
        case 'channelMeanFill':
          out[i] = means![c]!;
          break;
        case 'sparkMean': {
          const qn = channelNorm[c]!;
          if (qn <= DEGENERATE_CHANNEL_NORM) {
            out[i] = 0;
            break;
          }
          const sign = restorer.sign === 'stored' ? referenceSign(k) : restorer.sign === 'channelMean' ? referenceSign(means![c]!) : 1;
          out[i] = sign * Math.sqrt(stats![t]! / qn);
          break;
        }
      }
    }
  }
  return out;
}
