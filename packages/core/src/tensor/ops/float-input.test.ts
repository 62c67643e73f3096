import { describe, expect, it } from 'vitest';
import { tensor } from '../create-tensor.js';
import { fp32ToFp16 } from '../fp16.js';
import type { Tensor } from '../tensor.js';
import { floatData, rowCount, rowView, singleRow } from './float-input.js';

describe('float inputs and rows', () => {
  const logits = tensor('float32', Float32Array.from({ length: 12 }, (_, i) => i), [1, 3, 4], 'logits');

  it('counts rows along the last axis and returns views', () => {
    expect(rowCount(logits)).toBe(3);
    const last = rowView(logits, -1, 'logits');
    expect([...last]).toEqual([8, 9, 10, 11]);
    expect(last.buffer).toBe(logits.data.buffer);
    expect([...rowView(logits, 0)]).toEqual([0, 1, 2, 3]);
    expect(() => rowView(logits, 3, 'logits')).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT', message: 'logits: row 3 is out of range for 3 rows' }),
    );
  });

  it('converts float16 rows', () => {
    const h = tensor('float16', fp32ToFp16(new Float32Array([1, 2, 3, 4])), [2, 2]);
    expect([...rowView(h, 1)]).toEqual([3, 4]);
    expect([...floatData(h, 'h').data]).toEqual([1, 2, 3, 4]);
  });

  it('rejects non-float tensors and multi-row tensors where one row is required', () => {
    const ids = tensor('int64', new BigInt64Array(2), [2]) as unknown as Tensor<'float32'>;
    expect(() => floatData(ids, 'ids')).toThrow(
      expect.objectContaining({ code: 'DTYPE_MISMATCH', message: 'ids: expected dtype float32 | float16 but got int64' }),
    );
    expect(() => singleRow(logits, 'logits')).toThrow(expect.objectContaining({ code: 'SHAPE_MISMATCH', message: expect.stringContaining('logits: expected a single row') }));
    expect(singleRow(tensor('float32', new Float32Array(5), [1, 1, 5]), 'x').length).toBe(5);
  });
});
