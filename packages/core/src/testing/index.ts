export { buildSyntheticCheckpoint, type SyntheticCheckpointConfig } from '../llama2c/synthetic-checkpoint.js';
export { createFakeTextModel, createScriptedTextModel, pseudoTokens, type ScriptedReply, type ScriptedReplyFunction, type ScriptedTextModel, type ScriptedTextModelOptions } from '../text-model/scripted-text-model.js';
export { buildTinyDecoder, tinyDecoderConfig, TinyDecoderOptionsSchema, type TinyDecoderOptions } from './tiny-decoder.js';
export { buildTinyEncoder, TinyEncoderOptionsSchema, type TinyEncoderOptions, type TinyEncoderWeights } from './tiny-encoder.js';
export { tinyWordLevelTokenizerJson, type TinyWordLevelTokenizerOptions } from './tiny-word-tokenizer.js';
export { buildLlama2cOnnx } from '../llama2c/export-onnx.js';
export {
  createScriptedCausalLM,
  ScriptedCausalLMOptionsSchema,
  type ScriptedCausalLM,
  type ScriptedCausalLMOptions,
  type ScriptedCausalStep,
  type ScriptedForwardCall,
  type ScriptedForwardContext,
  type ScriptedRow,
} from './scripted-causal-lm.js';
export {
  runStories260KOracle,
  STORIES260K_FILES,
  STORIES260K_ORACLE_57,
  STORIES260K_ORACLE_FIRST_IDS,
  STORIES260K_ORACLE_FULL,
  STORIES260K_ORACLE_PROMPT,
  STORIES260K_ORACLE_PROMPT_IDS,
  type Stories260KOracleResult,
} from './stories260k-oracle.js';
