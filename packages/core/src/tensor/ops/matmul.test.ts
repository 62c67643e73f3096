import { describe, expect, it } from 'vitest';
import { tensor } from '../create-tensor.js';
import { fp16ToFp32, fp32ToFp16 } from '../fp16.js';
import { mulberry32, randomFloats } from '../../test-utils/random-data.js';
import { matmul, matmulInto } from './matmul.js';

/** Naive reference: textbook i-j-k triple loop in float64. */
function naiveMatmul(a: Float32Array, b: Float32Array, m: number, k: number, n: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += a[i * k + p]! * b[p * n + j]!;
      out.push(s);
    }
  }
  return out;
}

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol: number): void {
  expect(actual.length).toBe(expected.length);
  let worst = 0;
  for (let i = 0; i < expected.length; i++) worst = Math.max(worst, Math.abs(actual[i]! - expected[i]!));
  expect(worst).toBeLessThanOrEqual(tol);
}

describe('matmul', () => {
  it('matches a hand-computed product', () => {
    const a = tensor('float32', new Float32Array([1, 2, 3, 4]), [2, 2]);
    const b = tensor('float32', new Float32Array([5, 6, 7, 8]), [2, 2]);
    const c = matmul(a, b);
    expect(c.dims).toEqual([2, 2]);
    expect([...c.data]).toEqual([19, 22, 43, 50]);
  });

  it('matches the naive reference on seeded random shapes', () => {
    const rand = mulberry32(7);
    for (let trial = 0; trial < 20; trial++) {
      const m = 1 + Math.floor(rand() * 9);
      const k = 1 + Math.floor(rand() * 40);
      const n = 1 + Math.floor(rand() * 30);
      const a = randomFloats(rand, m * k);
      const b = randomFloats(rand, k * n);
      const c = matmul(tensor('float32', a, [m, k]), tensor('float32', b, [k, n]));
      expect(c.dims).toEqual([m, n]);
      expectClose(c.data, naiveMatmul(a, b, m, k, n), 1e-5);
    }
  });

  it('treats leading dims of a as batch and accepts float16', () => {
    const rand = mulberry32(11);
    const a = randomFloats(rand, 2 * 3 * 5);
    const bh = fp32ToFp16(randomFloats(rand, 5 * 4));
    const c = matmul(tensor('float32', a, [2, 3, 5]), tensor('float16', bh, [5, 4]));
    expect(c.dims).toEqual([2, 3, 4]);
    expectClose(c.data, naiveMatmul(a, fp16ToFp32(bh), 6, 5, 4), 1e-5);
  });

  it('propagates NaN and Inf like IEEE arithmetic', () => {
    const out = matmulInto(new Float32Array(2), new Float32Array([0, 1]), new Float32Array([NaN, 1, 2, Infinity]), 1, 2, 2);
    expect(out[0]).toBeNaN(); // 0 * NaN + 1 * 2 is NaN
    expect(out[1]).toBe(Infinity);
  });

  it('rejects mismatched shapes naming the operand', () => {
    const a = tensor('float32', new Float32Array(6), [2, 3]);
    const b = tensor('float32', new Float32Array(8), [4, 2]);
    expect(() => matmul(a, b, 'proj')).toThrow(
      expect.objectContaining({ code: 'SHAPE_MISMATCH', message: 'proj.b: b.dims[0] (inner size) is 4 but must be 3' }),
    );
    expect(() => matmul(tensor('float32', new Float32Array(3), [3]), b)).toThrow(expect.objectContaining({ code: 'SHAPE_MISMATCH' }));
    expect(() => matmulInto(new Float32Array(1), new Float32Array(2), new Float32Array(2), 1, 2, 2)).toThrow(
      expect.objectContaining({ code: 'SHAPE_MISMATCH' }),
    );
  });
});
