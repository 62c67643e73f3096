import { describe, expect, it } from 'vitest';
import { tensor } from '../create-tensor.js';
import { fp32ToFp16, fp16ToFp32 } from '../fp16.js';
import { mulberry32, randomFloats } from '../../test-utils/random-data.js';
import { logSoftmax, softmax } from './softmax.js';

/** Naive reference in float64 without max subtraction (safe for the small inputs used). */
function naiveSoftmax(x: ArrayLike<number>): number[] {
  const e = Array.from(x, (v) => Math.exp(v));
  const z = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / z);
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
  return worst;
}

describe('softmax / logSoftmax', () => {
  it('matches hand-computed values for [1, 2, 3]', () => {
    expect(maxAbsDiff(softmax(new Float32Array([1, 2, 3])), [0.09003057317038046, 0.24472847105479767, 0.6652409557748219])).toBeLessThan(1e-7);
    expect(maxAbsDiff(logSoftmax(new Float32Array([1, 2, 3])), [-2.40760596444438, -1.40760596444438, -0.40760596444438])).toBeLessThan(1e-6);
  });

  it('matches the naive reference on seeded random rows (each row of a tensor separately)', () => {
    const rand = mulberry32(42);
    const [rows, n] = [7, 33];
    const x = randomFloats(rand, rows * n, -8, 8);
    const s = softmax(tensor('float32', x, [1, rows, n]));
    const l = logSoftmax(tensor('float32', x, [1, rows, n]));
    expect(s.dims).toEqual([1, rows, n]);
    for (let r = 0; r < rows; r++) {
      const ref = naiveSoftmax(x.subarray(r * n, (r + 1) * n));
      expect(maxAbsDiff(s.data.subarray(r * n, (r + 1) * n), ref)).toBeLessThan(1e-7);
      expect(maxAbsDiff(l.data.subarray(r * n, (r + 1) * n), ref.map(Math.log))).toBeLessThan(1e-5);
    }
  });

  it('is stable for huge logits (shift invariance)', () => {
    const big = softmax(new Float32Array([1000, 1001, 1002]));
    expect(maxAbsDiff(big, naiveSoftmax([0, 1, 2]))).toBeLessThan(1e-7);
    const lb = logSoftmax(new Float32Array([-1e30, 0]));
    expect(lb[0]).toBeCloseTo(-1e30, -25);
    expect(lb[1]).toBe(0);
  });

  it('handles -Infinity entries, all -Infinity rows and +Infinity', () => {
    const p = softmax(new Float32Array([-Infinity, 0, -Infinity, 0]));
    expect([...p]).toEqual([0, 0.5, 0, 0.5]);
    const lp = logSoftmax(new Float32Array([-Infinity, 0, -Infinity, 0]));
    expect(lp[0]).toBe(-Infinity);
    expect(lp[1]).toBeCloseTo(-Math.LN2, 7);
    const two = softmax(tensor('float32', new Float32Array([-Infinity, -Infinity, 1, 1]), [2, 2]));
    expect(two.data[0]).toBeNaN();
    expect(two.data[1]).toBeNaN();
    expect([...two.data.subarray(2)]).toEqual([0.5, 0.5]); // other rows unaffected
    expect([...softmax(new Float32Array([Infinity, 5, Infinity]))]).toEqual([0.5, 0, 0.5]);
    expect([...logSoftmax(new Float32Array([Infinity, 5]))]).toEqual([-0, -Infinity]);
    expect([...softmax(new Float32Array([NaN, 1]))].every(Number.isNaN)).toBe(true);
  });

  it('sums to 1 and accepts float16', () => {
    const rand = mulberry32(1);
    const h = fp32ToFp16(randomFloats(rand, 50, -4, 4));
    const p = softmax(tensor('float16', h, [50]));
    expect(p.dtype).toBe('float32');
    expect(p.data.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    expect(maxAbsDiff(p.data, naiveSoftmax(fp16ToFp32(h)))).toBeLessThan(1e-7);
  });

  it('returns a Float32Array for a Float32Array input and keeps empty inputs empty', () => {
    expect(softmax(new Float32Array([0]))).toBeInstanceOf(Float32Array);
    expect(softmax(tensor('float32', new Float32Array(0), [3, 0])).dims).toEqual([3, 0]);
  });
});
