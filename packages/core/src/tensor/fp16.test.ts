import { describe, expect, it } from 'vitest';
import { fp16BitsToNumber, fp16ToFp32, fp32ToFp16, numberToFp16Bits } from './fp16.js';
import { mulberry32 } from '../test-utils/random-data.js';

/** Naive decoder straight from the IEEE 754 definition, in float64 arithmetic. */
function naiveHalf(h: number): number {
  const s = h & 0x8000 ? -1 : 1;
  const e = (h >> 10) & 0x1f;
  const m = h & 0x3ff;
  if (e === 0x1f) return m === 0 ? s * Infinity : NaN;
  if (e === 0) return s * m * 2 ** -24;
  return s * 2 ** (e - 15) * (1 + m / 1024);
}

/** Naive nearest-half rounding by search over all positive halves; ties go to the even pattern. */
function naiveRound(x: number): number {
  if (Number.isNaN(x)) return -1; // checked separately
  const sign = x < 0 || Object.is(x, -0) ? 0x8000 : 0;
  const a = Math.abs(x);
  // Candidates 0..0x7c00 in increasing value; 0x7c00 (Inf) acts as 65536 for rounding.
  const val = (h: number) => (h === 0x7c00 ? 65536 : naiveHalf(h));
  if (a >= 65536) return sign | 0x7c00;
  let lo = 0;
  let hi = 0x7c00;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (val(mid) <= a) lo = mid;
    else hi = mid;
  }
  const dLo = a - val(lo);
  const dHi = val(hi) - a;
  if (dLo < dHi) return sign | lo;
  if (dHi < dLo) return sign | hi;
  return sign | ((lo & 1) === 0 ? lo : hi);
}

describe('fp16ToFp32', () => {
  it('is exact for all 65,536 bit patterns', () => {
    const all = new Uint16Array(65536);
    for (let i = 0; i < 65536; i++) all[i] = i;
    const out = fp16ToFp32(all);
    let mismatches = 0;
    for (let h = 0; h < 65536; h++) {
      if (!Object.is(out[h], naiveHalf(h))) mismatches++;
      if (!Object.is(fp16BitsToNumber(h), naiveHalf(h))) mismatches++;
    }
    expect(mismatches).toBe(0);
  });

  it('decodes named values', () => {
    const v = fp16ToFp32(new Uint16Array([0x0000, 0x8000, 0x3c00, 0xc000, 0x7bff, 0x0001, 0x03ff, 0x0400, 0x7c00, 0xfc00, 0x7e00, 0x3555]));
    expect(Object.is(v[0], 0)).toBe(true);
    expect(Object.is(v[1], -0)).toBe(true);
    expect(v[2]).toBe(1);
    expect(v[3]).toBe(-2);
    expect(v[4]).toBe(65504);
    expect(v[5]).toBe(2 ** -24);
    expect(v[6]).toBe(1023 * 2 ** -24);
    expect(v[7]).toBe(2 ** -14);
    expect(v[8]).toBe(Infinity);
    expect(v[9]).toBe(-Infinity);
    expect(v[10]).toBeNaN();
    expect(v[11]).toBeCloseTo(1 / 3, 3);
  });

  it('keeps NaN payload bits', () => {
    const out = new Uint32Array(fp16ToFp32(new Uint16Array([0x7e01, 0xfd55])).buffer);
    expect(out[0]).toBe(0x7fc02000);
    expect(out[1]).toBe(0xffaaa000);
  });
});

describe('fp32ToFp16', () => {
  it('round-trips every non-NaN half exactly (fp16 -> fp32 -> fp16)', () => {
    const all = new Uint16Array(65536);
    for (let i = 0; i < 65536; i++) all[i] = i;
    const back = fp32ToFp16(fp16ToFp32(all));
    let mismatches = 0;
    for (let h = 0; h < 65536; h++) {
      const isNaN = (h & 0x7c00) === 0x7c00 && (h & 0x3ff) !== 0;
      if (isNaN) {
        if ((back[h]! & 0x7c00) !== 0x7c00 || (back[h]! & 0x3ff) === 0) mismatches++;
      } else if (back[h] !== h) mismatches++;
    }
    expect(mismatches).toBe(0);
  });

  it('rounds half to even on hand-picked cases', () => {
    const cases: [number, number][] = [
      [65504, 0x7bff],
      [65519, 0x7bff], // below the midpoint 65520
      [65520, 0x7c00], // midpoint between 65504 (odd) and 65536 -> even = Inf
      [1e6, 0x7c00],
      [-1e6, 0xfc00],
      [2 ** -24, 0x0001],
      [2 ** -25, 0x0000], // tie between 0 (even) and 2^-24 (odd) -> 0
      [-(2 ** -25), 0x8000],
      [3 * 2 ** -25, 0x0002], // tie between 1 (odd) and 2 (even) -> 2
      [2 ** -25 * 1.0000001, 0x0001], // just above the midpoint
      [1 + 2 ** -11, 0x3c00], // tie between 1.0 (even) and 1+2^-10 (odd) -> 1.0
      [1 + 3 * 2 ** -11, 0x3c02], // tie between odd 0x3c01 and even 0x3c02 -> 0x3c02
      [2 ** -14 - 2 ** -25, 0x0400], // tie between 0x3ff (odd) and the smallest normal 0x400 (even)
      [1e-10, 0x0000],
      [Infinity, 0x7c00],
      [-Infinity, 0xfc00],
      [-0, 0x8000],
    ];
    const out = fp32ToFp16(new Float32Array(cases.map((c) => c[0])));
    cases.forEach(([x, bits], i) => {
      expect([x, out[i]]).toEqual([x, bits]);
      expect(numberToFp16Bits(x)).toBe(bits);
    });
  });

  it('maps NaN to a quiet NaN', () => {
    const f = new Float32Array(2);
    new Uint32Array(f.buffer).set([0x7f800001, 0xffc00000]); // signalling NaN with low payload, quiet NaN
    const out = fp32ToFp16(f);
    for (const h of out) {
      expect(h & 0x7c00).toBe(0x7c00);
      expect(h & 0x200).toBe(0x200);
    }
  });

  it('matches a naive nearest-even search at every midpoint between adjacent halves and its neighbours', () => {
    const xs: number[] = [];
    const f = new Float32Array(1);
    const b = new Uint32Array(f.buffer);
    for (let h = 0; h < 0x7c00; h++) {
      const mid = (naiveHalf(h) + (h + 1 === 0x7c00 ? 65536 : naiveHalf(h + 1))) / 2;
      f[0] = mid; // exact in float32 (12 significant bits)
      const bits = b[0]!;
      for (const d of [-1, 0, 1]) {
        b[0] = bits + d;
        xs.push(f[0]!, -f[0]!);
      }
    }
    const input = new Float32Array(xs);
    const out = fp32ToFp16(input);
    let mismatches = 0;
    for (let i = 0; i < input.length; i++) if (out[i] !== naiveRound(input[i]!)) mismatches++;
    expect(mismatches).toBe(0);
  });

  it('matches the naive search on seeded random float32 bit patterns', () => {
    const rand = mulberry32(1234);
    const bits = new Uint32Array(100_000);
    for (let i = 0; i < bits.length; i++) {
      // Bias exponents to the half range (and a bit beyond) so most samples are interesting.
      const exp = 90 + Math.floor(rand() * 60);
      bits[i] = ((rand() < 0.5 ? 0x80000000 : 0) | (exp << 23) | Math.floor(rand() * 0x800000)) >>> 0;
    }
    const input = new Float32Array(bits.buffer);
    const out = fp32ToFp16(input);
    let mismatches = 0;
    for (let i = 0; i < input.length; i++) if (out[i] !== naiveRound(input[i]!)) mismatches++;
    expect(mismatches).toBe(0);
  });

  it('accepts a Float32Array view at an offset', () => {
    const base = new Float32Array([9, 1, 2, 9]);
    expect([...fp32ToFp16(base.subarray(1, 3))]).toEqual([0x3c00, 0x4000]);
  });
});
