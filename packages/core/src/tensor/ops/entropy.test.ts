import { describe, expect, it } from 'vitest';
import { tensor } from '../create-tensor.js';
import { mulberry32, randomFloats } from '../../test-utils/random-data.js';
import { entropyFromLogits, entropyFromProbs } from './entropy.js';

/** Naive reference: probabilities in float64, then -Σ p ln p. */
function naiveEntropy(logits: ArrayLike<number>): number {
  const e = Array.from(logits, (v) => Math.exp(v));
  const z = e.reduce((a, b) => a + b, 0);
  return -e.reduce((h, v) => (v === 0 ? h : h + (v / z) * Math.log(v / z)), 0);
}

describe('entropy', () => {
  it('is ln n for uniform logits and probabilities', () => {
    for (const n of [1, 2, 10, 32000]) {
      expect(entropyFromLogits(new Float32Array(n).fill(3.7))).toBeCloseTo(Math.log(n), 10);
      expect(entropyFromProbs(new Float32Array(n).fill(1 / n))).toBeCloseTo(Math.log(n), 4);
    }
  });

  it('is 0 for one-hot, and the hand-computed value for [1, 2, 3]', () => {
    expect(entropyFromProbs(new Float32Array([0, 1, 0]))).toBe(0);
    expect(entropyFromLogits(new Float32Array([-Infinity, 5, -Infinity]))).toBe(0);
    expect(entropyFromLogits(new Float32Array([0, 200]))).toBeLessThan(1e-80);
    expect(entropyFromLogits(new Float32Array([1, 2, 3]))).toBeCloseTo(0.8323955818399389, 12);
  });

  it('matches the naive reference on seeded random logits and agrees with entropyFromProbs', () => {
    const rand = mulberry32(13);
    for (let trial = 0; trial < 30; trial++) {
      const x = randomFloats(rand, 2 + Math.floor(rand() * 100), -6, 6);
      const h = entropyFromLogits(x);
      expect(Math.abs(h - naiveEntropy(x))).toBeLessThan(1e-10);
      const e = Array.from(x, (v) => Math.exp(v));
      const z = e.reduce((a, b) => a + b, 0);
      expect(Math.abs(entropyFromProbs(new Float32Array(e.map((v) => v / z))) - h)).toBeLessThan(1e-5);
    }
  });

  it('handles infinities, NaN and single-row tensors', () => {
    expect(entropyFromLogits(new Float32Array([Infinity, 0, Infinity]))).toBeCloseTo(Math.LN2, 12);
    expect(entropyFromLogits(new Float32Array([-Infinity, -Infinity]))).toBeNaN();
    expect(entropyFromLogits(new Float32Array([NaN, 1]))).toBeNaN();
    expect(entropyFromLogits(tensor('float32', new Float32Array([0, 0]), [1, 1, 2]))).toBeCloseTo(Math.LN2, 12);
    expect(() => entropyFromLogits(tensor('float32', new Float32Array(4), [2, 2]), 'logits')).toThrow(
      expect.objectContaining({ code: 'SHAPE_MISMATCH' }),
    );
  });
});
