import { fp16BitsToNumber, fp32ToFp16, numberToFp16Bits } from '@reasonkit/core';
import { KvSparseError } from '../errors/kv-sparse-error.js';

/** Storage type of kept keys and of values. */
export type KVDType = 'float32' | 'float16' | 'int8' | 'int4';

/**
 * Values stored row by row (one row per token): float32, fp16 bits, or int8/int4 codes with an
 * fp16 scale and zero point per group of `groupSize` elements of a row (per-token groups, spec
 * §9.3: kept keys are ragged per token, so KIVI-style per-channel groups do not fit).
 */
export interface QuantizedArray {
  dtype: KVDType;
  /** float32: values; float16: fp16 bits; int8: one code per byte; int4: two codes per byte (low nibble first). */
  data: Float32Array | Uint16Array | Uint8Array;
  /** Number of values. */
  length: number;
  /** Elements per group within a row (int8/int4). */
  groupSize?: number;
  /** Index of each row's first group, `[rows + 1]` (int8/int4 with ragged rows). */
  groupPtr?: Uint32Array;
  /** Groups per row (int8/int4 with fixed-length rows; row r's first group is `r·groupsPerRow`). */
  groupsPerRow?: number;
  /** fp16 scale per group (int8/int4). */
  scale?: Uint16Array;
  /** fp16 zero point (the group minimum) per group (int8/int4). */
  zero?: Uint16Array;
}

/** Options of {@link quantizeRows}. */
export interface QuantizeOptions {
  dtype: KVDType;
  /** Group size within a row for int8/int4; `'row'` = one group per row (default `'row'`: one fp16 scale + zero per token-head, spec §8; 32 is finer, KIVI-like). */
  groupSize?: number | 'row';
}

/** Row `r` spans `rowPtr[r] … rowPtr[r+1]`; `rowPtr` may be a fixed row length instead. */
export type RowLayout = Uint32Array | { rowLength: number; rows: number };

export function rowCountOf(layout: RowLayout): number {
  return layout instanceof Uint32Array ? layout.length - 1 : layout.rows;
}
export function rowStart(layout: RowLayout, r: number): number {
  return layout instanceof Uint32Array ? layout[r]! : r * layout.rowLength;
}
export function rowEnd(layout: RowLayout, r: number): number {
  return layout instanceof Uint32Array ? layout[r + 1]! : (r + 1) * layout.rowLength;
}

/**
 * Stores `x` (rows as given by `layout`) in `dtype`. int8/int4 are asymmetric: per group,
 * `zero = fp16(min)`, `scale = fp16((max − zero)/levels)` rounded up so the max is reachable,
 * `code = round((x − zero)/scale)`; the round-trip error is at most half a step (≤ range/510 for
 * int8, ≤ range/30 for int4, plus fp16 rounding of the zero point).
 */
export function quantizeRows(x: Float32Array, layout: RowLayout, options: QuantizeOptions): QuantizedArray {
  const { dtype } = options;
  if (dtype === 'float32') return { dtype, data: x.slice(), length: x.length };
  if (dtype === 'float16') return { dtype, data: fp32ToFp16(x), length: x.length };
  const bits = dtype === 'int8' ? 8 : 4;
  const levels = (1 << bits) - 1;
  const gs = options.groupSize ?? 'row';
  if (gs !== 'row' && !(Number.isInteger(gs) && gs > 0)) {
    throw new KvSparseError('config', `quantize: groupSize is ${gs}; expected a positive integer or 'row'`, { field: 'groupSize', actual: gs });
  }
  const rows = rowCountOf(layout);
  const groupPtr = new Uint32Array(rows + 1);
  for (let r = 0; r < rows; r++) {
    const len = rowEnd(layout, r) - rowStart(layout, r);
    groupPtr[r + 1] = groupPtr[r]! + (len === 0 ? 0 : gs === 'row' ? 1 : Math.ceil(len / gs));
  }
  const nGroups = groupPtr[rows]!;
  const scale = new Uint16Array(nGroups);
  const zero = new Uint16Array(nGroups);
  const data = new Uint8Array(bits === 8 ? x.length : Math.ceil(x.length / 2));
  for (let r = 0; r < rows; r++) {
    const s = rowStart(layout, r);
    const e = rowEnd(layout, r);
    const size = gs === 'row' ? Math.max(1, e - s) : gs;
    for (let g = groupPtr[r]!, a = s; a < e; g++, a += size) {
      const b = Math.min(e, a + size);
      let lo = Infinity;
      let hi = -Infinity;
      for (let i = a; i < b; i++) {
        const v = x[i]!;
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
      let zb = numberToFp16Bits(lo);
      let z = fp16BitsToNumber(zb);
      if (z > lo) {
        // fp16 rounded up past the minimum: step down one ulp towards -inf
        zb = lo < 0 ? zb + 1 : zb === 0 ? 0x8001 : zb - 1;
        z = fp16BitsToNumber(zb);
      }
      let sb = numberToFp16Bits((hi - z) / levels);
      while (fp16BitsToNumber(sb) * levels < hi - z && fp16BitsToNumber(sb) < 65504) sb++;
      const sc = fp16BitsToNumber(sb);
      scale[g] = sb;
      zero[g] = zb;
      for (let i = a; i < b; i++) {
        const code = sc > 0 ? Math.min(levels, Math.max(0, Math.round((x[i]! - z) / sc))) : 0;
        if (bits === 8) data[i] = code;
        else data[i >> 1] = data[i >> 1]! | ((i & 1) === 0 ? code : code << 4);
      }
    }
  }
  const groupSize = gs === 'row' ? 0 : gs;
  if (layout instanceof Uint32Array) return { dtype, data, length: x.length, groupSize, groupPtr, scale, zero };
  return { dtype, data, length: x.length, groupSize, groupsPerRow: rows > 0 ? groupPtr[1]! : 0, scale, zero };
}

/**
 * `FP16_POW[h >>> 10]`: sign and power of two of fp16 bits `h`, indexed by sign and exponent
 * (`±2^(e−25)`, `±2^−24` for subnormals, `±Infinity` for exponent 31). With {@link FP16_LEAD},
 * `FP16_POW[h >>> 10] · ((h & 1023) + FP16_LEAD[h >>> 10])` is the exact value of every finite
 * fp16 (a power of two times an integer below 2048): the kernels decode scales, zero points and
 * `a_t` this way instead of from the 256 KB {@link fp16Lookup} table, whose scattered reads miss
 * the cache. NaN bit patterns decode to ±Infinity.
 */
export const FP16_POW: Float64Array = /* @__PURE__ */ (() => {
  const t = new Float64Array(64);
  for (let i = 0; i < 64; i++) {
    const e = i & 31;
    const v = e === 31 ? Infinity : e === 0 ? 2 ** -24 : 2 ** (e - 25);
    t[i] = i & 32 ? -v : v;
  }
  return t;
})();

/** `FP16_LEAD[h >>> 10]`: the implicit leading 1024 of normal fp16 values (0 for subnormals); see {@link FP16_POW}. */
export const FP16_LEAD: Float64Array = /* @__PURE__ */ (() => {
  const t = new Float64Array(64);
  for (let i = 0; i < 64; i++) t[i] = (i & 31) === 0 ? 0 : 1024;
  return t;
})();

let fp16Table: Float32Array | undefined;
/** fp16 bits → float32 lookup table (256 KB, built on first use), for the kernels. */
export function fp16Lookup(): Float32Array {
  if (!fp16Table) {
    fp16Table = new Float32Array(65536);
    for (let b = 0; b < 65536; b++) fp16Table[b] = fp16BitsToNumber(b);
  }
  return fp16Table;
}

/** Writes row `r` (elements `start…end` of the array) as float32 into `out` from `outOffset`. */
export function dequantizeRow(qa: QuantizedArray, r: number, start: number, end: number, out: Float32Array, outOffset = 0): void {
  const { data } = qa;
  switch (qa.dtype) {
    case 'float32':
      for (let i = start; i < end; i++) out[outOffset + i - start] = data[i]!;
      return;
    case 'float16': {
      const tab = fp16Lookup();
      for (let i = start; i < end; i++) out[outOffset + i - start] = tab[data[i]!]!;
      return;
    }
    default: {
      const tab = fp16Lookup();
      const gs = qa.groupSize || end - start;
      const int4 = qa.dtype === 'int4';
      let g = qa.groupPtr ? qa.groupPtr[r]! : r * qa.groupsPerRow!;
      for (let a = start; a < end; a += gs, g++) {
        const sc = tab[qa.scale![g]!]!;
        const z = tab[qa.zero![g]!]!;
        const b = Math.min(end, a + gs);
        for (let i = a; i < b; i++) {
          const code = int4 ? ((data[i >> 1]! >> ((i & 1) << 2)) & 15) : data[i]!;
          out[outOffset + i - start] = z + code * sc;
        }
      }
    }
  }
}

/** All values as float32. */
export function dequantize(qa: QuantizedArray, layout: RowLayout): Float32Array {
  const out = new Float32Array(qa.length);
  const rows = rowCountOf(layout);
  for (let r = 0; r < rows; r++) {
    const s = rowStart(layout, r);
    dequantizeRow(qa, r, s, rowEnd(layout, r), out, s);
  }
  return out;
}

/** Sum of `byteLength` of every array of `qa`. */
export function quantizedBytes(qa: QuantizedArray): number {
  return qa.data.byteLength + (qa.groupPtr?.byteLength ?? 0) + (qa.scale?.byteLength ?? 0) + (qa.zero?.byteLength ?? 0);
}
