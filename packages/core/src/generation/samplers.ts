import type { Mt19937 } from './mt19937.js';
import { argmax } from '../tensor/ops/argmax.js';

/** Chooses the next token from processed logits. */
export type Sampler = (logits: Float32Array) => number;

/** Greedy: argmax, ties → lowest index (spec core §5.4, as llama2.c). */
export const greedySampler: Sampler = (logits) => argmax(logits);

/**
 * Multinomial sampling from softmax(logits) with one `rng.random()` draw per token (walk of the
 * cumulative distribution in id order). -Infinity logits have probability 0 and are never chosen.
 */
export function multinomialSampler(rng: Pick<Mt19937, 'random'>): Sampler {
  return (logits) => {
    let max = -Infinity;
    for (let i = 0; i < logits.length; i++) if (logits[i]! > max) max = logits[i]!;
    if (max === -Infinity) return argmax(logits);
    const probs = new Float64Array(logits.length);
    let total = 0;
    for (let i = 0; i < logits.length; i++) {
      const e = Math.exp(logits[i]! - max);
      probs[i] = e;
      total += e;
    }
    const u = rng.random() * total;
    let cumulative = 0;
    let last = -1;
    for (let i = 0; i < probs.length; i++) {
      if (probs[i] === 0) continue;
      cumulative += probs[i]!;
      last = i;
      if (u < cumulative) return i;
    }
    return last; // rounding: u landed at the very top
  };
}
