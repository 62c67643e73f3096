import { describe, expect, it } from 'vitest';
import { ReasonkitError } from '../errors/reasonkit-error.js';
import { parseLlama2cCheckpoint } from './checkpoint.js';
import { llama2cCheckpointFromOnnx } from './checkpoint-from-onnx.js';
import { exportLlama2cOnnx } from './export-onnx.js';
import { buildSyntheticCheckpoint } from './synthetic-checkpoint.js';

const config = { dim: 16, hiddenDim: 24, nLayers: 2, nHeads: 4, nKvHeads: 2, vocabSize: 40, seqLen: 32 };

describe('llama2cCheckpointFromOnnx', () => {
  for (const shared of [true, false]) {
    it(`recovers every weight exactly from the export (${shared ? 'shared' : 'separate'} classifier)`, () => {
      const ckpt = parseLlama2cCheckpoint(buildSyntheticCheckpoint({ ...config, sharedClassifier: shared }, 7));
      // with every extra output, so `--runtime reference` runs any converted directory
      const exported = exportLlama2cOnnx(ckpt, shared ? { exposeHiddenStates: true, exposeQueries: true, exposeAttentions: true } : {});
      const back = llama2cCheckpointFromOnnx(exported.model, exported.config);
      expect(back.config).toEqual(ckpt.config);
      for (const key of ['tokenEmbedding', 'rmsAtt', 'wq', 'wk', 'wv', 'wo', 'rmsFfn', 'w1', 'w2', 'w3', 'rmsFinal', 'wcls'] as const) {
        expect(back.weights[key], key).toEqual(ckpt.weights[key]);
      }
      // RoPE tables are recomputed; the stored ones were written by the same formula.
      for (let i = 0; i < ckpt.weights.freqCisReal.length; i++) {
        expect(Math.abs(back.weights.freqCisReal[i]! - ckpt.weights.freqCisReal[i]!)).toBeLessThan(1e-6);
      }
    });
  }

  for (const shared of [true, false]) {
    it(`recovers every weight exactly from the fused export, splitting packed QKV and gate/up (${shared ? 'shared' : 'separate'} classifier)`, () => {
      const ckpt = parseLlama2cCheckpoint(buildSyntheticCheckpoint({ ...config, dim: 32, sharedClassifier: shared }, 9));
      const exported = exportLlama2cOnnx(ckpt, { graph: 'fused' });
      const back = llama2cCheckpointFromOnnx(exported.model, exported.config);
      expect(back.config).toEqual(ckpt.config);
      for (const key of ['tokenEmbedding', 'rmsAtt', 'wq', 'wk', 'wv', 'wo', 'rmsFfn', 'w1', 'w2', 'w3', 'rmsFinal', 'wcls'] as const) {
        expect(back.weights[key], key).toEqual(ckpt.weights[key]);
      }
    });
  }

  it('names the config field and the missing initializer', () => {
    const ckpt = parseLlama2cCheckpoint(buildSyntheticCheckpoint({ ...config, sharedClassifier: true }, 1));
    const exported = exportLlama2cOnnx(ckpt);
    expect(() => llama2cCheckpointFromOnnx(exported.model, { ...exported.config, hidden_size: undefined })).toThrowError(
      /config.json: hidden_size must be a positive integer/,
    );
    try {
      llama2cCheckpointFromOnnx(exported.model, { ...exported.config, num_hidden_layers: 3 });
      expect.unreachable();
    } catch (e) {
      expect(ReasonkitError.is(e, 'ONNX_INVALID')).toBe(true);
      expect((e as ReasonkitError).details.tensor).toBe('model.layers.2.input_layernorm.weight');
    }
  });
  it('says a quantized export has no float32 weights to recover', () => {
    const ckpt = parseLlama2cCheckpoint(buildSyntheticCheckpoint({ ...config, dim: 32, sharedClassifier: true }, 3));
    const exported = exportLlama2cOnnx(ckpt, { graph: 'fused', weightBits: 8 });
    try {
      llama2cCheckpointFromOnnx(exported.model, exported.config);
      expect.unreachable();
    } catch (e) {
      expect(ReasonkitError.is(e, 'ONNX_INVALID')).toBe(true);
      expect((e as ReasonkitError).message).toMatch(/8-bit quantized weights .*--int8.*ONNX Runtime/);
      expect((e as ReasonkitError).details.field).toBe('reasonkit.weightBits');
    }
  });
});
