import { fp16BitsToNumber, mulberry32 } from '@reasonkit/core';
import { describe, expect, it } from 'vitest';
import { FP16_LEAD, FP16_POW, dequantize, dequantizeChannelGroupRow, quantizeChannelGroups, quantizeRows, quantizedBytes } from './quantized-array.js';

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

describe('channel-range groups of kept keys (spec §13 target 6)', () => {
  // 300 tokens of D = 64, each keeping a random subset of channels (some ranges empty)
  const rand = mulberry32(9);
  const D = 64;
  const nb = D / 8;
  const rows = 300;
  const mask = new Uint8Array(rows * nb);
  const kept: number[] = [];
  const channelOf: number[] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < D; c++) {
      if (rand() < (c < 32 ? 0.5 : 0.15)) {
        mask[r * nb + (c >> 3)] = mask[r * nb + (c >> 3)]! | (1 << (c & 7));
        kept.push((rand() - 0.3) * (rand() < 0.1 ? 40 : 3));
        channelOf.push(c);
      }
    }
  }
  const x = Float32Array.from(kept);
  for (const [dtype, bound] of [['int8', 1 / 127], ['int4', 1 / 15]] as const) {
    for (const width of [32, 16, 8, 'row'] as const) {
      it(`${dtype}, ${width}-channel groups: round-trip error ≤ ${dtype === 'int8' ? '1/127' : '1/15'} of the range of the kept values in the group; bytes = codes + 4 B per group`, () => {
        const qa = quantizeChannelGroups(x, mask, rows, D, width, dtype);
        const w = width === 'row' ? D : width;
        const out = new Float32Array(D);
        let worst = 0;
        let emptyGroups = 0;
        for (let r = 0, k = 0; r < rows; r++) {
          let n = 0;
          for (let p = 0; p < nb; p++) for (let j = 0; j < 8; j++) n += (mask[r * nb + p]! >> j) & 1;
          dequantizeChannelGroupRow(qa, mask, nb, r, k, out);
          for (let g = 0; g < D / w; g++) {
            const idx = Array.from({ length: n }, (_, i) => k + i).filter((i) => Math.floor(channelOf[i]! / w) === g);
            if (idx.length === 0) {
              emptyGroups++;
              expect(qa.scale![r * (D / w) + g]).toBe(0);
              continue;
            }
            const lo = Math.min(...idx.map((i) => x[i]!));
            const hi = Math.max(...idx.map((i) => x[i]!));
            for (const i of idx) worst = Math.max(worst, hi > lo ? Math.abs(out[i - k]! - x[i]!) / (hi - lo) : Math.abs(out[i - k]! - x[i]!));
          }
          k += n;
        }
        expect(worst).toBeLessThanOrEqual(bound);
        expect(worst).toBeGreaterThan(0);
        if (w === 8) expect(emptyGroups).toBeGreaterThan(0);
        expect(quantizedBytes(qa)).toBe((dtype === 'int8' ? x.length : Math.ceil(x.length / 2)) + 4 * rows * (D / w));
      });
    }
  }

  it('rejects a width that is not a multiple of 8 and a mask that disagrees with the values', () => {
    expect(() => quantizeChannelGroups(x, mask, rows, D, 12, 'int8')).toThrow(/multiple of 8/);
    expect(() => quantizeChannelGroups(x.subarray(1), mask, rows, D, 32, 'int8')).toThrow(/keeps/);
  });

  it('dequantize without the mask refuses channel-range groups', () => {
    const qa = quantizeChannelGroups(x, mask, rows, D, 32, 'int8');
    expect(() => dequantize(qa, { rowLength: 1, rows: 1 })).toThrow(/kept mask/);
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
