export { buildSyntheticCheckpoint, type SyntheticCheckpointConfig } from '../llama2c/synthetic-checkpoint.js';
export { createFakeTextModel, createScriptedTextModel, pseudoTokens, type ScriptedReply, type ScriptedReplyFunction, type ScriptedTextModel, type ScriptedTextModelOptions } from '../text-model/scripted-text-model.js';
export { buildTinyDecoder, tinyDecoderConfig, TinyDecoderOptionsSchema, type TinyDecoderOptions } from './tiny-decoder.js';
export { buildLlama2cOnnx } from '../llama2c/export-onnx.js';
