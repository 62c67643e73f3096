import { ReasonkitError } from '../errors/reasonkit-error.js';
import type { Llama2cCheckpoint, Llama2cConfig, Llama2cWeights } from './checkpoint-types.js';

/** Bytes of the legacy header: 7 little-endian int32 (spec core §9.2). */
export const LLAMA2C_HEADER_BYTES = 28;

/** Magic of llama2.c's later versioned formats ("ak42" read as a little-endian uint32). */
export const LLAMA2C_VERSIONED_MAGIC = 0x616b3432;

const HEADER_FIELDS = ['dim', 'hidden_dim', 'n_layers', 'n_heads', 'n_kv_heads', 'vocab_size', 'seq_len'] as const;

/**
 * Number of float32 values that follow the header for `config` (spec core §9.2, in file order:
 * embedding, rms_att, wq, wk, wv, wo, rms_ffn, w1, w2, w3, rms_final, freq_cis real + imag, and
 * `wcls` only when the classifier is unshared).
 */
export function llama2cFloatCount(config: Llama2cConfig): number {
  const { dim, hiddenDim, nLayers, nHeads, nKvHeads, vocabSize, seqLen } = config;
  const headDim = dim / nHeads;
  const kvDim = nKvHeads * headDim;
  return (
    vocabSize * dim +
    nLayers * dim + // rms_att
    nLayers * dim * dim + // wq
    nLayers * kvDim * dim * 2 + // wk, wv
    nLayers * dim * dim + // wo
    nLayers * dim + // rms_ffn
    nLayers * hiddenDim * dim * 3 + // w1, w2, w3
    dim + // rms_final
    seqLen * (headDim / 2) * 2 + // freq_cis real + imag
    (config.sharedClassifier ? 0 : vocabSize * dim)
  );
}

/**
 * Parses a legacy llama2.c checkpoint (header + float32, spec core §9.2). `source` names the
 * file in error messages. The weights are `Float32Array`s over one aligned copy of the payload,
 * so `bytes` may sit at any offset. Throws `CHECKPOINT_INVALID` for versioned ("ak42") files, bad
 * header values (naming the field) and a size other than `28 + 4·count` (stating both sizes).
 */
export function parseLlama2cCheckpoint(bytes: Uint8Array, source = '<bytes>'): Llama2cCheckpoint {
  if (bytes.byteLength < LLAMA2C_HEADER_BYTES) {
    throw new ReasonkitError(
      'CHECKPOINT_INVALID',
      `${source}: llama2.c checkpoint is ${bytes.byteLength} bytes, shorter than its ${LLAMA2C_HEADER_BYTES}-byte header`,
      { file: source, expected: LLAMA2C_HEADER_BYTES, actual: bytes.byteLength },
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0, true) === LLAMA2C_VERSIONED_MAGIC) {
    throw new ReasonkitError(
      'CHECKPOINT_INVALID',
      `${source}: versioned llama2.c checkpoint (magic "ak42") is unsupported; export it with llama2.c's legacy format (version 0 / legacy_export)`,
      { file: source, field: 'magic', actual: LLAMA2C_VERSIONED_MAGIC },
    );
  }
  const raw = HEADER_FIELDS.map((_, i) => view.getInt32(i * 4, true));
  const [dim, hiddenDim, nLayers, nHeads, nKvHeads, rawVocab, seqLen] = raw as [
    number, number, number, number, number, number, number,
  ];
  for (const [i, name] of HEADER_FIELDS.entries()) {
    const v = raw[i]!;
    const ok = name === 'vocab_size' ? v !== 0 : v > 0;
    if (!ok) {
      throw new ReasonkitError(
        'CHECKPOINT_INVALID',
        `${source}: header field ${name} is ${v}; it must be ${name === 'vocab_size' ? 'non-zero' : 'positive'}`,
        { file: source, field: name, actual: v },
      );
    }
  }
  if (dim % nHeads !== 0) {
    throw new ReasonkitError('CHECKPOINT_INVALID', `${source}: header field dim (${dim}) is not divisible by n_heads (${nHeads})`, {
      file: source,
      field: 'dim',
      actual: dim,
    });
  }
  if (nHeads % nKvHeads !== 0) {
    throw new ReasonkitError(
      'CHECKPOINT_INVALID',
      `${source}: header field n_heads (${nHeads}) is not divisible by n_kv_heads (${nKvHeads})`,
      { file: source, field: 'n_kv_heads', actual: nKvHeads },
    );
  }
  const headDim = dim / nHeads;
  if (headDim % 2 !== 0) {
    throw new ReasonkitError(
      'CHECKPOINT_INVALID',
      `${source}: head_dim = dim/n_heads = ${headDim} must be even for RoPE`,
      { file: source, field: 'dim', actual: dim },
    );
  }
  const config: Llama2cConfig = {
    dim,
    hiddenDim,
    nLayers,
    nHeads,
    nKvHeads,
    vocabSize: Math.abs(rawVocab),
    seqLen,
    sharedClassifier: rawVocab > 0,
  };
  const count = llama2cFloatCount(config);
  const expectedBytes = LLAMA2C_HEADER_BYTES + 4 * count;
  if (bytes.byteLength !== expectedBytes) {
    throw new ReasonkitError(
      'CHECKPOINT_INVALID',
      `${source}: llama2.c checkpoint size mismatch: header (${raw.join(', ')}) implies ${expectedBytes} bytes (28 + 4·${count}) but the file has ${bytes.byteLength} bytes`,
      { file: source, expected: expectedBytes, actual: bytes.byteLength },
    );
  }

  // One aligned little-endian copy of the payload.
  const floats = new Float32Array(count);
  if (isLittleEndian()) {
    new Uint8Array(floats.buffer).set(bytes.subarray(LLAMA2C_HEADER_BYTES));
  } else {
    for (let i = 0; i < count; i++) floats[i] = view.getFloat32(LLAMA2C_HEADER_BYTES + 4 * i, true);
  }
  let offset = 0;
  const take = (n: number): Float32Array => {
    const out = floats.subarray(offset, offset + n);
    offset += n;
    return out;
  };
  const kvDim = nKvHeads * headDim;
  const V = config.vocabSize;
  const L = nLayers;
  const tokenEmbedding = take(V * dim);
  const rmsAtt = take(L * dim);
  const wq = take(L * dim * dim);
  const wk = take(L * kvDim * dim);
  const wv = take(L * kvDim * dim);
  const wo = take(L * dim * dim);
  const rmsFfn = take(L * dim);
  const w1 = take(L * hiddenDim * dim);
  const w2 = take(L * dim * hiddenDim);
  const w3 = take(L * hiddenDim * dim);
  const rmsFinal = take(dim);
  const freqCisReal = take((seqLen * headDim) / 2);
  const freqCisImag = take((seqLen * headDim) / 2);
  const wcls = config.sharedClassifier ? tokenEmbedding : take(V * dim);
  const weights: Llama2cWeights = {
    tokenEmbedding,
    rmsAtt,
    wq,
    wk,
    wv,
    wo,
    rmsFfn,
    w1,
    w2,
    w3,
    rmsFinal,
    freqCisReal,
    freqCisImag,
    wcls,
  };
  return { config, weights };
}

function isLittleEndian(): boolean {
  return new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
}
