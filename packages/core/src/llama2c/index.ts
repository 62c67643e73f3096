export type { Llama2cCheckpoint, Llama2cConfig, Llama2cWeights } from './checkpoint-types.js';
export { LLAMA2C_HEADER_BYTES, LLAMA2C_VERSIONED_MAGIC, llama2cFloatCount, parseLlama2cCheckpoint } from './checkpoint.js';
export { LLAMA2C_BOS_ID, LLAMA2C_EOS_ID, Llama2cTokenizer, parseLlama2cTokenizer, type Llama2cPiece } from './llama2c-tokenizer.js';
export { llama2cTokenizerToHfJson, tokenizerConfigFor } from './llama2c-to-hf.js';
export {
  LLAMA2C_RMS_EPS,
  LLAMA2C_ROPE_THETA,
  Llama2cReferenceModel,
  Llama2cReferenceOptionsSchema,
  type Llama2cAttentionFn,
  type Llama2cAttentionInput,
  type Llama2cAttentionResult,
  type Llama2cReferenceOptions,
} from './reference-model.js';
export { exportLlama2cOnnx, ExportLlama2cOnnxOptionsSchema, llama2cRopeTables, type ExportLlama2cOnnxOptions, type Llama2cOnnxExport } from './export-onnx.js';
export { llama2cCheckpointFromOnnx } from './checkpoint-from-onnx.js';
