/** Header of a legacy llama2.c checkpoint (spec core §9.2). */
export interface Llama2cConfig {
  dim: number;
  hiddenDim: number;
  nLayers: number;
  nHeads: number;
  nKvHeads: number;
  /** Absolute vocabulary size (the header stores it negated when the classifier is unshared). */
  vocabSize: number;
  seqLen: number;
  /** True when the classifier reuses `tokenEmbedding` (header vocab_size > 0). */
  sharedClassifier: boolean;
}

/** Weights of a llama2.c checkpoint; every matrix row-major `[out, in]`, stacked per layer. */
export interface Llama2cWeights {
  tokenEmbedding: Float32Array; // [vocab, dim]
  rmsAtt: Float32Array; // [L, dim]
  wq: Float32Array; // [L, nHeads*headDim, dim]
  wk: Float32Array; // [L, nKvHeads*headDim, dim]
  wv: Float32Array; // [L, nKvHeads*headDim, dim]
  wo: Float32Array; // [L, dim, nHeads*headDim]
  rmsFfn: Float32Array; // [L, dim]
  w1: Float32Array; // [L, hidden, dim]
  w2: Float32Array; // [L, dim, hidden]
  w3: Float32Array; // [L, hidden, dim]
  rmsFinal: Float32Array; // [dim]
  /** Legacy RoPE tables stored in the file (not weights): [seqLen, headDim/2] each. */
  freqCisReal: Float32Array;
  freqCisImag: Float32Array;
  /** Classifier [vocab, dim]; equals `tokenEmbedding` when `sharedClassifier`. */
  wcls: Float32Array;
}

/** A parsed llama2.c checkpoint: its config and weights. */
export interface Llama2cCheckpoint {
  config: Llama2cConfig;
  weights: Llama2cWeights;
}
