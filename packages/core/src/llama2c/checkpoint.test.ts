import { describe, expect, it } from 'vitest';
import { checkpointPath, haveReferenceModel, readCheckpoint } from '../test-utils/shared-models.js';
import { llama2cFloatCount, parseLlama2cCheckpoint } from './checkpoint.js';
import { buildSyntheticCheckpoint } from './synthetic-checkpoint.js';
import { catchError } from '../test-utils/expect-error.js';


describe.skipIf(!haveReferenceModel)('parseLlama2cCheckpoint on stories260K (spec §9.2)', () => {
  const bytes = haveReferenceModel ? readCheckpoint() : new Uint8Array();

  it('reads the header (64, 172, 5, 8, 4, 512, 512) and accepts the 1,056,540-byte file', () => {
    expect(bytes.byteLength).toBe(1_056_540);
    const { config, weights } = parseLlama2cCheckpoint(bytes, checkpointPath);
    expect(config).toEqual({
      dim: 64,
      hiddenDim: 172,
      nLayers: 5,
      nHeads: 8,
      nKvHeads: 4,
      vocabSize: 512,
      seqLen: 512,
      sharedClassifier: true,
    });
    expect(llama2cFloatCount(config)).toBe(264_128);
    expect(weights.tokenEmbedding.length).toBe(32_768);
    expect(weights.wq.length).toBe(20_480);
    expect(weights.wk.length).toBe(10_240);
    expect(weights.w2.length).toBe(55_040);
    expect(weights.freqCisReal.length).toBe(2_048);
    expect(weights.wcls).toBe(weights.tokenEmbedding);
  });

  it('rejects a copy truncated by 4 bytes, stating expected and actual sizes', () => {
    const e = catchError(() => parseLlama2cCheckpoint(bytes.subarray(0, bytes.byteLength - 4), 'stories-truncated.bin'));
    expect(e.code).toBe('CHECKPOINT_INVALID');
    expect(e.message).toContain('1056540');
    expect(e.message).toContain('1056536');
    expect(e.details).toMatchObject({ file: 'stories-truncated.bin', expected: 1_056_540, actual: 1_056_536 });
  });

  it('stores RoPE tables equal to cos/sin(pos·10000^(−2j/head_dim)) within 1e-5', () => {
    const { config, weights } = parseLlama2cCheckpoint(bytes);
    const half = config.dim / config.nHeads / 2;
    const headDim = half * 2;
    let maxErr = 0;
    for (let pos = 0; pos < config.seqLen; pos++) {
      for (let j = 0; j < half; j++) {
        const theta = pos * Math.pow(10000, (-2 * j) / headDim);
        maxErr = Math.max(maxErr, Math.abs(weights.freqCisReal[pos * half + j]! - Math.cos(theta)));
        maxErr = Math.max(maxErr, Math.abs(weights.freqCisImag[pos * half + j]! - Math.sin(theta)));
      }
    }
    expect(maxErr).toBeLessThan(1e-5);
    const cosRow1 = [...weights.freqCisReal.subarray(half, 2 * half)];
    [0.540302, 0.995004, 0.99995, 1.0].forEach((v, j) => expect(cosRow1[j]).toBeCloseTo(v, 5));
  });

  it('reads weights from an unaligned byte offset identically', () => {
    const shifted = new Uint8Array(bytes.byteLength + 1);
    shifted.set(bytes, 1);
    const a = parseLlama2cCheckpoint(bytes);
    const b = parseLlama2cCheckpoint(shifted.subarray(1));
    expect(b.weights.w3).toEqual(a.weights.w3);
  });
});

describe('parseLlama2cCheckpoint on synthetic checkpoints', () => {
  const cfg = { dim: 16, hiddenDim: 24, nLayers: 2, nHeads: 4, nKvHeads: 2, vocabSize: 11, seqLen: 8 };

  it('round-trips a shared-classifier checkpoint and is deterministic per seed', () => {
    const bytes = buildSyntheticCheckpoint(cfg, 7);
    const { config, weights } = parseLlama2cCheckpoint(bytes);
    expect(config).toEqual({ ...cfg, sharedClassifier: true });
    expect(bytes.byteLength).toBe(28 + 4 * llama2cFloatCount(config));
    expect(weights.wcls).toBe(weights.tokenEmbedding);
    expect(buildSyntheticCheckpoint(cfg, 7)).toEqual(bytes);
    expect(buildSyntheticCheckpoint(cfg, 8)).not.toEqual(bytes);
    // RoPE table at pos 1, j 0 is cos(1)
    expect(weights.freqCisReal[2]).toBeCloseTo(Math.cos(1), 6);
  });

  it('reads a negative vocab size as an unshared classifier stored after freq_cis', () => {
    const bytes = buildSyntheticCheckpoint({ ...cfg, sharedClassifier: false }, 3);
    expect(new DataView(bytes.buffer).getInt32(20, true)).toBe(-11);
    const { config, weights } = parseLlama2cCheckpoint(bytes);
    expect(config.vocabSize).toBe(11);
    expect(config.sharedClassifier).toBe(false);
    expect(weights.wcls).not.toBe(weights.tokenEmbedding);
    expect(weights.wcls.length).toBe(11 * 16);
    const tail = new Float32Array(bytes.slice(bytes.byteLength - 4 * 11 * 16).buffer);
    expect(weights.wcls).toEqual(tail);
  });

  it('rejects the versioned "ak42" format', () => {
    const bytes = buildSyntheticCheckpoint(cfg, 1);
    new DataView(bytes.buffer).setUint32(0, 0x616b3432, true);
    const e = catchError(() => parseLlama2cCheckpoint(bytes, 'v1.bin'));
    expect(e.code).toBe('CHECKPOINT_INVALID');
    expect(e.message).toMatch(/ak42/);
    expect(e.details.file).toBe('v1.bin');
  });

  it('names the header field at fault', () => {
    const set = (index: number, v: number): Uint8Array => {
      const bytes = buildSyntheticCheckpoint(cfg, 1);
      new DataView(bytes.buffer).setInt32(index * 4, v, true);
      return bytes;
    };
    expect(catchError(() => parseLlama2cCheckpoint(set(2, 0))).details.field).toBe('n_layers');
    expect(catchError(() => parseLlama2cCheckpoint(set(6, -3))).details.field).toBe('seq_len');
    expect(catchError(() => parseLlama2cCheckpoint(set(5, 0))).details.field).toBe('vocab_size');
    expect(catchError(() => parseLlama2cCheckpoint(set(3, 3))).message).toMatch(/dim \(16\) is not divisible by n_heads \(3\)/);
    expect(catchError(() => parseLlama2cCheckpoint(set(4, 3))).details.field).toBe('n_kv_heads');
    expect(catchError(() => parseLlama2cCheckpoint(new Uint8Array(10), 'tiny.bin')).message).toMatch(/tiny\.bin.*10 bytes/);
  });

  it('rejects trailing bytes', () => {
    const bytes = buildSyntheticCheckpoint(cfg, 1);
    const longer = new Uint8Array(bytes.byteLength + 4);
    longer.set(bytes);
    const e = catchError(() => parseLlama2cCheckpoint(longer, 'long.bin'));
    expect(e.details).toMatchObject({ expected: bytes.byteLength, actual: bytes.byteLength + 4, file: 'long.bin' });
  });
});
