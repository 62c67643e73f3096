import { LLAMA2C_ROPE_THETA } from './reference-model.js';

/**
 * RoPE cos/sin tables `[maxPositions, headDim/2]` by the formula `cos/sin(pos·θ_base^(−2j/headDim))`
 * (computed in double, stored as float32, as the TS reference model does), not copied from the
 * checkpoint's legacy `freq_cis` block.
 */
export function llama2cRopeTables(maxPositions: number, headDim: number, theta = LLAMA2C_ROPE_THETA): { cos: Float32Array; sin: Float32Array } {
  const half = headDim / 2;
  const cos = new Float32Array(maxPositions * half);
  const sin = new Float32Array(maxPositions * half);
  for (let j = 0; j < half; j++) {
    const freq = Math.pow(theta, (-2 * j) / headDim);
    for (let pos = 0; pos < maxPositions; pos++) {
      cos[pos * half + j] = Math.cos(pos * freq);
      sin[pos * half + j] = Math.sin(pos * freq);
    }
  }
  return { cos, sin };
}
