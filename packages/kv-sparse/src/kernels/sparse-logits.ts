import { type ChannelSparseKeys, keptLayout } from '../cache/channel-sparse-keys.js';
import { DEGENERATE_CHANNEL_NORM } from '../channel/restorers.js';
import { dequantizeRow, fp16Lookup } from '../quant/quantized-array.js';
import { BIT_POSITIONS, POPCOUNT, buildByteLut } from './bit-tables.js';

/** Reusable buffers of the sparse kernel for one head dimension. */
export interface SparseScratch {
  headDim: number;
  /** `[ceil(D/8), 256]` byte lookup table. */
  lut: Float32Array;
  /** Per-channel weights `[D]`. */
  w: Float32Array;
  /** One decoded row `[D]`. */
  row: Float32Array;
}

export function createSparseScratch(headDim: number): SparseScratch {
  return { headDim, lut: new Float32Array(Math.ceil(headDim / 8) * 256), w: new Float32Array(headDim), row: new Float32Array(headDim) };
}

/**
 * `logits[o + t] = scale · q·k̂_t` for every token of a compressed head, without materialising
 * `k̂` (spec §9.4 steps 1–3): the kept part is a dot over the kept values; the pruned part is
 * `f_t · Σ_p (LUT[p][pos] − LUT[p][neg])` with byte lookup tables over `w_c` (for sparkMean
 * `w_c = q_c / sqrt(qn_c)`, `f_t = sqrt(a_t)`), i.e. `2·D/8` lookups instead of `D − T` multiply-adds.
 */
export function sparseLogits(q: Float32Array, qOff: number, head: ChannelSparseKeys, scale: number, logits: Float32Array, o: number, scratch: SparseScratch): void {
  const { seqLen: S, headDim: D, maskBytes: nb, mask, restorer } = head;
  const { lut, w, row } = scratch;
  // per-channel weights of the pruned part and the per-token factor
  let restoring = true;
  let constFactor = 1;
  const stat = head.restoreStat;
  switch (restorer.kind) {
    case 'zero':
      restoring = false;
      break;
    case 'constant':
      for (let c = 0; c < D; c++) w[c] = q[qOff + c]!;
      constFactor = restorer.eps;
      break;
    case 'channelMeanFill':
      for (let c = 0; c < D; c++) w[c] = q[qOff + c]! * head.channelFill![c]!;
      break;
    case 'sparkMean': {
      const qn = head.channelNorm;
      const cs = head.channelSign;
      for (let c = 0; c < D; c++) {
        const n = qn[c]!;
        let v = n > DEGENERATE_CHANNEL_NORM ? q[qOff + c]! / Math.sqrt(n) : 0;
        if (cs && cs[c >> 3]! & (1 << (c & 7))) v = -v;
        w[c] = v;
      }
      break;
    }
  }
  if (restoring) buildByteLut(w, D, lut);
  const signs = head.prunedSign;
  const last = D % 8 === 0 ? 0xff : (1 << (D % 8)) - 1;
  const statF32 = stat instanceof Float32Array ? stat : undefined;
  const statF16 = stat instanceof Uint16Array ? stat : undefined;
  const tab = statF16 || head.kept.dtype !== 'float32' ? fp16Lookup() : undefined;
  const layout = keptLayout(head);
  const ragged = layout instanceof Uint32Array;
  const T = head.keptPerToken;
  const f32 = head.kept.dtype === 'float32' ? (head.kept.data as Float32Array) : undefined;
  for (let t = 0; t < S; t++) {
    const start = ragged ? layout[t]! : t * T;
    let vals: Float32Array;
    let k: number;
    if (f32) {
      vals = f32;
      k = start;
    } else {
      dequantizeRow(head.kept, t, start, ragged ? layout[t + 1]! : start + T, row);
      vals = row;
      k = 0;
    }
    let acc = 0;
    let pr = 0;
    const mb = t * nb;
    for (let p = 0; p < nb; p++) {
      const m = mask[mb + p]!;
      const cnt = POPCOUNT[m]!;
      const bp = m << 3;
      const qb = qOff + (p << 3);
      for (let i = 0; i < cnt; i++) acc += q[qb + BIT_POSITIONS[bp + i]!]! * vals[k++]!;
      if (restoring) {
        const pruned = ~m & (p === nb - 1 ? last : 0xff);
        if (signs) {
          const neg = signs[mb + p]!;
          pr += lut[(p << 8) + (pruned & ~neg)]! - lut[(p << 8) + neg]!;
        } else pr += lut[(p << 8) + pruned]!;
      }
    }
    if (restoring) {
      const f = statF32 ? Math.sqrt(statF32[t]!) : statF16 ? Math.sqrt(tab![statF16[t]!]!) : constFactor;
      acc += f * pr;
    }
    logits[o + t] = acc * scale;
  }
}
