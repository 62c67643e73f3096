import { type ChannelSparseKeys, keptLayout } from '../cache/channel-sparse-keys.js';
import { DEGENERATE_CHANNEL_NORM } from '../channel/restorers.js';
import { FP16_LEAD, FP16_POW, dequantizeRow, fp16Lookup } from '../quant/quantized-array.js';
import { BIT_POSITIONS, POPCOUNT, buildByteLut } from './bit-tables.js';

const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

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

/** Allocates the scratch buffers of the sparse-logit kernel for head dimension `headDim`. */
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
  const kept = head.kept;
  const f32 = kept.dtype === 'float32' ? (kept.data as Float32Array) : undefined;
  // int8 kept values: per group Σ q·(z + s·code) = z·Σq + s·Σ q·code, no dequantisation
  const i8 = kept.dtype === 'int8' && !ragged && kept.groupsPerRow! >= 1 ? (kept.data as Uint8Array) : undefined;
  const gpr = kept.groupsPerRow ?? 1;
  const gs = kept.groupSize || T;
  const nw = nb >> 2;
  const words = nb % 4 === 0 && mask.byteOffset % 4 === 0 && littleEndian ? new Uint32Array(mask.buffer, mask.byteOffset, (mask.byteLength >> 2)) : undefined;
  const signWords = words && signs && signs.byteOffset % 4 === 0 ? new Uint32Array(signs.buffer, signs.byteOffset, signs.byteLength >> 2) : undefined;
  for (let t = 0; t < S; t++) {
    const start = ragged ? layout[t]! : t * T;
    let acc = 0;
    const mb = t * nb;
    if (f32 && words) {
      // 32 channels per word: fewer unpredictable loop exits than byte by byte
      let k = start;
      const wb = t * nw;
      for (let wi = 0; wi < nw; wi++) {
        let m = words[wb + wi]!;
        const qb = qOff + (wi << 5);
        while (m !== 0) {
          const low = m & -m;
          acc += q[qb + 31 - Math.clz32(low)]! * f32[k++]!;
          m ^= low;
        }
      }
    } else if (f32) {
      let k = start;
      for (let p = 0; p < nb; p++) {
        let m = mask[mb + p]!;
        const qb = qOff + (p << 3);
        while (m !== 0) {
          const low = m & -m;
          acc += q[qb + 31 - Math.clz32(low)]! * f32[k++]!;
          m ^= low;
        }
      }
    } else if (i8 && words && gpr === 1) {
      // one group per token (groupSize ≥ kept count, or 'row'): no group boundaries to track
      acc = keptDotInt8Row(q, qOff, words, t * nw, nw, i8, start, kept.zero![t]!, kept.scale![t]!);
    } else if (i8 && words) {
      acc = keptDotInt8(q, qOff, words, t * nw, i8, start, start + T, gs, t * gpr, kept.zero!, kept.scale!);
    } else if (i8) {
      const zero = kept.zero!;
      const scl = kept.scale!;
      let k = start;
      let gi = t * gpr;
      let kEnd = start + gs;
      let accG = 0;
      let qsum = 0;
      const step = words ? 5 : 3;
      const n = words ? nw : nb;
      for (let p = 0; p < n; p++) {
        let m = words ? words[t * nw + p]! : mask[mb + p]!;
        const qb = qOff + (p << step);
        while (m !== 0) {
          if (k === kEnd) {
            acc += tab![zero[gi]!]! * qsum + tab![scl[gi]!]! * accG;
            gi++;
            kEnd += gs;
            accG = 0;
            qsum = 0;
          }
          const low = m & -m;
          const qc = q[qb + 31 - Math.clz32(low)]!;
          accG += qc * i8[k++]!;
          qsum += qc;
          m ^= low;
        }
      }
      if (k > start) acc += tab![zero[gi]!]! * qsum + tab![scl[gi]!]! * accG;
    } else {
      dequantizeRow(kept, t, start, ragged ? layout[t + 1]! : start + T, row);
      let k = 0;
      for (let p = 0; p < nb; p++) {
        const m = mask[mb + p]!;
        const cnt = POPCOUNT[m]!;
        const bp = m << 3;
        const qb = qOff + (p << 3);
        for (let i = 0; i < cnt; i++) acc += q[qb + BIT_POSITIONS[bp + i]!]! * row[k++]!;
      }
    }
    if (restoring) {
      let pr = 0;
      if (signs && signWords && words) {
        // 4 bytes per word load; D is a multiple of 32 here, so no partial last byte
        const wb = t * nw;
        for (let wi = 0; wi < nw; wi++) {
          const km = words[wb + wi]!;
          const ng = signWords[wb + wi]!;
          const ps = ~(km | ng);
          const base = wi << 10;
          pr +=
            lut[base | (ps & 0xff)]! - lut[base | (ng & 0xff)]! +
            lut[base | 256 | ((ps >>> 8) & 0xff)]! - lut[base | 256 | ((ng >>> 8) & 0xff)]! +
            lut[base | 512 | ((ps >>> 16) & 0xff)]! - lut[base | 512 | ((ng >>> 16) & 0xff)]! +
            lut[base | 768 | (ps >>> 24)]! - lut[base | 768 | (ng >>> 24)]!;
        }
      } else if (signs) {
        for (let p = 0; p < nb; p++) {
          const pruned = ~mask[mb + p]! & (p === nb - 1 ? last : 0xff);
          const neg = signs[mb + p]!;
          pr += lut[(p << 8) | (pruned & ~neg)]! - lut[(p << 8) | neg]!;
        }
      } else {
        for (let p = 0; p < nb; p++) pr += lut[(p << 8) | (~mask[mb + p]! & (p === nb - 1 ? last : 0xff))]!;
      }
      let f = constFactor;
      if (statF32) f = Math.sqrt(statF32[t]!);
      else if (statF16) {
        const h = statF16[t]!;
        f = Math.sqrt(FP16_POW[h >>> 10]! * ((h & 1023) + FP16_LEAD[h >>> 10]!));
      }
      acc += f * pr;
    }
    logits[o + t] = acc * scale;
  }
}

/**
 * `Σ_{c kept} q_c·(z_g + s_g·code_c)` for one token of int8 kept keys (fixed kept count), walking
 * the kept mask 32 bits at a time: per group `z·Σq + s·Σq·code`, so scale and zero are read once
 * per group and no value is dequantised. `[k0, k1)` are the token's codes, `gi` its first group.
 */
export function keptDotInt8(
  q: Float32Array,
  qOff: number,
  words: Uint32Array,
  wb: number,
  codes: Uint8Array,
  k0: number,
  k1: number,
  gs: number,
  gi: number,
  zero: Uint16Array,
  scale: Uint16Array,
): number {
  let acc = 0;
  let k = k0;
  let wi = wb;
  let m = k < k1 ? words[wi]! | 0 : 0;
  let qb = qOff;
  while (k < k1) {
    const ge = Math.min(k1, k + gs);
    let dot = 0;
    let qs = 0;
    while (k < ge) {
      while (m === 0) {
        m = words[++wi]! | 0;
        qb += 32;
      }
      const low = m & -m;
      const qc = q[qb + 31 - Math.clz32(low)]!;
      dot += qc * codes[k++]!;
      qs += qc;
      m ^= low;
    }
    const zb = zero[gi]!;
    const sb = scale[gi]!;
    acc += FP16_POW[zb >>> 10]! * ((zb & 1023) + FP16_LEAD[zb >>> 10]!) * qs + FP16_POW[sb >>> 10]! * ((sb & 1023) + FP16_LEAD[sb >>> 10]!) * dot;
    gi++;
  }
  return acc;
}

/**
 * `z·Σq + s·Σ q_c·code_c` over the kept channels of one token of int8 kept keys stored as **one
 * group per token** (group size ≥ kept count, or `'row'`): the fp32 kept-channel walk over 32-bit
 * mask words plus `Σq`, with scale and zero (fp16 bits `sb`, `zb`) decoded once and no
 * group-boundary test per value. `words[wb…wb+nw)` is the token's kept mask, `codes[k0…)` its codes.
 */
export function keptDotInt8Row(q: Float32Array, qOff: number, words: Uint32Array, wb: number, nw: number, codes: Uint8Array, k0: number, zb: number, sb: number): number {
  let dot = 0;
  let qs = 0;
  let k = k0;
  for (let wi = 0; wi < nw; wi++) {
    let m = words[wb + wi]!;
    const qb = qOff + (wi << 5);
    while (m !== 0) {
      const low = m & -m;
      const qc = q[qb + 31 - Math.clz32(low)]!;
      dot += qc * codes[k++]!;
      qs += qc;
      m ^= low;
    }
  }
  return FP16_POW[zb >>> 10]! * ((zb & 1023) + FP16_LEAD[zb >>> 10]!) * qs + FP16_POW[sb >>> 10]! * ((sb & 1023) + FP16_LEAD[sb >>> 10]!) * dot;
}
