import { ReasonkitError } from '../errors/reasonkit-error.js';

/**
 * Resolves a possibly negative axis (`-1` = last) against a rank, throwing `INVALID_ARGUMENT`
 * naming the tensor when it is out of range.
 */
export function normalizeAxis(axis: number, rank: number, name = 'tensor'): number {
  const a = axis < 0 ? axis + rank : axis;
  if (!Number.isInteger(axis) || a < 0 || a >= rank) {
    throw new ReasonkitError('INVALID_ARGUMENT', `${name}: axis ${axis} is out of range for rank ${rank}`, {
      tensor: name,
      field: 'axis',
      expected: `integer in [${-rank}, ${rank - 1}]`,
      actual: axis,
    });
  }
  return a;
}

/**
 * Splits a shape around `axis` into `outer` (product of dims before), `size` (the axis) and
 * `inner` (product of dims after), the three loop bounds of any along-axis kernel.
 */
export function splitAtAxis(dims: readonly number[], axis: number): { outer: number; size: number; inner: number } {
  let outer = 1;
  let inner = 1;
  for (let i = 0; i < axis; i++) outer *= dims[i]!;
  for (let i = axis + 1; i < dims.length; i++) inner *= dims[i]!;
  return { outer, size: dims[axis]!, inner };
}
