/**
 * Score helpers over one row of logits (float32 in, float64 accumulation).
 * Small and private to generation; they agree with the tensor ops' definitions.
 */

// exp(x) for x <= 0 as 2^(-n/32) · exp(r), n = round(-32·x/ln 2), |r| <= ln 2 / 64: a table of
// 2^(-n/32) down to x = -80 (3,700 doubles, fits a 32 KB L1 cache) and a degree-5 Taylor
// polynomial for exp(r) (truncation r^6/720 < 3e-15 relative).
// Terms below exp(-80) ≈ 1.8e-35 of the largest are dropped: they change no float64 sum of a
// vocabulary-sized row (< 1e-30 relative). About twice as fast as `Math.exp` in V8 (our choice;
// measured at vocab 32,000, README "Performance"), which matters because every generated token
// pays one pass over the vocabulary for its log-probability.
const EXP_STEPS = 32;
const EXP_CUT = -80;
const EXP_SCALE = EXP_STEPS / Math.LN2;
const EXP_STEP = Math.LN2 / EXP_STEPS;
let expTable: Float64Array | undefined;

/**
 * `Σ exp(row[i] − max)` over the row in float64, for `max` the row's maximum (finite). Agrees with
 * summing `Math.exp(row[i] - max)` to about 1e-14 relative; NaN entries give NaN, -Infinity none.
 */
export function sumExpShifted(row: Float32Array, max: number): number {
  const table = (expTable ??= Float64Array.from({ length: Math.ceil(-EXP_CUT * EXP_SCALE) + 2 }, (_, n) => 2 ** (-n / EXP_STEPS)));
  let sum = 0;
  for (let i = 0; i < row.length; i++) {
    const x = row[i]! - max;
    if (x < EXP_CUT) continue; // also -Infinity
    const n = (0.5 - x * EXP_SCALE) | 0; // round(-x / step), >= 0 for x <= 0
    const r = x + n * EXP_STEP;
    sum += table[n]! * (1 + r * (1 + r * (0.5 + r * (1 / 6 + r * (1 / 24 + r / 120)))));
  }
  return sum;
}

/** log_softmax of one row; -Infinity logits give -Infinity. */
export function logSoftmaxRow(logits: Float32Array): Float64Array {
  let max = -Infinity;
  for (let i = 0; i < logits.length; i++) if (logits[i]! > max) max = logits[i]!;
  const out = new Float64Array(logits.length);
  if (max === -Infinity) return out.fill(-Infinity);
  const lse = max + Math.log(sumExpShifted(logits, max));
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
