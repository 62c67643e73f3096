import { floatTensor, OnnxDataType, type TensorProtoData } from '../onnx/proto-writer.js';

/** Bits per weight of a `MatMulNBits` export: 8 or 4. */
export type WeightBits = 4 | 8;

/** Block size along the input dimension of `MatMulNBits` (our choice: 32, ONNX Runtime's usual). */
export const QUANT_BLOCK_SIZE = 32;

/** One weight matrix quantized for ONNX Runtime's `MatMulNBits` (com.microsoft). */
export interface QuantizedWeight {
  /** `[N, kBlocks, blockSize · bits / 8]` packed codes. */
  b: TensorProtoData;
  /** `[N · kBlocks]` float scales. */
  scales: TensorProtoData;
  /** `MatMulNBits` attributes. */
  attributes: { K: number; N: number; bits: WeightBits; block_size: number };
}

/**
 * Quantizes a row-major `[N, K]` weight (`N` outputs, `K` inputs: llama2.c's `[out, in]`) for
 * `MatMulNBits` with symmetric blocks of 32 inputs: per block `scale = max|w| / (2^(bits−1) − 1)`,
 * code `round(w / scale) + 2^(bits−1)` clamped to `[0, 2^bits − 1]`, no zero-point input (ONNX
 * Runtime then uses `2^(bits−1)`), so `w ≈ (code − 2^(bits−1)) · scale`. `K` is padded to a whole
 * block with zero weights. 4-bit codes pack two per byte, the lower index in the low nibble.
 */
export function quantizeForMatMulNBits(name: string, w: Float32Array, n: number, k: number, bits: WeightBits): QuantizedWeight {
  const bs = QUANT_BLOCK_SIZE;
  const kBlocks = Math.ceil(k / bs);
  const blob = (bs * bits) / 8;
  const codes = new Uint8Array(n * kBlocks * blob);
  const scales = new Float32Array(n * kBlocks);
  const zero = 1 << (bits - 1);
  const maxCode = (1 << bits) - 1;
  const qmax = zero - 1;
  for (let row = 0; row < n; row++) {
    for (let b = 0; b < kBlocks; b++) {
      const start = row * k + b * bs;
      const len = Math.min(bs, k - b * bs);
      let amax = 0;
      for (let i = 0; i < len; i++) amax = Math.max(amax, Math.abs(w[start + i]!));
      const scale = amax / qmax;
      const s = Math.fround(scale);
      scales[row * kBlocks + b] = s;
      const out = (row * kBlocks + b) * blob;
      for (let i = 0; i < bs; i++) {
        const q = i < len && s > 0 ? Math.min(maxCode, Math.max(0, Math.round(w[start + i]! / s) + zero)) : zero;
        if (bits === 8) codes[out + i] = q;
        else codes[out + (i >> 1)]! |= (i & 1) === 0 ? q : q << 4;
      }
    }
  }
  return {
    b: { name, dataType: OnnxDataType.UINT8, dims: [n, kBlocks, blob], rawData: codes },
    scales: floatTensor(`${name}_scales`, scales, [n * kBlocks]),
    attributes: { K: k, N: n, bits, block_size: bs },
  };
}

/** Inverse of `quantizeForMatMulNBits` (for tests and error reports): the `[N, K]` weights the graph computes with. */
export function dequantizeMatMulNBits(q: QuantizedWeight): Float32Array {
  const { K: k, N: n, bits, block_size: bs } = q.attributes;
  const kBlocks = Math.ceil(k / bs);
  const blob = (bs * bits) / 8;
  const codes = q.b.rawData!;
  const raw = q.scales.rawData!;
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const scales = Float32Array.from({ length: raw.byteLength / 4 }, (_, i) => view.getFloat32(4 * i, true));
  const zero = 1 << (bits - 1);
  const out = new Float32Array(n * k);
  for (let row = 0; row < n; row++) {
    for (let i = 0; i < k; i++) {
      const b = Math.floor(i / bs);
      const j = i % bs;
      const at = (row * kBlocks + b) * blob;
      const code = bits === 8 ? codes[at + j]! : (codes[at + (j >> 1)]! >> ((j & 1) * 4)) & 15;
      out[row * k + i] = (code - zero) * scales[row * kBlocks + b]!;
    }
  }
  return out;
}
