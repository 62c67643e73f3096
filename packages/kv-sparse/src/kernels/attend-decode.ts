import type { SparseKVLayer } from '../cache/sparse-kv-layer.js';
import { compressedLength, tailLength } from '../cache/sparse-kv-layer.js';
import { KvSparseError } from '../errors/kv-sparse-error.js';
import { FP16_LEAD, FP16_POW, type QuantizedArray, dequantizeRow } from '../quant/quantized-array.js';
import { accumulateValues, denseLogits, softmaxInPlace } from './dense-kernels.js';
import { type SparseScratch, createSparseScratch, sparseLogits } from './sparse-logits.js';

/** Options of {@link attendDecode}. */
export interface AttendDecodeOptions {
  /** Score scale; default `1/sqrt(D)`. */
  scale?: number;
  /** Query heads (default: `q.length / D`). */
  qHeads?: number;
  /**
   * Extra dense keys/values after the cache (the forward's new tokens), `[kvHeads, n, D]`; only the
   * first `limit` rows are attended (causal mask of a multi-token forward).
   */
  extra?: { keys: Float32Array; values: Float32Array; n: number; limit: number };
  /** Attention weights `[qHeads, total]` written here when given. */
  weights?: Float32Array;
  /** Reusable buffers (one per head dim). */
  scratch?: SparseScratch;
}

/**
 * One decode step over a compressed layer (spec §9.4 `attendDecode`, mode b): for every query head,
 * logits over the compressed tokens (lookup-table restoration, no materialised keys), then the
 * dense tail and `extra`, one softmax, and values accumulated (dequantised row by row when stored
 * as fp16/int8/int4). `q` is `[qHeads, D]`; returns `out` `[qHeads, D]`.
 */
export function attendDecode(q: Float32Array, layer: SparseKVLayer, out?: Float32Array, options: AttendDecodeOptions = {}): Float32Array {
  const kvH = layer.heads.length;
  const D = layer.heads[0]!.headDim;
  const H = options.qHeads ?? q.length / D;
  if (!Number.isInteger(H) || H * D !== q.length || H % kvH !== 0) {
    throw new KvSparseError('geometry', `attendDecode: q has ${q.length} values; expected qHeads·D with qHeads a multiple of kvHeads = ${kvH} (D = ${D})`, {
      field: 'q',
      actual: q.length,
      expected: `k·${kvH}·${D}`,
    });
  }
  const G = H / kvH;
  const scale = options.scale ?? 1 / Math.sqrt(D);
  const S = compressedLength(layer);
  const tl = tailLength(layer);
  const ex = options.extra;
  const total = S + tl + (ex ? ex.limit : 0);
  const result = out ?? new Float32Array(H * D);
  result.fill(0);
  const logits = new Float32Array(total);
  const scratch = options.scratch ?? createSparseScratch(D);
  const row = new Float32Array(D);
  for (let h = 0; h < H; h++) {
    const g = Math.floor(h / G);
    const head = layer.heads[g]!;
    sparseLogits(q, h * D, head, scale, logits, 0, scratch);
    let o = S;
    for (const chunk of layer.tail) {
      denseLogits(q, h * D, chunk.keys, g * chunk.length * D, chunk.length, D, scale, logits, o);
      o += chunk.length;
    }
    if (ex) denseLogits(q, h * D, ex.keys, g * ex.n * D, ex.limit, D, scale, logits, o);
    softmaxInPlace(logits, total);
    if (options.weights) options.weights.set(logits, h * total);
    const vals = layer.values[g]!;
    if (vals.dtype === 'float32') accumulateValues(logits, 0, vals.data as Float32Array, 0, S, D, result, h * D);
    else if (vals.dtype === 'int8' && vals.groupsPerRow) accumulateInt8(logits, vals, S, D, result, h * D);
    else {
      for (let t = 0; t < S; t++) {
        dequantizeRow(vals, t, t * D, t * D + D, row);
        accumulateValues(logits, t, row, 0, 1, D, result, h * D);
      }
    }
    o = S;
    for (const chunk of layer.tail) {
      accumulateValues(logits, o, chunk.values, g * chunk.length * D, chunk.length, D, result, h * D);
      o += chunk.length;
    }
    if (ex) accumulateValues(logits, o, ex.values, g * ex.n * D, ex.limit, D, result, h * D);
  }
  return result;
}

const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * `out += Σ_t p_t·v_t` for int8 rows of D with fixed groups, without a dequantised copy:
 * `p·(z + s·code) = (p·s)·code + p·z`. The zero-point term is summed per group over all tokens
 * (`Σ_t p_t·z_{t,g}`, float64) and added once at the end, so the inner loop is one multiply-add
 * per code. Like the fp32 kernel, two tokens per pass; codes are read four per `Uint32Array` load
 * when the layout allows (little-endian, aligned, D and the group size multiples of 4).
 */
export function accumulateInt8(p: Float32Array, vals: QuantizedArray, S: number, D: number, out: Float32Array, oOff: number, zacc = new Float64Array(vals.groupsPerRow!)): void {
  const codes = vals.data as Uint8Array;
  const gpr = vals.groupsPerRow!;
  const gs = vals.groupSize || D;
  const scl = vals.scale!;
  const zer = vals.zero!;
  zacc.fill(0, 0, gpr);
  const packed = littleEndian && codes.byteOffset % 4 === 0 && D % 4 === 0 && gs % 4 === 0;
  let t = 0;
  if (packed) {
    const words = new Uint32Array(codes.buffer, codes.byteOffset, codes.byteLength >> 2);
    const nw = D >> 2;
    for (; t + 1 < S; t += 2) {
      const w0 = p[t]!;
      const w1 = p[t + 1]!;
      const b0 = t * nw;
      const b1 = b0 + nw;
      let gi = t * gpr;
      let gj = gi + gpr;
      for (let g = 0; g < gpr; g++, gi++, gj++) {
        const s0 = scl[gi]!;
        const s1 = scl[gj]!;
        const z0 = zer[gi]!;
        const z1 = zer[gj]!;
        const a0 = w0 * FP16_POW[s0 >>> 10]! * ((s0 & 1023) + FP16_LEAD[s0 >>> 10]!);
        const a1 = w1 * FP16_POW[s1 >>> 10]! * ((s1 & 1023) + FP16_LEAD[s1 >>> 10]!);
        zacc[g] = zacc[g]! + w0 * FP16_POW[z0 >>> 10]! * ((z0 & 1023) + FP16_LEAD[z0 >>> 10]!) + w1 * FP16_POW[z1 >>> 10]! * ((z1 & 1023) + FP16_LEAD[z1 >>> 10]!);
        const d0 = g * gs;
        const d1 = Math.min(D, d0 + gs);
        for (let d = d0; d < d1; d += 4) {
          const o = oOff + d;
          const x = words[b0 + (d >> 2)]!;
          const y = words[b1 + (d >> 2)]!;
          out[o] = out[o]! + a0 * (x & 255) + a1 * (y & 255);
          out[o + 1] = out[o + 1]! + a0 * ((x >>> 8) & 255) + a1 * ((y >>> 8) & 255);
          out[o + 2] = out[o + 2]! + a0 * ((x >>> 16) & 255) + a1 * ((y >>> 16) & 255);
          out[o + 3] = out[o + 3]! + a0 * (x >>> 24) + a1 * (y >>> 24);
        }
      }
    }
  }
  for (; t < S; t++) {
    const w = p[t]!;
    const base = t * D;
    for (let g = 0, gi = t * gpr; g < gpr; g++, gi++) {
      const sb = scl[gi]!;
      const zb = zer[gi]!;
      const a = w * FP16_POW[sb >>> 10]! * ((sb & 1023) + FP16_LEAD[sb >>> 10]!);
      zacc[g] = zacc[g]! + w * FP16_POW[zb >>> 10]! * ((zb & 1023) + FP16_LEAD[zb >>> 10]!);
      const d1 = Math.min(D, g * gs + gs);
      for (let d = g * gs; d < d1; d++) out[oOff + d] = out[oOff + d]! + a * codes[base + d]!;
    }
  }
  for (let g = 0; g < gpr; g++) {
    const z = zacc[g]!;
    const d1 = Math.min(D, (g + 1) * gs);
    for (let d = g * gs; d < d1; d++) out[oOff + d] = out[oOff + d]! + z;
  }
}
