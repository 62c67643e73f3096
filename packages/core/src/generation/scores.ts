/**
 * Score helpers over one row of logits (float32 in, float64 accumulation).
 * Small and private to generation; they agree with the tensor ops' definitions.
 */

/** log_softmax of one row; -Infinity logits give -Infinity. */
export function logSoftmaxRow(logits: Float32Array): Float64Array {
  let max = -Infinity;
  for (let i = 0; i < logits.length; i++) if (logits[i]! > max) max = logits[i]!;
  const out = new Float64Array(logits.length);
  if (max === -Infinity) return out.fill(-Infinity);
  let sum = 0;
  for (let i = 0; i < logits.length; i++) sum += Math.exp(logits[i]! - max);
  const lse = max + Math.log(sum);
  for (let i = 0; i < logits.length; i++) out[i] = logits[i]! - lse;
  return out;
}

/** Index of the largest value; ties go to the lowest index (as llama2.c). NaN is never chosen. */
export function argmaxRow(values: ArrayLike<number>): number {
  let best = 0;
  let bestValue = -Infinity;
  let found = false;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!found ? v >= bestValue : v > bestValue) {
      best = i;
      bestValue = v;
      found = true;
    }
  }
  return best;
}

/** The `n` largest entries, sorted descending (ties: lower id first); -Infinity entries are dropped. */
export function topNRow(values: ArrayLike<number>, n: number): { id: number; value: number }[] {
  if (n <= 0) return [];
  const best: { id: number; value: number }[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!(v > -Infinity)) continue;
    if (best.length === n && v <= best[n - 1]!.value) continue;
    let j = best.length;
    while (j > 0 && best[j - 1]!.value < v) j--;
    best.splice(j, 0, { id: i, value: v });
    if (best.length > n) best.pop();
  }
  return best;
}
