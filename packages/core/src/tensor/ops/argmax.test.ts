import { describe, expect, it } from 'vitest';
import { tensor } from '../create-tensor.js';
import { mulberry32, randomFloats } from '../../test-utils/random-data.js';
import { argmax } from './argmax.js';

function naiveArgmax(x: Float32Array): number {
  const max = Math.max(...Array.from(x).filter((v) => !Number.isNaN(v)));
  return x.findIndex((v) => v === max);
}

describe('argmax', () => {
  it('breaks ties toward the lowest index', () => {
    expect(argmax(new Float32Array([1, 3, 2, 3]))).toBe(1);
    expect(argmax(new Float32Array([-Infinity, -Infinity]))).toBe(0);
    expect(argmax(new Float32Array([-0, 0]))).toBe(0);
  });

  it('ignores NaN unless everything is NaN', () => {
    expect(argmax(new Float32Array([NaN, 1, 2, NaN]))).toBe(2);
    expect(argmax(new Float32Array([NaN, NaN]))).toBe(0);
    expect(argmax(new Float32Array(0))).toBe(-1);
  });

  it('matches the naive reference on seeded random rows with ties', () => {
    const rand = mulberry32(99);
    for (let trial = 0; trial < 50; trial++) {
      const x = randomFloats(rand, 1 + Math.floor(rand() * 200)).map((v) => Math.round(v * 8)); // few levels → ties
      expect(argmax(x)).toBe(naiveArgmax(x));
    }
  });

  it('accepts a single-row tensor and rejects several rows', () => {
    expect(argmax(tensor('float32', new Float32Array([0, 5, 1]), [1, 1, 3]))).toBe(1);
    expect(() => argmax(tensor('float32', new Float32Array(6), [2, 3]), 'logits')).toThrow(
      expect.objectContaining({ code: 'SHAPE_MISMATCH' }),
    );
  });
});
