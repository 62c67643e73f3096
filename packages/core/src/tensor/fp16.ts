/**
 * IEEE 754 binary16 ("half", float16) <-> binary32 conversion. Half values are stored as raw bits
 * in a `Uint16Array` (ORT-node on Node 20 accepts only that for float16 tensors; spec core §4.3).
 * Core does all math in float32.
 */

let fp16Table: Uint32Array | undefined;

/** Float32 bit pattern of one half bit pattern; exact for every input (ties cannot occur). */
function halfBitsToFloatBits(h: number): number {
  const sign = (h & 0x8000) << 16;
  const exp = (h >>> 10) & 0x1f;
  let mant = h & 0x3ff;
  if (exp === 0x1f) {
    // ±Inf (mant 0) or NaN: keep the payload in the top mantissa bits (quiet bit stays quiet).
    return (sign | 0x7f800000 | (mant << 13)) >>> 0;
  }
  if (exp !== 0) return (sign | ((exp - 15 + 127) << 23) | (mant << 13)) >>> 0;
  if (mant === 0) return sign >>> 0; // ±0
  // Subnormal half: mant * 2^-24. Normalise so the leading 1 becomes the implicit bit.
  let e = 1 - 15 + 127;
  while ((mant & 0x400) === 0) {
    mant <<= 1;
    e -= 1;
  }
  return (sign | (e << 23) | ((mant & 0x3ff) << 13)) >>> 0;
}

/** The 65,536-entry half -> float32-bits table, built on first use (256 KiB). */
function table(): Uint32Array {
  if (fp16Table === undefined) {
    const t = new Uint32Array(65536);
    for (let h = 0; h < 65536; h++) t[h] = halfBitsToFloatBits(h);
    fp16Table = t;
  }
  return fp16Table;
}

/** Half bit pattern of one float32 bit pattern, rounding to nearest, ties to even. */
function floatBitsToHalfBits(x: number): number {
  const sign = (x >>> 16) & 0x8000;
  const exp = (x >>> 23) & 0xff;
  const mant = x & 0x7fffff;
  if (exp === 0xff) {
    if (mant === 0) return sign | 0x7c00; // ±Inf
    // NaN: keep the top payload bits and force the quiet bit so it never turns into Inf.
    return sign | 0x7c00 | 0x200 | (mant >>> 13);
  }
  const e = exp - 127 + 15; // biased half exponent
  if (e >= 31) return sign | 0x7c00; // too large even before rounding -> ±Inf
  if (e >= 1) {
    let q = (e << 10) | (mant >>> 13);
    const rem = mant & 0x1fff;
    if (rem > 0x1000 || (rem === 0x1000 && (q & 1) === 1)) q += 1; // carry may give Inf: correct
    return sign | q;
  }
  // Half subnormal (or zero): value in units of 2^-24 is M * 2^(e - 14) with M the 24-bit significand.
  if (exp === 0) return sign; // float32 zero or subnormal (< 2^-126) rounds to ±0
  const shift = 14 - e; // >= 14
  if (shift > 24) return sign; // below 2^-25: rounds to ±0 (exact half impossible)
  const m = mant | 0x800000;
  let q = m >>> shift;
  const rem = m & ((1 << shift) - 1);
  const half = 1 << (shift - 1);
  if (rem > half || (rem === half && (q & 1) === 1)) q += 1; // may become 0x400: smallest normal
  return sign | q;
}

/**
 * Converts float16 bit patterns to float32 values via a lazily built 65,536-entry table. Exact for
 * every pattern: subnormals, ±0, ±Inf, and NaN (payload preserved bit for bit).
 */
export function fp16ToFp32(bits: Uint16Array): Float32Array {
  const t = table();
  const out = new Float32Array(bits.length);
  const out32 = new Uint32Array(out.buffer);
  for (let i = 0; i < bits.length; i++) out32[i] = t[bits[i]!]!;
  return out;
}

/**
 * Converts float32 values to float16 bit patterns, rounding to nearest with ties to even. Values
 * that round above 65504 become ±Inf, tiny values become half subnormals or ±0, NaN stays NaN
 * (quiet, top payload bits kept).
 */
export function fp32ToFp16(x: Float32Array): Uint16Array {
  const bits = new Uint32Array(x.buffer, x.byteOffset, x.length);
  const out = new Uint16Array(x.length);
  for (let i = 0; i < bits.length; i++) out[i] = floatBitsToHalfBits(bits[i]!);
  return out;
}

const scratch = new Float32Array(1);
const scratchBits = new Uint32Array(scratch.buffer);

/** Converts one float16 bit pattern (0..65535) to a number. */
export function fp16BitsToNumber(bits: number): number {
  scratchBits[0] = table()[bits & 0xffff]!;
  return scratch[0]!;
}

/**
 * Converts one number to a float16 bit pattern. The number is first rounded to float32 (as when it
 * is stored in a Float32Array), then to half with ties to even, exactly as {@link fp32ToFp16}.
 */
export function numberToFp16Bits(x: number): number {
  scratch[0] = x;
  return floatBitsToHalfBits(scratchBits[0]!);
}
