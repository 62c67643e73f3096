import { singleRow, type FloatInput } from './float-input.js';

/**
 * Index of the largest value of one row (a Float32Array or a tensor whose dims other than the last
 * are 1). Ties go to the lowest index, as llama2.c's `sample_argmax`; NaN never wins (an all-NaN
 * row gives 0). Returns -1 for an empty row.
 */
export function argmax(x: FloatInput, name = 'argmax'): number {
  const data = singleRow(x, name);
  if (data.length === 0) return -1;
  let best = 0;
  let bestV = data[0]!;
  for (let i = 1; i < data.length; i++) {
    const v = data[i]!;
    if (v > bestV || (bestV !== bestV && v === v)) {
      best = i;
      bestV = v;
    }
  }
  return best;
}
