import { ReasonkitError } from '../../errors/reasonkit-error.js';

/** @internal SHAPE_MISMATCH for a size that must equal another, naming the tensor. */
export function sizeMismatch(what: string, expected: number, actual: number, name: string): ReasonkitError {
  return new ReasonkitError('SHAPE_MISMATCH', `${name}: ${what} is ${actual} but must be ${expected}`, {
    tensor: name,
    expected,
    actual,
  });
}

/** @internal SHAPE_MISMATCH unless `dims` has the given rank. */
export function assertRank(dims: readonly number[], rank: number, name: string): void {
  if (dims.length !== rank) {
    throw new ReasonkitError('SHAPE_MISMATCH', `${name}: expected rank ${rank} but got dims [${dims.join(', ')}]`, {
      tensor: name,
      expected: rank,
      actual: dims,
    });
  }
}
