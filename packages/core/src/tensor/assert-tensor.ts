import { ReasonkitError } from '../errors/reasonkit-error.js';
import type { DType, Tensor } from './tensor.js';

function formatDims(dims: readonly (number | null)[]): string {
  return `[${dims.map((d) => (d === null ? '?' : String(d))).join(', ')}]`;
}

/**
 * Checks a tensor's shape against `expected`, where `null` matches any size. Throws
 * `SHAPE_MISMATCH` naming the tensor, e.g. `past_key_values.0.key: expected dims [1, 4, ?, 8] but
 * got [1, 2, 5, 8]`. Returns the tensor for chaining.
 */
export function assertDims<T extends Tensor>(t: T, expected: readonly (number | null)[], name = 'tensor'): T {
  const ok = t.dims.length === expected.length && expected.every((d, i) => d === null || d === t.dims[i]);
  if (!ok) {
    throw new ReasonkitError(
      'SHAPE_MISMATCH',
      `${name}: expected dims ${formatDims(expected)} but got ${formatDims(t.dims)}`,
      { tensor: name, expected: formatDims(expected), actual: formatDims(t.dims) },
    );
  }
  return t;
}

/**
 * Checks a tensor's dtype is one of `expected`. Throws `DTYPE_MISMATCH` naming the tensor. Narrows
 * the tensor's type.
 */
export function assertDtype<D extends DType>(t: Tensor, expected: D | readonly D[], name = 'tensor'): Tensor<D> {
  const list: readonly DType[] = typeof expected === 'string' ? [expected] : expected;
  if (!list.includes(t.dtype)) {
    throw new ReasonkitError('DTYPE_MISMATCH', `${name}: expected dtype ${list.join(' | ')} but got ${t.dtype}`, {
      tensor: name,
      expected: list.join(' | '),
      actual: t.dtype,
    });
  }
  return t as Tensor<D>;
}
