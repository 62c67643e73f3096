export * from './proto-writer.js';
export { readVarint, readVarintBigInt, iterateFields, fieldString, type ProtoField } from './proto-reader.js';
export * from './graph-builder.js';
export {
  readOnnxModelInfo,
  listValueNames,
  locateGraph,
  onnxElemTypeName,
  type OnnxElemType,
  type OnnxValueInfo,
  type OnnxModelInfo,
  type GraphLocation,
} from './onnx-model-info.js';
export { exposeOutputs, closeMatches } from './expose-outputs.js';
// ORT runtime adapter (ort-module, session, model-config, onnx-causal-lm)
export {
  ortFlavor,
  resolveOrt,
  setOrtRuntime,
  type OrtEnv,
  type OrtInferenceSession,
  type OrtInferenceSessionFactory,
  type OrtModule,
  type OrtSessionOptions,
  type OrtTensor,
  type OrtTensorConstructor,
  type OrtValueMetadata,
} from './ort-module.js';
export { OnnxSession, type CreateSessionOptions, type SessionLogger, type SessionValueInfo } from './session.js';
export {
  HfGenerationConfigSchema,
  HfModelConfigSchema,
  parseGenerationConfig,
  parseJsonFile,
  parseModelConfig,
  type GenerationDefaults,
  type HfGenerationConfig,
  type HfModelConfig,
} from './model-config.js';
export {
  OnnxCausalLM,
  OnnxCausalLMOptionsSchema,
  checkDecoderIO,
  checkDecoderModelBytes,
  createOnnxCausalLM,
  type DecoderValueInfo,
  type OnnxCausalLMOptions,
} from './onnx-causal-lm.js';
export { validateDecoderLayout, type DecoderLayoutSummary, type DecoderLayoutInput, type DecoderLayoutValue } from './decoder-layout.js';
export { readOnnxInitializers } from './onnx-initializers.js';
export { MODEL_DTYPES, MODEL_DTYPE_SUFFIX, externalDataPath, modelFilePath, type ModelDtype } from './model-config-files.js';
export { OnnxModel, OnnxModelOptionsSchema, createOnnxModel, type OnnxModelOptions, type OnnxModelRunOptions } from './onnx-model.js';
export { batchFeeds, positionIdsFromMask, type BatchFeedsOptions, type BatchInputNames } from './batch-feeds.js';
export { TextBatchOptionsSchema, type TextBatchProgress } from './text-batches.js';
export { EMBEDDING_OUTPUTS, EmbedTextsOptionsSchema, embedTexts, type EmbedTextsOptions } from './embed-texts.js';
export { ClassifyTextsOptionsSchema, classifyTexts, type ClassifyTextsOptions, type TextClassification } from './classify-texts.js';
