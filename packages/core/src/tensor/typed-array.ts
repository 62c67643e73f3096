import type { DataTypeMap, DType, Tensor } from './tensor.js';
import { sizeOf, tensor } from './create-tensor.js';

/** Allocates a zero-filled data array of `length` elements for `dtype`. */
export function allocateData<D extends DType>(dtype: D, length: number): DataTypeMap[D] {
  switch (dtype) {
    case 'float32':
      return new Float32Array(length) as DataTypeMap[D];
    case 'float16':
      return new Uint16Array(length) as DataTypeMap[D];
    case 'int8':
      return new Int8Array(length) as DataTypeMap[D];
    case 'uint8':
    case 'bool':
      return new Uint8Array(length) as DataTypeMap[D];
    case 'int32':
      return new Int32Array(length) as DataTypeMap[D];
    case 'int64':
      return new BigInt64Array(length) as DataTypeMap[D];
    default:
      throw new Error(`unreachable dtype ${String(dtype)}`);
  }
}

/** A zero-filled tensor (float16 zeros are the all-zero bit pattern, +0). */
export function zeros<D extends DType>(dtype: D, dims: readonly number[], name = 'zeros'): Tensor<D> {
  for (const d of dims) if (!Number.isInteger(d) || d < 0) return tensor(dtype, allocateData(dtype, 0), dims, name);
  return tensor(dtype, allocateData(dtype, sizeOf(dims)), dims, name);
}
