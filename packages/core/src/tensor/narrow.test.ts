import { describe, expect, it } from 'vitest';
import { tensor } from './create-tensor.js';
import { narrow, slice } from './narrow.js';
import { strides } from './strides.js';
import type { Tensor } from './tensor.js';

/** Naive reference: visit every multi-index of the result and read the source via strides. */
function naiveNarrow(t: Tensor<'float32'>, axis: number, start: number, length: number): number[] {
  const dims = [...t.dims];
  dims[axis] = length;
  const st = strides(t.dims);
  const n = dims.reduce((a, b) => a * b, 1);
  const out: number[] = [];
  for (let flat = 0; flat < n; flat++) {
    let rest = flat;
    let src = 0;
    for (let d = dims.length - 1; d >= 0; d--) {
      const idx = rest % dims[d]!;
      rest = Math.floor(rest / dims[d]!);
      src += (d === axis ? idx + start : idx) * st[d]!;
    }
    out.push(t.data[src]!);
  }
  return out;
}

describe('narrow / slice', () => {
  const t = tensor('float32', Float32Array.from({ length: 2 * 3 * 4 }, (_, i) => i), [2, 3, 4], 'x');

  it('matches a naive strided reference on every axis and range', () => {
    for (let axis = 0; axis < 3; axis++) {
      const size = t.dims[axis]!;
      for (let start = 0; start <= size; start++) {
        for (let length = 0; start + length <= size; length++) {
          const r = narrow(t, axis, start, length);
          const dims = [...t.dims];
          dims[axis] = length;
          expect(r.dims).toEqual(dims);
          expect([...r.data]).toEqual(naiveNarrow(t, axis, start, length));
        }
      }
    }
  });

  it('returns a view sharing the buffer when the block is contiguous', () => {
    const a0 = narrow(t, 0, 1, 1);
    expect(a0.data.buffer).toBe(t.data.buffer);
    const logits = tensor('float32', Float32Array.from({ length: 15 }, (_, i) => i), [1, 3, 5]);
    const last = narrow(logits, 1, 2, 1);
    expect(last.data.buffer).toBe(logits.data.buffer);
    expect([...last.data]).toEqual([10, 11, 12, 13, 14]);
    logits.data[12] = -1;
    expect(last.data[2]).toBe(-1);
    const copied = narrow(t, 1, 1, 1);
    expect(copied.data.buffer).not.toBe(t.data.buffer);
  });

  it('works for int64 and float16 data', () => {
    const ids = tensor('int64', BigInt64Array.from([1n, 2n, 3n, 4n, 5n, 6n]), [2, 3]);
    expect([...narrow(ids, 1, 1, 2).data]).toEqual([2n, 3n, 5n, 6n]);
    const h = tensor('float16', Uint16Array.from([1, 2, 3, 4]), [2, 2]);
    expect([...narrow(h, -1, 0, 1).data]).toEqual([1, 3]);
  });

  it('slices with python-style negative bounds', () => {
    expect([...slice(t, 2, -2).data]).toEqual(naiveNarrow(t, 2, 2, 2));
    expect([...slice(t, 1, 0, -1).data]).toEqual(naiveNarrow(t, 1, 0, 2));
  });

  it('rejects out-of-range requests naming the tensor', () => {
    expect(() => narrow(t, 1, 2, 2, 'keys')).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT', message: 'keys: range [2, 4) is out of bounds for axis 1 of size 3' }),
    );
    expect(() => narrow(t, 3, 0, 1, 'keys')).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('keys: axis 3') }));
    expect(() => slice(t, 0, 1, 0)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});
