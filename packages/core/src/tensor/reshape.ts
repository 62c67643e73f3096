import { ReasonkitError } from '../errors/reasonkit-error.js';
import { normalizeAxis } from './axis.js';
import { sizeOf, tensor } from './create-tensor.js';
import type { DType, Tensor } from './tensor.js';

/**
 * Returns a view with new dims over the same data (no copy). One dim may be `-1`, inferred from
 * the element count. Throws `SHAPE_MISMATCH` naming the tensor when the sizes disagree.
 */
export function reshape<D extends DType>(t: Tensor<D>, dims: readonly number[], name = 'tensor'): Tensor<D> {
  const inferred = dims.reduce((n, d, i) => (d === -1 ? [...n, i] : n), [] as number[]);
  if (inferred.length > 1) {
    throw new ReasonkitError('INVALID_ARGUMENT', `${name}: reshape to [${dims.join(', ')}] has more than one -1`, {
      tensor: name,
      field: 'dims',
      actual: dims,
    });
  }
  let target = dims;
  if (inferred.length === 1) {
    const known = sizeOf(dims.filter((d) => d !== -1));
    const n = t.data.length;
    if (known === 0 || n % known !== 0) {
      throw new ReasonkitError(
        'SHAPE_MISMATCH',
        `${name}: cannot reshape [${t.dims.join(', ')}] (${n} elements) to [${dims.join(', ')}]`,
        { tensor: name, expected: dims, actual: t.dims },
      );
    }
    target = dims.map((d) => (d === -1 ? n / known : d));
  }
  if (sizeOf(target) !== t.data.length) {
    throw new ReasonkitError(
      'SHAPE_MISMATCH',
      `${name}: cannot reshape [${t.dims.join(', ')}] (${t.data.length} elements) to [${target.join(', ')}]`,
      { tensor: name, expected: target, actual: t.dims },
    );
  }
  return tensor(t.dtype, t.data, target, name);
}

/**
 * Removes size-1 axes (all of them, or only `axis`, which must have size 1). View, no copy.
 */
export function squeeze<D extends DType>(t: Tensor<D>, axis?: number, name = 'tensor'): Tensor<D> {
  if (axis === undefined) return tensor(t.dtype, t.data, t.dims.filter((d) => d !== 1), name);
  const a = normalizeAxis(axis, t.dims.length, name);
  if (t.dims[a] !== 1) {
    throw new ReasonkitError('SHAPE_MISMATCH', `${name}: cannot squeeze axis ${axis} of size ${t.dims[a]}`, {
      tensor: name,
      field: `dims.${a}`,
      expected: 1,
      actual: t.dims[a],
    });
  }
  return tensor(t.dtype, t.data, t.dims.filter((_, i) => i !== a), name);
}

/**
 * Inserts a size-1 axis at `axis` (in `[-(rank+1), rank]`; `-1` appends). View, no copy.
 */
export function unsqueeze<D extends DType>(t: Tensor<D>, axis: number, name = 'tensor'): Tensor<D> {
  const a = normalizeAxis(axis, t.dims.length + 1, name);
  const dims = [...t.dims];
  dims.splice(a, 0, 1);
  return tensor(t.dtype, t.data, dims, name);
}
