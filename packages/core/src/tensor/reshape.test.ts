import { describe, expect, it } from 'vitest';
import { tensor } from './create-tensor.js';
import { reshape, squeeze, unsqueeze } from './reshape.js';

describe('reshape / squeeze / unsqueeze', () => {
  const t = tensor('float32', Float32Array.from({ length: 24 }, (_, i) => i), [2, 3, 4], 'x');

  it('reshapes as a view sharing data', () => {
    const r = reshape(t, [6, 4]);
    expect(r.dims).toEqual([6, 4]);
    expect(r.data).toBe(t.data);
  });

  it('infers one -1', () => {
    expect(reshape(t, [4, -1]).dims).toEqual([4, 6]);
    expect(reshape(t, [-1]).dims).toEqual([24]);
  });

  it('rejects bad shapes naming the tensor', () => {
    expect(() => reshape(t, [5, 5], 'x')).toThrow(expect.objectContaining({ code: 'SHAPE_MISMATCH', message: expect.stringContaining('x:') }));
    expect(() => reshape(t, [5, -1], 'x')).toThrow(expect.objectContaining({ code: 'SHAPE_MISMATCH' }));
    expect(() => reshape(t, [-1, -1], 'x')).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });

  it('squeezes and unsqueezes as views', () => {
    const u = unsqueeze(t, 0);
    expect(u.dims).toEqual([1, 2, 3, 4]);
    expect(unsqueeze(t, -1).dims).toEqual([2, 3, 4, 1]);
    expect(unsqueeze(t, 2).dims).toEqual([2, 3, 1, 4]);
    expect(u.data).toBe(t.data);
    const v = tensor('int64', new BigInt64Array(3), [1, 3, 1]);
    expect(squeeze(v).dims).toEqual([3]);
    expect(squeeze(v, -1).dims).toEqual([1, 3]);
    expect(squeeze(v, 0).data).toBe(v.data);
    expect(() => squeeze(v, 1, 'ids')).toThrow(expect.objectContaining({ code: 'SHAPE_MISMATCH', message: 'ids: cannot squeeze axis 1 of size 3' }));
    expect(() => unsqueeze(t, 4)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});
