import { describe, expect, it } from 'vitest';
import { tensor } from '../create-tensor.js';
import { mulberry32, randomFloats } from '../../test-utils/random-data.js';
import { rmsNorm } from './rms-norm.js';

/** Naive reference, llama2.c formula in float64: w_j * x_j / sqrt(mean(x^2) + eps). */
function naiveRmsNorm(x: ArrayLike<number>, w: ArrayLike<number> | null, eps: number): number[] {
  const n = x.length;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += x[i]! * x[i]!;
  const d = Math.sqrt(ss / n + eps);
  return Array.from(x, (v, i) => (w === null ? 1 : w[i]!) * (v / d));
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
  return worst;
}

describe('rmsNorm', () => {
  it('matches a hand-computed value (mean of squares 1.3125, eps 1e-5)', () => {
    const y = rmsNorm(new Float32Array([0.5, -1, 2, 0]), null);
    expect(maxAbsDiff(y, [0.4364341178689883, -0.8728682357379766, 1.7457364714759531, 0])).toBeLessThan(1e-6);
    const yw = rmsNorm(new Float32Array([0.5, -1, 2, 0]), new Float32Array([2, 1, 0.5, 3]));
    expect(maxAbsDiff(yw, [0.8728682357379766, -0.8728682357379766, 0.8728682357379766, 0])).toBeLessThan(1e-6);
  });

  it('matches the naive reference per row on seeded random tensors', () => {
    const rand = mulberry32(77);
    const [rows, n] = [5, 64];
    const x = randomFloats(rand, rows * n, -3, 3);
    const w = randomFloats(rand, n, 0.5, 1.5);
    const y = rmsNorm(tensor('float32', x, [1, rows, n]), tensor('float32', w, [n]), 1e-6);
    expect(y.dims).toEqual([1, rows, n]);
    for (let r = 0; r < rows; r++) {
      const ref = naiveRmsNorm(x.subarray(r * n, (r + 1) * n), w, 1e-6);
      expect(maxAbsDiff(y.data.subarray(r * n, (r + 1) * n), ref)).toBeLessThan(1e-6);
    }
  });

  it('uses eps inside the root: a zero row stays zero and tiny rows are damped', () => {
    expect([...rmsNorm(new Float32Array(3), null)]).toEqual([0, 0, 0]);
    const tiny = rmsNorm(new Float32Array([1e-4, 1e-4]), null);
    expect(tiny[0]).toBeCloseTo(1e-4 / Math.sqrt(1e-8 + 1e-5), 6);
  });

  it('rejects a weight of the wrong length naming it', () => {
    expect(() => rmsNorm(new Float32Array(4), new Float32Array(3), 1e-5, 'rms_att.0')).toThrow(
      expect.objectContaining({ code: 'SHAPE_MISMATCH', message: 'rms_att.0.weight: length is 3 but must be 4 (last dim of x)' }),
    );
    expect(() => rmsNorm(new Float32Array(4), null, -1)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});
