import { describe, expect, it } from 'vitest';
import { cast, toFloat32 } from './cast.js';
import { tensor } from './create-tensor.js';

describe('cast / toFloat32', () => {
  it('returns the same tensor for the same dtype', () => {
    const t = tensor('float32', new Float32Array([1, 2]), [2]);
    expect(toFloat32(t)).toBe(t);
    expect(cast(t, 'float32')).toBe(t);
  });

  it('converts float16 bits to float32 and back', () => {
    const h = tensor('float16', Uint16Array.from([0x3c00, 0xc000, 0x7c00, 0x0001]), [2, 2]);
    const f = toFloat32(h);
    expect(f.dtype).toBe('float32');
    expect(f.dims).toEqual([2, 2]);
    expect([...f.data]).toEqual([1, -2, Infinity, 2 ** -24]);
    expect([...cast(f, 'float16').data]).toEqual([...h.data]);
  });

  it('converts integers exactly and rejects values that do not fit', () => {
    const ids = tensor('int64', BigInt64Array.from([0n, 5n, -7n]), [3]);
    expect([...cast(ids, 'int32').data]).toEqual([0, 5, -7]);
    expect([...cast(ids, 'float32').data]).toEqual([0, 5, -7]);
    expect([...cast(cast(ids, 'int32'), 'int64').data]).toEqual([0n, 5n, -7n]);
    expect([...cast(ids, 'bool').data]).toEqual([0, 1, 1]);
    expect(() => cast(ids, 'uint8', 'input_ids')).toThrow(
      expect.objectContaining({ code: 'DTYPE_MISMATCH', message: 'input_ids: element 2 (-7) is not exactly representable as uint8' }),
    );
    const f = tensor('float32', new Float32Array([1, 2.5]), [2]);
    expect(() => cast(f, 'int32', 'x')).toThrow(expect.objectContaining({ code: 'DTYPE_MISMATCH', details: expect.objectContaining({ record: 1 }) }));
    expect(() => cast(tensor('float32', new Float32Array([2 ** 63]), [1]), 'int64')).toThrow(expect.objectContaining({ code: 'DTYPE_MISMATCH' }));
    expect([...cast(tensor('float32', new Float32Array([-3, 4]), [2]), 'int64').data]).toEqual([-3n, 4n]);
    expect(() => cast(tensor('uint8', Uint8Array.from([0, 200]), [2]), 'int8', 'x')).toThrow(/element 1 \(200\)/);
  });

  it('casts floats to bool by nonzero', () => {
    expect([...cast(tensor('float32', new Float32Array([0, -0, 0.5, NaN]), [4]), 'bool').data]).toEqual([0, 0, 1, 1]);
    expect([...cast(tensor('bool', Uint8Array.from([0, 1]), [2]), 'float16').data]).toEqual([0, 0x3c00]);
  });
});
