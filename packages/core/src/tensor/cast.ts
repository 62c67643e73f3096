import { ReasonkitError } from '../errors/reasonkit-error.js';
import { tensor } from './create-tensor.js';
import { fp16ToFp32, fp32ToFp16 } from './fp16.js';
import type { DataTypeMap, DType, Tensor } from './tensor.js';
import { allocateData } from './typed-array.js';

const INT_RANGE: Partial<Record<DType, [number, number]>> = {
  int8: [-128, 127],
  uint8: [0, 255],
  int32: [-2147483648, 2147483647],
};

/** Source values as float32 (float16 decoded, int64 via Number, which may round beyond 2^24). */
function asFloat32(t: Tensor): Float32Array {
  switch (t.dtype) {
    case 'float32':
      return t.data as Float32Array;
    case 'float16':
      return fp16ToFp32(t.data as Uint16Array);
    case 'int64': {
      const src = t.data as BigInt64Array;
      const out = new Float32Array(src.length);
      for (let i = 0; i < src.length; i++) out[i] = Number(src[i]!);
      return out;
    }
    default:
      return Float32Array.from(t.data as Int32Array);
  }
}

function notRepresentable(name: string, to: DType, index: number, value: unknown): ReasonkitError {
  return new ReasonkitError(
    'DTYPE_MISMATCH',
    `${name}: element ${index} (${String(value)}) is not exactly representable as ${to}`,
    { tensor: name, record: index, expected: to, actual: String(value) },
  );
}

/**
 * Converts a tensor to another dtype; the same dtype returns the input unchanged (no copy).
 *
 * - to `float32`: exact from float16/int8/uint8/bool/int32, rounds int64 and int32 beyond 2^24;
 * - to `float16`: via float32, rounding half to even ({@link fp32ToFp16});
 * - to `bool`: nonzero (and NaN) → 1, zero → 0;
 * - to integer dtypes: the value must be an integer in range, otherwise `DTYPE_MISMATCH` naming
 *   the tensor and element index (no silent truncation or wrap-around).
 */
export function cast<To extends DType>(t: Tensor, to: To, name = 'tensor'): Tensor<To> {
  if (t.dtype === to) return t as Tensor<To>;
  const n = t.data.length;
  if (to === 'float32') return tensor(to, asFloat32(t) as DataTypeMap[To], t.dims, name);
  if (to === 'float16') {
    const f = asFloat32(t);
    return tensor(to, fp32ToFp16(f) as DataTypeMap[To], t.dims, name);
  }
  if (to === 'bool') {
    const out = new Uint8Array(n);
    if (t.dtype === 'int64') {
      const src = t.data as BigInt64Array;
      for (let i = 0; i < n; i++) out[i] = src[i] !== 0n ? 1 : 0;
    } else {
      const src = t.dtype === 'float16' ? asFloat32(t) : (t.data as Float32Array);
      for (let i = 0; i < n; i++) out[i] = src[i] !== 0 ? 1 : 0;
    }
    return tensor(to, out as DataTypeMap[To], t.dims, name);
  }
  if (to === 'int64') {
    const out = new BigInt64Array(n);
    const src = t.dtype === 'float16' ? asFloat32(t) : (t.data as Float32Array);
    for (let i = 0; i < n; i++) {
      const v = src[i]!;
      if (!Number.isInteger(v) || v >= 2 ** 63 || v < -(2 ** 63)) throw notRepresentable(name, to, i, v);
      out[i] = BigInt(v);
    }
    return tensor(to, out as DataTypeMap[To], t.dims, name);
  }
  const [lo, hi] = INT_RANGE[to]!;
  const out = allocateData(to, n) as Int32Array;
  if (t.dtype === 'int64') {
    const src = t.data as BigInt64Array;
    for (let i = 0; i < n; i++) {
      const v = src[i]!;
      if (v < BigInt(lo) || v > BigInt(hi)) throw notRepresentable(name, to, i, v);
      out[i] = Number(v);
    }
  } else {
    const src = t.dtype === 'float16' ? asFloat32(t) : (t.data as Float32Array);
    for (let i = 0; i < n; i++) {
      const v = src[i]!;
      if (!Number.isInteger(v) || v < lo || v > hi) throw notRepresentable(name, to, i, v);
      out[i] = v;
    }
  }
  return tensor(to, out as unknown as DataTypeMap[To], t.dims, name);
}

/**
 * The tensor as float32: returned as is when already float32, otherwise converted ({@link cast}).
 */
export function toFloat32(t: Tensor, name = 'tensor'): Tensor<'float32'> {
  return cast(t, 'float32', name);
}
