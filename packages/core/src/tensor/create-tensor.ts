import { ReasonkitError } from '../errors/reasonkit-error.js';
import type { DataTypeMap, DType, Tensor } from './tensor.js';

/** Number of elements of a shape. */
export function sizeOf(dims: readonly number[]): number {
  let n = 1;
  for (const d of dims) n *= d;
  return n;
}

/**
 * Creates a tensor, checking that every dim is a non-negative integer and that the data length
 * equals the product of dims. `name` is used in error messages.
 */
export function tensor<D extends DType>(
  dtype: D,
  data: DataTypeMap[D],
  dims: readonly number[],
  name = 'tensor',
): Tensor<D> {
  for (const [i, d] of dims.entries()) {
    if (!Number.isInteger(d) || d < 0) {
      throw new ReasonkitError('SHAPE_MISMATCH', `${name}: dim ${i} is ${d}; dims must be non-negative integers`, {
        tensor: name,
        field: `dims.${i}`,
        actual: d,
      });
    }
  }
  const expected = sizeOf(dims);
  if (data.length !== expected) {
    throw new ReasonkitError(
      'SHAPE_MISMATCH',
      `${name}: shape [${dims.join(', ')}] needs ${expected} elements but data has ${data.length}`,
      { tensor: name, expected, actual: data.length },
    );
  }
  return { dtype, data, dims: Object.freeze([...dims]) };
}
