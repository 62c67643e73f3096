import { classifyTexts, type OnnxModel, type Tokenizer } from '@reasonkit/core';
import { z } from 'zod';
import { parseUnlearningOptions } from '../errors/index.js';
import type { SequenceClassifier } from './classifier-detector.js';

/** zod schema of `OnnxSequenceClassifierOptions`: validates it and applies its defaults. */
export const OnnxSequenceClassifierOptionsSchema = z.object({
  /** Longest input in tokens, special tokens included; longer texts are truncated. Default 512 (DistilRoBERTa's limit; spec §4.4). */
  maxLength: z.number().int().positive().default(512),
  /** Texts per ONNX run. Default 32 (spec §4.4). */
  batchSize: z.number().int().positive().default(32),
  /** Graph output holding `[batch, classes]` logits. Default: `logits`, else the first output (core). */
  output: z.string().min(1).optional(),
  id: z.string().optional(),
});
/** Input accepted by `OnnxSequenceClassifierOptionsSchema` (optional fields may be omitted; defaults are applied when parsed). */
export type OnnxSequenceClassifierOptions = z.input<typeof OnnxSequenceClassifierOptionsSchema>;

/**
 * A `SequenceClassifier` over a core `OnnxModel` (e.g. `protectai/distilroberta-base-rejection-v1`'s
 * `onnx/model.onnx`, loaded with `loadOnnxModel` from `@reasonkit/core/node` or `/web`) and its tokenizer:
 * batched tokenization with padding, truncation and attention masks by core, raw logits out.
 * Pass it to `classifierDetector` for softmax + threshold.
 */
export function onnxSequenceClassifier(model: OnnxModel, tokenizer: Tokenizer, options: OnnxSequenceClassifierOptions = {}): SequenceClassifier {
  const o = parseUnlearningOptions(OnnxSequenceClassifierOptionsSchema, options, 'onnxSequenceClassifier');
  return {
    id: o.id ?? 'onnx',
    async classify(texts, run = {}) {
      const rows = await classifyTexts(model, tokenizer, texts, { activation: 'none', maxLength: o.maxLength, batchSize: o.batchSize, output: o.output, signal: run.signal });
      return rows.map((r) => Array.from(r.logits));
    },
  };
}
