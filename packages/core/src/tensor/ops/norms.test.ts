import { describe, expect, it } from 'vitest';
import { tensor } from '../create-tensor.js';
import { strides } from '../strides.js';
import { mulberry32, randomFloats } from '../../test-utils/random-data.js';
import { l2Norm, l2NormAlongAxis, lpNorm, lpNormAlongAxis } from './norms.js';

/** Naive reference: for each output multi-index, walk the reduced axis via strides. */
function naiveNormAlong(data: Float32Array, dims: number[], axis: number, p: number): number[] {
  const st = strides(dims);
  const outDims = dims.filter((_, i) => i !== axis);
  const n = outDims.reduce((a, b) => a * b, 1);
  const out: number[] = [];
  for (let flat = 0; flat < n; flat++) {
    let rest = flat;
    let base = 0;
    for (let d = dims.length - 1; d >= 0; d--) {
      if (d === axis) continue;
      const size = dims[d]!;
      base += (rest % size) * st[d]!;
      rest = Math.floor(rest / size);
    }
    const vals = Array.from({ length: dims[axis]! }, (_, s) => Math.abs(data[base + s * st[axis]!]!));
    out.push(p === Infinity ? Math.max(0, ...vals) : vals.reduce((a, v) => a + v ** p, 0) ** (1 / p));
  }
  return out;
}

describe('norms', () => {
  it('matches hand-computed norms', () => {
    expect(l2Norm(new Float32Array([3, -4]))).toBe(5);
    expect(lpNorm(new Float32Array([3, -4]), 1)).toBe(7);
    expect(lpNorm(new Float32Array([3, -4]), Infinity)).toBe(4);
    expect(lpNorm(new Float32Array([1, 1, 1, 1, 1, 1, 1, 1]), 3)).toBeCloseTo(2, 12);
    expect(l2Norm(tensor('float32', new Float32Array([1, 2, 2, 4]), [2, 2]))).toBe(5); // Frobenius
    expect(l2Norm(new Float32Array(0))).toBe(0);
    expect(lpNorm(new Float32Array([1, NaN]), Infinity)).toBeNaN();
  });

  it('computes per-channel key norms over tokens ([1, H, S, D] along axis 2) like the naive reference', () => {
    const rand = mulberry32(31);
    const dims = [1, 3, 17, 8];
    const k = randomFloats(rand, dims.reduce((a, b) => a * b, 1));
    for (const p of [1, 2, 3, Infinity]) {
      const n = lpNormAlongAxis(tensor('float32', k, dims), 2, p);
      expect(n.dims).toEqual([1, 3, 8]);
      const ref = naiveNormAlong(k, dims, 2, p);
      for (let i = 0; i < ref.length; i++) expect(Math.abs(n.data[i]! - ref[i]!)).toBeLessThan(1e-5);
    }
  });

  it('reduces every axis, including negative ones', () => {
    const rand = mulberry32(8);
    const dims = [2, 3, 4];
    const x = randomFloats(rand, 24);
    for (const axis of [0, 1, 2, -1]) {
      const n = l2NormAlongAxis(tensor('float32', x, dims), axis);
      const ref = naiveNormAlong(x, dims, (axis + 3) % 3, 2);
      expect(n.data.length).toBe(ref.length);
      for (let i = 0; i < ref.length; i++) expect(Math.abs(n.data[i]! - ref[i]!)).toBeLessThan(1e-6);
    }
  });

  it('rejects a bad p or axis', () => {
    expect(() => lpNorm(new Float32Array(2), 0, 'x')).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT', message: 'x: p must be > 0 (or Infinity) but is 0' }));
    expect(() => l2NormAlongAxis(tensor('float32', new Float32Array(4), [2, 2]), 2, 'keys')).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('keys: axis 2') }),
    );
  });
});
