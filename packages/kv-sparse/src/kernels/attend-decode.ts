import type { SparseKVLayer } from '../cache/sparse-kv-layer.js';
import { compressedLength, tailLength } from '../cache/sparse-kv-layer.js';
import { KvSparseError } from '../errors/kv-sparse-error.js';
import { type QuantizedArray, dequantizeRow, fp16Lookup } from '../quant/quantized-array.js';
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

/** `out += Σ_t p_t·v_t` for int8 rows of D with fixed groups: `p·(z + s·code) = (p·s)·code + p·z`, no dequantised copy. */
function accumulateInt8(p: Float32Array, vals: QuantizedArray, S: number, D: number, out: Float32Array, oOff: number): void {
  const tab = fp16Lookup();
  const codes = vals.data as Uint8Array;
  const gpr = vals.groupsPerRow!;
  const gs = vals.groupSize || D;
  for (let t = 0; t < S; t++) {
    const w = p[t]!;
    for (let g = 0; g < gpr; g++) {
      const gi = t * gpr + g;
      const a = w * tab[vals.scale![gi]!]!;
      const b = w * tab[vals.zero![gi]!]!;
      const d0 = g * gs;
      const d1 = Math.min(D, d0 + gs);
      const base = t * D;
      for (let d = d0; d < d1; d++) out[oOff + d] = out[oOff + d]! + a * codes[base + d]! + b;
    }
  }
}
