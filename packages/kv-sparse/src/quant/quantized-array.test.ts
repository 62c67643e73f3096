import { fp16BitsToNumber, mulberry32 } from '@reasonkit/core';
import { describe, expect, it } from 'vitest';
import { FP16_LEAD, FP16_POW, dequantize, quantizeRows, quantizedBytes } from './quantized-array.js';

describe('per-token group quantization (spec §13 target 6)', () => {
  const rand = mulberry32(5);
  const rows = 200;
  const R = 26;
  const x = Float32Array.from({ length: rows * R }, () => (rand() - 0.3) * (rand() < 0.1 ? 40 : 3));
  for (const [dtype, bound] of [['int8', 1 / 127], ['int4', 1 / 15]] as const) {
    for (const groupSize of [32, 8, 'row'] as const) {
      it(`${dtype}, groupSize ${groupSize}: round-trip error ≤ ${dtype === 'int8' ? '1/127' : '1/15'} of the group range`, () => {
        const qa = quantizeRows(x, { rowLength: R, rows }, { dtype, groupSize });
        const y = dequantize(qa, { rowLength: R, rows });
        const gs = groupSize === 'row' ? R : groupSize;
        let worst = 0;
        for (let r = 0; r < rows; r++) {
          for (let a = r * R; a < (r + 1) * R; a += gs) {
            const b = Math.min((r + 1) * R, a + gs);
            let lo = Infinity;
            let hi = -Infinity;
            for (let i = a; i < b; i++) {
              lo = Math.min(lo, x[i]!);
              hi = Math.max(hi, x[i]!);
            }
            for (let i = a; i < b; i++) worst = Math.max(worst, Math.abs(y[i]! - x[i]!) / (hi - lo));
          }
        }
        expect(worst).toBeLessThanOrEqual(bound);
        expect(worst).toBeGreaterThan(0);
        const groups = rows * Math.ceil(R / gs);
        expect(quantizedBytes(qa)).toBe((dtype === 'int8' ? rows * R : Math.ceil((rows * R) / 2)) + 4 * groups);
      });
    }
  }

  it('ragged rows (CSR) round-trip', () => {
    const ptr = Uint32Array.from([0, 3, 3, 10, 11]);
    const v = Float32Array.from([1, -2, 3, 0.5, 0.25, -7, 8, 9, 10, 11, -4]);
    const y = dequantize(quantizeRows(v, ptr, { dtype: 'int8', groupSize: 4 }), ptr);
    for (let i = 0; i < v.length; i++) expect(Math.abs(y[i]! - v[i]!)).toBeLessThan(0.05);
  });

  it('float16 keeps fp16 precision', () => {
    const y = dequantize(quantizeRows(x, { rowLength: R, rows }, { dtype: 'float16' }), { rowLength: R, rows });
    for (let i = 0; i < x.length; i++) expect(Math.abs(y[i]! - x[i]!)).toBeLessThanOrEqual(Math.abs(x[i]!) * 2 ** -11 + 1e-7);
  });
});

describe('FP16_POW / FP16_LEAD decode', () => {
  it('equals fp16BitsToNumber for every finite fp16 bit pattern (and ±Infinity)', () => {
    let mismatches = 0;
    for (let h = 0; h < 65536; h++) {
      if (((h >>> 10) & 31) === 31 && (h & 1023) !== 0) continue; // NaN patterns
      const v = FP16_POW[h >>> 10]! * ((h & 1023) + FP16_LEAD[h >>> 10]!);
      if (!Object.is(v, fp16BitsToNumber(h)) && !(v === 0 && fp16BitsToNumber(h) === 0)) mismatches++;
    }
    expect(mismatches).toBe(0);
    expect(FP16_POW[0x3c00 >>> 10]! * ((0x3c00 & 1023) + FP16_LEAD[0x3c00 >>> 10]!)).toBe(1);
    expect(FP16_POW[0x0001 >>> 10]! * (1 + FP16_LEAD[0]!)).toBe(2 ** -24);
  });
});
