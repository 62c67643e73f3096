import { ReasonkitError } from '@reasonkit/core';

/**
 * Uniform frame indices exactly as `numpy.linspace(0, N - 1, k, dtype=int)` computes them
 * (reference: `utils/video_utils.py`): the step `(N - 1) / (k - 1)` is computed once in float64,
 * multiplied by `j` (not accumulated), floored (numpy >= 1.20 floors for integer dtypes), and
 * the last index is `N - 1` exactly. Duplicates are kept when `N < k`.
 *
 * @throws ReasonkitError `INVALID_ARGUMENT` when `frameCount < 1` or `k < 1` or either is not an integer.
 */
export function uniformIndices(frameCount: number, k: number): number[] {
  if (!Number.isInteger(frameCount) || frameCount < 1) {
    throw new ReasonkitError('INVALID_ARGUMENT', `uniformIndices: frameCount must be an integer >= 1, got ${frameCount}`, {
      field: 'frameCount',
      actual: frameCount,
    });
  }
  if (!Number.isInteger(k) || k < 1) {
    throw new ReasonkitError('INVALID_ARGUMENT', `uniformIndices: k must be an integer >= 1, got ${k}`, {
      field: 'k',
      actual: k,
    });
  }
  if (k === 1) return [0];
  const stop = frameCount - 1;
  const step = stop / (k - 1);
  const out = new Array<number>(k);
  for (let j = 0; j < k - 1; j++) out[j] = Math.floor(j * step);
  out[k - 1] = stop;
  return out;
}
