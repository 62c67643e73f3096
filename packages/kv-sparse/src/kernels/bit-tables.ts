/** `POPCOUNT[m]`: set bits of byte m. */
export const POPCOUNT: Uint8Array = /* @__PURE__ */ (() => {
  const t = new Uint8Array(256);
  for (let m = 1; m < 256; m++) t[m] = (m & 1) + t[m >> 1]!;
  return t;
})();

/** `BIT_POSITIONS[8m + i]`: position of the i-th set bit of byte m (ascending). */
export const BIT_POSITIONS: Uint8Array = /* @__PURE__ */ (() => {
  const t = new Uint8Array(256 * 8);
  for (let m = 0; m < 256; m++) {
    let i = 0;
    for (let j = 0; j < 8; j++) if (m & (1 << j)) t[m * 8 + i++] = j;
  }
  return t;
})();

/**
 * Fills `lut[p·256 + m] = Σ_{j ∈ bits(m)} w[8p + j]` for every byte position p (spec §9.4 step
 * 2): one add per entry, built from the entry without the lowest set bit.
 */
export function buildByteLut(w: Float32Array, headDim: number, lut: Float32Array): void {
  const nb = Math.ceil(headDim / 8);
  for (let p = 0; p < nb; p++) {
    const base = p * 256;
    lut[base] = 0;
    for (let m = 1; m < 256; m++) {
      const low = m & -m;
      const j = 31 - Math.clz32(low);
      const c = 8 * p + j;
      lut[base + m] = lut[base + (m ^ low)]! + (c < headDim ? w[c]! : 0);
    }
  }
}
