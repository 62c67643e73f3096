import { ReasonkitError } from '../errors/reasonkit-error.js';
import { normalizeAxis, splitAtAxis } from './axis.js';
import { tensor } from './create-tensor.js';
import type { DataTypeMap, DType, Tensor } from './tensor.js';
import { allocateData } from './typed-array.js';

/**
 * Concatenates tensors of one dtype along `axis`; all other dims must agree. Always returns fresh
 * data (a single input is returned as is). Errors name `name[i]` for the offending input.
 */
export function concat<D extends DType>(tensors: readonly Tensor<D>[], axis: number, name = 'tensors'): Tensor<D> {
  const first = tensors[0];
  if (first === undefined) {
    throw new ReasonkitError('INVALID_ARGUMENT', `${name}: concat needs at least one tensor`, { tensor: name });
  }
  const rank = first.dims.length;
  const a = normalizeAxis(axis, rank, `${name}[0]`);
  let total = 0;
  for (const [i, t] of tensors.entries()) {
    if (t.dtype !== first.dtype) {
      throw new ReasonkitError('DTYPE_MISMATCH', `${name}[${i}]: dtype ${t.dtype} differs from ${name}[0] (${first.dtype})`, {
        tensor: `${name}[${i}]`,
        expected: first.dtype,
        actual: t.dtype,
      });
    }
    const ok = t.dims.length === rank && t.dims.every((d, j) => j === a || d === first.dims[j]);
    if (!ok) {
      throw new ReasonkitError(
        'SHAPE_MISMATCH',
        `${name}[${i}]: dims [${t.dims.join(', ')}] do not match [${first.dims.join(', ')}] outside axis ${a}`,
        { tensor: `${name}[${i}]`, expected: first.dims, actual: t.dims },
      );
    }
    total += t.dims[a]!;
  }
  if (tensors.length === 1) return first;
  const { outer, inner } = splitAtAxis(first.dims, a);
  const dims = [...first.dims];
  dims[a] = total;
  const out = allocateData(first.dtype, outer * total * inner) as DataTypeMap[DType] as Float32Array;
  let offset = 0;
  for (let o = 0; o < outer; o++) {
    for (const t of tensors) {
      const block = t.dims[a]! * inner;
      const src = t.data as DataTypeMap[DType] as Float32Array; // same kind as out (checker cast)
      out.set(src.subarray(o * block, (o + 1) * block), offset);
      offset += block;
    }
  }
  return tensor(first.dtype, out as DataTypeMap[DType] as DataTypeMap[D], dims, name);
}
