import { ReasonkitError } from '../errors/reasonkit-error.js';
import type { Llama2cConfig } from './checkpoint-types.js';
import { LLAMA2C_HEADER_BYTES, llama2cFloatCount } from './checkpoint.js';
import { mulberry32 } from '../random/mulberry32.js';

/** Shape of a synthetic checkpoint; `sharedClassifier` defaults to true (vocab stored positive). */
export type SyntheticCheckpointConfig = Omit<Llama2cConfig, 'sharedClassifier'> & { sharedClassifier?: boolean };

/**
 * Builds the bytes of a legacy llama2.c checkpoint (spec core §9.2) with seeded pseudo-random
 * weights, for tests that must not depend on the real stories260K file. Deterministic for a given
 * `(config, seed)`. Matrices are uniform in `±1/sqrt(in)`, RMSNorm weights in `[0.5, 1.5]`,
 * embeddings uniform in `±1`; the legacy `freq_cis` tables hold the exact RoPE cos/sin values.
 */
export function buildSyntheticCheckpoint(config: SyntheticCheckpointConfig, seed = 1): Uint8Array {
  const full: Llama2cConfig = { ...config, sharedClassifier: config.sharedClassifier ?? true };
  const { dim, hiddenDim, nLayers, nHeads, nKvHeads, vocabSize, seqLen } = full;
  for (const [name, v] of Object.entries({ dim, hiddenDim, nLayers, nHeads, nKvHeads, vocabSize, seqLen })) {
    if (!Number.isInteger(v) || v <= 0) {
      throw new ReasonkitError('INVALID_ARGUMENT', `buildSyntheticCheckpoint: config.${name} is ${v}; it must be a positive integer`, {
        field: `config.${name}`,
        actual: v,
      });
    }
  }
  if (dim % nHeads !== 0 || nHeads % nKvHeads !== 0 || (dim / nHeads) % 2 !== 0) {
    throw new ReasonkitError(
      'INVALID_ARGUMENT',
      `buildSyntheticCheckpoint: need dim % nHeads == 0, nHeads % nKvHeads == 0 and an even head dim (got dim ${dim}, nHeads ${nHeads}, nKvHeads ${nKvHeads})`,
      { field: 'config.dim' },
    );
  }
  const headDim = dim / nHeads;
  const kvDim = nKvHeads * headDim;
  const count = llama2cFloatCount(full);
  const bytes = new Uint8Array(LLAMA2C_HEADER_BYTES + 4 * count);
  const view = new DataView(bytes.buffer);
  const header = [dim, hiddenDim, nLayers, nHeads, nKvHeads, full.sharedClassifier ? vocabSize : -vocabSize, seqLen];
  header.forEach((v, i) => view.setInt32(i * 4, v, true));

  const rand = mulberry32(seed);
  let offset = LLAMA2C_HEADER_BYTES;
  const put = (x: number): void => {
    view.setFloat32(offset, x, true);
    offset += 4;
  };
  const uniform = (n: number, scale: number): void => {
    for (let i = 0; i < n; i++) put((rand() * 2 - 1) * scale);
  };
  const norm = (n: number): void => {
    for (let i = 0; i < n; i++) put(0.5 + rand());
  };
  uniform(vocabSize * dim, 1); // token_embedding
  norm(nLayers * dim); // rms_att
  uniform(nLayers * dim * dim, 1 / Math.sqrt(dim)); // wq
  uniform(nLayers * kvDim * dim, 1 / Math.sqrt(dim)); // wk
  uniform(nLayers * kvDim * dim, 1 / Math.sqrt(dim)); // wv
  uniform(nLayers * dim * dim, 1 / Math.sqrt(dim)); // wo
  norm(nLayers * dim); // rms_ffn
  uniform(nLayers * hiddenDim * dim, 1 / Math.sqrt(dim)); // w1
  uniform(nLayers * dim * hiddenDim, 1 / Math.sqrt(hiddenDim)); // w2
  uniform(nLayers * hiddenDim * dim, 1 / Math.sqrt(dim)); // w3
  norm(dim); // rms_final
  for (const fn of [Math.cos, Math.sin]) {
    for (let pos = 0; pos < seqLen; pos++) {
      for (let j = 0; j < headDim / 2; j++) put(fn(pos * Math.pow(10000, (-2 * j) / headDim)));
    }
  }
  if (!full.sharedClassifier) uniform(vocabSize * dim, 1 / Math.sqrt(dim)); // wcls
  return bytes;
}
