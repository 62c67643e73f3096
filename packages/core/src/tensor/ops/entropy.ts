import { singleRow, type FloatInput } from './float-input.js';

/**
 * Shannon entropy in nats of `softmax(logits)` for one row, computed stably from the logits
 * (`log Z - Σ p·z` with `z = x - max`). `-Infinity` logits contribute nothing; `+Infinity` logits
 * share the mass (entropy `ln count`); an all `-Infinity` row or any NaN gives NaN. A uniform row
 * of n logits gives `ln n`; a one-hot limit gives 0.
 */
export function entropyFromLogits(logits: FloatInput, name = 'entropyFromLogits'): number {
  const x = singleRow(logits, name);
  let max = -Infinity;
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    if (v > max) max = v;
    else if (v !== v) return NaN;
  }
  if (max === -Infinity) return NaN;
  if (max === Infinity) {
    let count = 0;
    for (let i = 0; i < x.length; i++) if (x[i] === Infinity) count++;
    return Math.log(count);
  }
  let z = 0;
  let weighted = 0;
  for (let i = 0; i < x.length; i++) {
    const d = x[i]! - max;
    if (d === -Infinity) continue;
    const e = Math.exp(d);
    z += e;
    weighted += e * d;
  }
  return Math.log(z) - weighted / z;
}

/**
 * Shannon entropy in nats, `-Σ p ln p`, of one row of probabilities taken as given (not
 * renormalised), with `0 · ln 0 = 0`. Negative entries give NaN.
 */
export function entropyFromProbs(probs: FloatInput, name = 'entropyFromProbs'): number {
  const p = singleRow(probs, name);
  let h = 0;
  for (let i = 0; i < p.length; i++) {
    const v = p[i]!;
    if (v === 0) continue;
    h -= v * Math.log(v);
  }
  return h;
}
