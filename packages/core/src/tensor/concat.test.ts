import { describe, expect, it } from 'vitest';
import { concat } from './concat.js';
import { tensor } from './create-tensor.js';
import { narrow } from './narrow.js';

describe('concat', () => {
  const t = tensor('float32', Float32Array.from({ length: 2 * 5 * 3 }, (_, i) => i * 0.5), [2, 5, 3]);

  it('inverts narrow along every axis', () => {
    for (let axis = 0; axis < 3; axis++) {
      const size = t.dims[axis]!;
      for (let cut = 0; cut <= size; cut++) {
        const parts = [narrow(t, axis, 0, cut), narrow(t, axis, cut, size - cut)];
        const c = concat(parts, axis);
        expect(c.dims).toEqual(t.dims);
        expect([...c.data]).toEqual([...t.data]);
      }
    }
  });

  it('concatenates three int64 tensors along the last axis', () => {
    const a = tensor('int64', BigInt64Array.from([1n, 2n]), [2, 1]);
    const b = tensor('int64', BigInt64Array.from([3n, 4n, 5n, 6n]), [2, 2]);
    const c = concat([a, b, a], -1);
    expect(c.dims).toEqual([2, 4]);
    expect([...c.data]).toEqual([1n, 3n, 4n, 1n, 2n, 5n, 6n, 2n]);
  });

  it('rejects mismatched inputs naming the input', () => {
    const a = tensor('float32', new Float32Array(6), [2, 3]);
    const b = tensor('float32', new Float32Array(8), [2, 4]);
    expect(() => concat([a, b], 0, 'keys')).toThrow(expect.objectContaining({ code: 'SHAPE_MISMATCH', message: expect.stringMatching(/^keys\[1\]:/) }));
    const h = tensor('float16', new Uint16Array(6), [2, 3]);
    expect(() => concat<'float32' | 'float16'>([a, h], 0, 'keys')).toThrow(expect.objectContaining({ code: 'DTYPE_MISMATCH' }));
    expect(() => concat([], 0)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});
