import { describe, expect, it } from 'vitest';
import { tensor } from '../create-tensor.js';
import { fp16ToFp32, fp32ToFp16 } from '../fp16.js';
import { mulberry32, randomFloats } from '../../test-utils/random-data.js';
import { matmul } from './matmul.js';
import { linear, matvec, matvecInto } from './matvec.js';

function naiveMatvec(w: Float32Array, x: Float32Array, rows: number): number[] {
  const cols = x.length;
  return Array.from({ length: rows }, (_, i) => {
    let s = 0;
    for (let j = 0; j < cols; j++) s += w[i * cols + j]! * x[j]!;
    return s;
  });
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
  return worst;
}

describe('matvec / linear', () => {
  it('matches a hand-computed product', () => {
    const w = tensor('float32', new Float32Array([1, 2, 3, 4, 5, 6]), [2, 3]);
    expect([...matvec(w, new Float32Array([1, 0, -1]))]).toEqual([-2, -2]);
  });

  it('matches the naive reference for every remainder of the 4-way unroll', () => {
    const rand = mulberry32(3);
    for (let cols = 1; cols <= 19; cols++) {
      const rows = 1 + Math.floor(rand() * 12);
      const w = randomFloats(rand, rows * cols);
      const x = randomFloats(rand, cols);
      expect(maxAbsDiff(matvec(tensor('float32', w, [rows, cols]), x), naiveMatvec(w, x, rows))).toBeLessThanOrEqual(1e-5);
      const out = new Float32Array(rows);
      expect(matvecInto(out, w, x)).toBe(out);
    }
  });

  it('accepts float16 weights and a single-row tensor x', () => {
    const rand = mulberry32(5);
    const wh = fp32ToFp16(randomFloats(rand, 6 * 10));
    const x = randomFloats(rand, 10);
    const y = matvec(tensor('float16', wh, [6, 10]), tensor('float32', x, [1, 10]));
    expect(maxAbsDiff(y, naiveMatvec(fp16ToFp32(wh), x, 6))).toBeLessThanOrEqual(1e-5);
  });

  it('linear(x, w) equals matmul(x, transpose(w))', () => {
    const rand = mulberry32(9);
    const [b, s, inDim, outDim] = [2, 3, 7, 5];
    const x = randomFloats(rand, b * s * inDim);
    const w = randomFloats(rand, outDim * inDim);
    const wt = new Float32Array(inDim * outDim);
    for (let o = 0; o < outDim; o++) for (let i = 0; i < inDim; i++) wt[i * outDim + o] = w[o * inDim + i]!;
    const y = linear(tensor('float32', x, [b, s, inDim]), tensor('float32', w, [outDim, inDim]));
    const ref = matmul(tensor('float32', x, [b, s, inDim]), tensor('float32', wt, [inDim, outDim]));
    expect(y.dims).toEqual([b, s, outDim]);
    expect(maxAbsDiff(y.data, ref.data)).toBeLessThanOrEqual(1e-5);
  });

  it('rejects mismatched shapes naming the operand', () => {
    const w = tensor('float32', new Float32Array(6), [2, 3]);
    expect(() => matvec(w, new Float32Array(2), 'wq')).toThrow(
      expect.objectContaining({ code: 'SHAPE_MISMATCH', message: 'wq.x: x length is 2 but must be 3' }),
    );
    expect(() => linear(tensor('float32', new Float32Array(4), [1, 4]), w, 'wo')).toThrow(
      expect.objectContaining({ code: 'SHAPE_MISMATCH', message: expect.stringMatching(/^wo\.x:/) }),
    );
    expect(() => matvec(tensor('float32', new Float32Array(6), [6]), new Float32Array(6), 'w1')).toThrow(
      expect.objectContaining({ code: 'SHAPE_MISMATCH', message: 'w1.w: expected rank 2 but got dims [6]' }),
    );
    expect(() => matvecInto(new Float32Array(2), new Float32Array(5), new Float32Array(3))).toThrow(expect.objectContaining({ code: 'SHAPE_MISMATCH' }));
  });
});
