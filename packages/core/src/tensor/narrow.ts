import { ReasonkitError } from '../errors/reasonkit-error.js';
import { normalizeAxis, splitAtAxis } from './axis.js';
import { tensor } from './create-tensor.js';
import type { DataTypeMap, DType, Tensor } from './tensor.js';
import { allocateData } from './typed-array.js';

/**
 * Takes `length` entries starting at `start` along `axis`. When the selected block is contiguous
 * (every dim before `axis` is 1, e.g. axis 0, or one position of `[1, seq, vocab]` logits) the
 * result is a cheap view sharing `data` (`subarray`); otherwise the block is copied.
 */
export function narrow<D extends DType>(
  t: Tensor<D>,
  axis: number,
  start: number,
  length: number,
  name = 'tensor',
): Tensor<D> {
  const a = normalizeAxis(axis, t.dims.length, name);
  const { outer, size, inner } = splitAtAxis(t.dims, a);
  if (!Number.isInteger(start) || !Number.isInteger(length) || start < 0 || length < 0 || start + length > size) {
    throw new ReasonkitError(
      'INVALID_ARGUMENT',
      `${name}: range [${start}, ${start + length}) is out of bounds for axis ${a} of size ${size}`,
      { tensor: name, field: `dims.${a}`, expected: `0 <= start <= start + length <= ${size}`, actual: { start, length } },
    );
  }
  const dims = [...t.dims];
  dims[a] = length;
  if (start === 0 && length === size) return tensor(t.dtype, t.data, dims, name);
  const src = t.data as DataTypeMap[DType];
  if (outer === 1) {
    const view = src.subarray(start * inner, (start + length) * inner) as DataTypeMap[D];
    return tensor(t.dtype, view, dims, name);
  }
  const out = allocateData(t.dtype, outer * length * inner) as DataTypeMap[DType];
  const block = length * inner;
  for (let o = 0; o < outer; o++) {
    const from = (o * size + start) * inner;
    // Same-type typed arrays: the union's `set` accepts its own kind (cast for the checker).
    (out as Float32Array).set((src as Float32Array).subarray(from, from + block), o * block);
  }
  return tensor(t.dtype, out as DataTypeMap[D], dims, name);
}

/**
 * Python-style slice `[start, end)` along `axis` (negative `start`/`end` count from the end; `end`
 * defaults to the axis size). View or copy as {@link narrow}.
 */
export function slice<D extends DType>(
  t: Tensor<D>,
  axis: number,
  start: number,
  end?: number,
  name = 'tensor',
): Tensor<D> {
  const a = normalizeAxis(axis, t.dims.length, name);
  const size = t.dims[a]!;
  const s = start < 0 ? start + size : start;
  const e = end === undefined ? size : end < 0 ? end + size : end;
  if (s < 0 || e > size || e < s) {
    throw new ReasonkitError(
      'INVALID_ARGUMENT',
      `${name}: slice [${start}, ${end ?? size}) is out of bounds for axis ${a} of size ${size}`,
      { tensor: name, field: `dims.${a}`, actual: { start, end } },
    );
  }
  return narrow(t, a, s, e - s, name);
}
