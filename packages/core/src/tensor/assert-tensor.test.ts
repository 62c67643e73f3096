import { describe, expect, it } from 'vitest';
import { ReasonkitError } from '../errors/reasonkit-error.js';
import { assertDims, assertDtype } from './assert-tensor.js';
import { tensor } from './create-tensor.js';

describe('assertDims / assertDtype', () => {
  const t = tensor('float32', new Float32Array(80), [1, 2, 5, 8]);

  it('accepts matching dims with null wildcards and returns the tensor', () => {
    expect(assertDims(t, [1, 2, null, 8], 'k')).toBe(t);
    expect(assertDims(t, [null, null, null, null])).toBe(t);
  });

  it('throws SHAPE_MISMATCH naming the tensor', () => {
    let err: unknown;
    try {
      assertDims(t, [1, 4, null, 8], 'past_key_values.0.key');
    } catch (e) {
      err = e;
    }
    expect(ReasonkitError.is(err, 'SHAPE_MISMATCH')).toBe(true);
    const e = err as ReasonkitError;
    expect(e.message).toBe('past_key_values.0.key: expected dims [1, 4, ?, 8] but got [1, 2, 5, 8]');
    expect(e.details.tensor).toBe('past_key_values.0.key');
  });

  it('rejects a rank mismatch', () => {
    expect(() => assertDims(t, [1, 2, 5], 'x')).toThrow(/x: expected dims \[1, 2, 5\] but got \[1, 2, 5, 8\]/);
  });

  it('checks dtypes', () => {
    expect(assertDtype(t, 'float32', 'x')).toBe(t);
    expect(assertDtype(t, ['float16', 'float32'], 'x')).toBe(t);
    expect(() => assertDtype(t, ['float16', 'int64'], 'logits')).toThrow(
      expect.objectContaining({ code: 'DTYPE_MISMATCH', message: 'logits: expected dtype float16 | int64 but got float32' }),
    );
  });
});
