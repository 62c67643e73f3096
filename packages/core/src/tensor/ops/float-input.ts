import { ReasonkitError } from '../../errors/reasonkit-error.js';
import { fp16ToFp32 } from '../fp16.js';
import type { Tensor } from '../tensor.js';

/** A float tensor ops accept; float16 inputs are converted to float32 first. */
export type FloatTensor = Tensor<'float32'> | Tensor<'float16'>;

/** What the ops accept: a plain Float32Array (treated as one row) or a float tensor. */
export type FloatInput = Float32Array | FloatTensor;

/** @internal float32 data and dims of an op input, checking the dtype. No copy for float32. */
export function floatData(x: FloatInput, name: string): { data: Float32Array; dims: readonly number[] } {
  if (x instanceof Float32Array) return { data: x, dims: [x.length] };
  if (x.dtype === 'float32') return { data: x.data, dims: x.dims };
  if (x.dtype === 'float16') return { data: fp16ToFp32(x.data), dims: x.dims };
  const dtype: string = (x as Tensor).dtype;
  throw new ReasonkitError('DTYPE_MISMATCH', `${name}: expected dtype float32 | float16 but got ${dtype}`, {
    tensor: name,
    expected: 'float32 | float16',
    actual: dtype,
  });
}

/**
 * @internal float32 data of an input that must be a single row (a Float32Array, or a tensor whose
 * dims other than the last are all 1, e.g. `[1, 1, vocab]`).
 */
export function singleRow(x: FloatInput, name: string): Float32Array {
  const { data, dims } = floatData(x, name);
  const last = dims.length === 0 ? 1 : dims[dims.length - 1]!;
  if (data.length !== last) {
    throw new ReasonkitError(
      'SHAPE_MISMATCH',
      `${name}: expected a single row (dims [..1, n]) but got [${dims.join(', ')}]; take one with rowView()`,
      { tensor: name, expected: '[1, ..., 1, n]', actual: `[${dims.join(', ')}]` },
    );
  }
  return data;
}

/** Number of rows along the last axis: the product of all dims but the last (1 for rank <= 1). */
export function rowCount(t: FloatTensor): number {
  let n = 1;
  for (let i = 0; i < t.dims.length - 1; i++) n *= t.dims[i]!;
  return n;
}

/**
 * Row `index` of a tensor along its last axis (negative counts from the end, so `-1` is the last
 * position of `[1, seq, vocab]` logits). A float32 tensor yields a view sharing its data; a float16
 * one a converted copy.
 */
export function rowView(t: FloatTensor, index: number, name = 'tensor'): Float32Array {
  const rows = rowCount(t);
  const i = index < 0 ? index + rows : index;
  if (!Number.isInteger(index) || i < 0 || i >= rows) {
    throw new ReasonkitError('INVALID_ARGUMENT', `${name}: row ${index} is out of range for ${rows} rows`, {
      tensor: name,
      field: 'index',
      expected: `integer in [${-rows}, ${rows - 1}]`,
      actual: index,
    });
  }
  const n = t.dims.length === 0 ? 1 : t.dims[t.dims.length - 1]!;
  if (t.dtype === 'float16') return fp16ToFp32(t.data.subarray(i * n, (i + 1) * n));
  return floatData(t, name).data.subarray(i * n, (i + 1) * n);
}
