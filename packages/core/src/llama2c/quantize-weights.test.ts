import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../random/mulberry32.js';
import { catchError } from '../test-utils/expect-error.js';
import { createDriverSession, decoderStep, emptyDecoderState, maxAbsDiff, type OrtFlavor } from '../test-utils/onnx-graph-driver.js';
import { parseLlama2cCheckpoint } from './checkpoint.js';
import type { Llama2cCheckpoint } from './checkpoint-types.js';
import { exportLlama2cOnnx } from './export-onnx.js';
import { dequantizeMatMulNBits, quantizeForMatMulNBits, type WeightBits } from './quantize-weights.js';
import { Llama2cReferenceModel } from './reference-model.js';
import { buildSyntheticCheckpoint } from './synthetic-checkpoint.js';

describe('quantizeForMatMulNBits', () => {
  // one block of 32: w_i = (i − 16) / 16 · 0.7, so max |w| = 0.7 (i = 0)
  const row = Float32Array.from({ length: 32 }, (_, i) => ((i - 16) / 16) * 0.7);

  it('8 bits: scale = 0.7 / 127, codes round(w / scale) + 128 (hand-computed)', () => {
    const q = quantizeForMatMulNBits('w', row, 1, 32, 8);
    expect(q.attributes).toEqual({ K: 32, N: 1, bits: 8, block_size: 32 });
    expect(q.b.dims).toEqual([1, 1, 32]);
    const codes = q.b.rawData!;
    expect(codes[0]).toBe(1); // −0.7 / (0.7/127) = −127
    expect(codes[16]).toBe(128); // 0
    expect(codes[31]).toBe(247); // 0.65625 · 127 / 0.7 = 119.06 → 119
    expect(new DataView(q.scales.rawData!.buffer, q.scales.rawData!.byteOffset).getFloat32(0, true)).toBe(Math.fround(0.7 / 127));
  });

  it('4 bits: scale = 0.1, two codes per byte with the lower index in the low nibble (hand-computed)', () => {
    const q = quantizeForMatMulNBits('w', row, 1, 32, 4);
    expect(q.b.dims).toEqual([1, 1, 16]);
    const codes = q.b.rawData!;
    // i = 0: −7 + 8 = 1; i = 1: −0.65625 / 0.1 = −6.56 → −7 → 1
    expect(codes[0]).toBe(1 | (1 << 4));
    // i = 16: 8; i = 17: 0.04375 / 0.1 → 0 → 8
    expect(codes[8]).toBe(8 | (8 << 4));
    // i = 31: 6.5625 → 7 → 15; i = 30: 0.6125 / 0.1 = 6.125 → 6 → 14
    expect(codes[15]).toBe(14 | (15 << 4));
  });

  it('dequantizes within half a step of every weight, K padded to whole blocks, all-zero blocks exact', () => {
    const rand = mulberry32(3);
    const n = 5;
    const k = 70; // 3 blocks, the last one 6 wide
    const w = Float32Array.from({ length: n * k }, () => (rand() * 2 - 1) * 0.5);
    w.fill(0, 0, 32); // row 0, block 0: all zeros
    for (const bits of [8, 4] as const) {
      const q = quantizeForMatMulNBits('w', w, n, k, bits);
      expect(q.b.dims).toEqual([n, 3, (32 * bits) / 8]);
      expect(q.scales.dims).toEqual([n * 3]);
      const back = dequantizeMatMulNBits(q);
      const qmax = (1 << (bits - 1)) - 1;
      for (let r = 0; r < n; r++) {
        for (let i = 0; i < k; i++) {
          const b = Math.floor(i / 32);
          let amax = 0;
          for (let j = b * 32; j < Math.min(k, b * 32 + 32); j++) amax = Math.max(amax, Math.abs(w[r * k + j]!));
          expect(Math.abs(back[r * k + i]! - w[r * k + i]!)).toBeLessThanOrEqual((amax / qmax) * 0.5 + 1e-7);
        }
      }
      for (let i = 0; i < 32; i++) expect(back[i]).toBe(0);
    }
  });
});

/** The checkpoint whose float weights are exactly what the quantized graph computes with. */
function dequantizedCheckpoint(c: Llama2cCheckpoint, bits: WeightBits): Llama2cCheckpoint {
  const { dim, hiddenDim, nLayers: L, nHeads, nKvHeads, vocabSize } = c.config;
  const kvDim = (nKvHeads * dim) / nHeads;
  const dq = (w: Float32Array, rows: number, k: number) => dequantizeMatMulNBits(quantizeForMatMulNBits('w', w, rows, k, bits));
  const w = c.weights;
  return {
    config: { ...c.config, sharedClassifier: false },
    weights: {
      ...w,
      wq: dq(w.wq, L * dim, dim),
      wk: dq(w.wk, L * kvDim, dim),
      wv: dq(w.wv, L * kvDim, dim),
      wo: dq(w.wo, L * dim, dim),
      w1: dq(w.w1, L * hiddenDim, dim),
      w3: dq(w.w3, L * hiddenDim, dim),
      w2: dq(w.w2, L * dim, hiddenDim),
      wcls: dq(w.wcls, vocabSize, dim),
    },
  };
}

describe("exportLlama2cOnnx({ graph: 'fused', weightBits })", () => {
  // hidden 40 and dim 32: the down projection's K = 40 needs a padded block
  const cfg = { dim: 32, hiddenDim: 40, nLayers: 2, nHeads: 4, nKvHeads: 2, vocabSize: 11, seqLen: 32 };

  it('refuses the plain graph and records the quantization in config.json and the model metadata', () => {
    const c = parseLlama2cCheckpoint(buildSyntheticCheckpoint(cfg, 2));
    const e = catchError(() => exportLlama2cOnnx(c, { weightBits: 8 }));
    expect(e.code).toBe('INVALID_ARGUMENT');
    expect(e.message).toContain("weightBits needs graph: 'fused'");
    const exported = exportLlama2cOnnx(c, { graph: 'fused', weightBits: 4 });
    expect((exported.config.reasonkit as { weightBits: number }).weightBits).toBe(4);
    expect(Buffer.from(exported.model).includes('MatMulNBits')).toBe(true);
    expect(exported.model.length).toBeLessThan(exportLlama2cOnnx(c, { graph: 'fused' }).model.length);
  });

  // float activations (accuracy_level 0): exactly the dequantized weights; int8 activations
  // (accuracy_level 4, the default) on onnxruntime-node: close to them (observed max |Δlogit|
  // 0.07 here), the wasm kernels compute with float activations either way.
  const cases = [
    ['node', 8, true, false, 1e-4],
    ['node', 4, false, false, 1e-4],
    ['web', 8, true, false, 1e-4],
    ['web', 4, false, false, 1e-4],
    ['node', 8, true, true, 0.2],
    ['node', 4, false, true, 0.2],
    ['web', 4, false, true, 1e-4],
  ] as const;
  for (const [flavor, bits, sharedClassifier, quantizedActivations, tol] of cases) {
    it(`computes the reference model over the dequantized weights on ORT-${flavor} to ${tol} (${bits} bits, ${sharedClassifier ? 'shared' : 'separate'} classifier, ${quantizedActivations ? 'int8' : 'float'} activations)`, async () => {
      const c = parseLlama2cCheckpoint(buildSyntheticCheckpoint({ ...cfg, sharedClassifier }, 7));
      const ref = new Llama2cReferenceModel(dequantizedCheckpoint(c, bits));
      const session = await createDriverSession(flavor as OrtFlavor, exportLlama2cOnnx(c, { graph: 'fused', weightBits: bits, quantizedActivations }).model);
      try {
        const ids = [1, 4, 9, 2, 7, 7, 3];
        const pre = await decoderStep(session, emptyDecoderState(2, 2, 8), ids.slice(0, 4));
        const refPre = ref.forwardSync({ inputIds: ids.slice(0, 4) });
        expect(maxAbsDiff(pre.outputs.logits!.data, refPre.logits.data)).toBeLessThan(tol);
        let state = pre.state;
        let cache = refPre.cache;
        for (const id of ids.slice(4)) {
          const r = await decoderStep(session, state, [id]);
          const rr = ref.forwardSync({ inputIds: [id], cache });
          expect(maxAbsDiff(r.outputs.logits!.data, rr.logits.data)).toBeLessThan(tol);
          state = r.state;
          cache = rr.cache;
        }
      } finally {
        await session.release();
      }
    });
  }
});
