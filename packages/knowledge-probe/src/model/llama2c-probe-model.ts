import { exportLlama2cOnnx, parseLlama2cCheckpoint, parseLlama2cTokenizer, type OrtModule, type TextModel } from '@reasonkit/core';
import { createOnnxProbeModel } from './onnx-probe-model.js';
import type { ProbeModel } from './probe-model.js';

/** Options of the llama2.c probe model. */
export interface Llama2cProbeModelOptions {
  /** llama2.c checkpoint bytes (`stories260K.bin`). */
  checkpoint: Uint8Array;
  /** llama2.c tokenizer bytes (`tok512.bin`). */
  tokenizer: Uint8Array;
  /** Default `'llama2c'`. */
  id?: string;
  ort?: OrtModule;
  threads?: number;
  /** Export `attentions.{l}` (explicit softmax outputs). Default true (our choice: capability `attentionProbs`). */
  attentions?: boolean;
  textModel?: TextModel;
}

/**
 * A probe model of a llama2.c checkpoint: core's `exportLlama2cOnnx` with hidden states, queries
 * and (by default) attention weights exposed, run on the given ORT, with every capability but
 * `text` (pass `textModel` for that).
 */
export async function createLlama2cProbeModel(options: Llama2cProbeModelOptions): Promise<ProbeModel> {
  const checkpoint = parseLlama2cCheckpoint(options.checkpoint);
  const tokenizer = parseLlama2cTokenizer(options.tokenizer, checkpoint.config.vocabSize);
  const exported = exportLlama2cOnnx(checkpoint, { exposeHiddenStates: true, exposeQueries: true, exposeAttentions: options.attentions ?? true });
  return createOnnxProbeModel({
    model: exported.model,
    config: exported.config,
    tokenizer,
    id: options.id ?? 'llama2c',
    ...(options.ort ? { ort: options.ort } : {}),
    ...(options.threads ? { threads: options.threads } : {}),
    ...(options.textModel ? { textModel: options.textModel } : {}),
  });
}
