import * as z from 'zod';
import { lazySchema } from '../validation/lazy-schema.js';
import { ReasonkitError } from '../errors/reasonkit-error.js';
import { type AttentionMask, type Pooling, poolTokens } from '../tensor/ops/pooling.js';
import { toFloat32 } from '../tensor/cast.js';
import type { Tensor } from '../tensor/tensor.js';
import { encodeBatchWith, type EncodedBatch } from '../tokenizer/encode-batch.js';
import type { Tokenizer } from '../tokenizer/tokenizer.js';
import type { OnnxModel } from './onnx-model.js';

/** Progress of a batched text job: texts done out of the total. */
export interface TextBatchProgress {
  done: number;
  total: number;
}

/** Options shared by `embedTexts` and `classifyTexts`. */
export const TextBatchOptionsSchema = /* @__PURE__ */ lazySchema(() => z.object({
  /** Texts per ONNX run. Default 32 (sentence-transformers' `encode` default). */
  batchSize: z.number().int().positive().default(32),
  /** Longest row in tokens (special tokens included); longer texts are truncated. Default: none. */
  maxLength: z.number().int().positive().optional(),
  /** Which end to cut; default the tokenizer's (`'right'`, HF). See `EncodeBatchOptions`. */
  truncation: z.union([z.enum(['left', 'right']), z.literal(false)]).optional(),
  /** Pad side; default the tokenizer's (`'right'`, HF). */
  padSide: z.enum(['left', 'right']).optional(),
  /** Graph output to read. Default per function (see there). */
  output: z.string().min(1).optional(),
  signal: z.custom<AbortSignal>((v) => typeof v === 'object' && v !== null).optional(),
  /** Called after each batch with the texts done and the total. */
  onProgress: z.custom<(p: TextBatchProgress) => void>((v) => typeof v === 'function').optional(),
}));

/** The first of `preferred` the model declares, else its first output. */
export function defaultOutput(model: OnnxModel, preferred: readonly string[]): string {
  return preferred.find((n) => model.output(n) !== undefined) ?? model.outputNames[0]!;
}

/**
 * Runs `model` over `texts` in batches, reading one output; yields each batch's rows with the
 * batch encoding. Validates that every pair list has one entry per text.
 */
export async function* runTextBatches(
  model: OnnxModel,
  tokenizer: Tokenizer,
  texts: readonly string[],
  o: z.output<typeof TextBatchOptionsSchema> & { pairs?: readonly string[] | undefined },
  output: string,
): AsyncGenerator<{ start: number; batch: EncodedBatch; value: Tensor }> {
  if (model.output(output) === undefined) {
    throw new ReasonkitError('UNKNOWN_OUTPUT', `${model.session.fileName}: no output ${output}; available: ${model.outputNames.join(', ')}`, {
      file: model.session.fileName,
      tensor: output,
      available: [...model.outputNames],
    });
  }
  if (o.pairs !== undefined && o.pairs.length !== texts.length) {
    throw new ReasonkitError('INVALID_ARGUMENT', `pairs has ${o.pairs.length} entries for ${texts.length} texts`, {
      field: 'pairs',
      expected: texts.length,
      actual: o.pairs.length,
    });
  }
  for (let start = 0; start < texts.length; start += o.batchSize) {
    if (o.signal?.aborted) throw new ReasonkitError('ABORTED', `${model.session.fileName}: aborted after ${start} of ${texts.length} texts`, { file: model.session.fileName }, { cause: o.signal.reason });
    const chunk = texts.slice(start, start + o.batchSize);
    const batch = encodeBatchWith(tokenizer, chunk, {
      ...(o.maxLength !== undefined ? { maxLength: o.maxLength } : {}),
      ...(o.truncation !== undefined ? { truncation: o.truncation } : {}),
      ...(o.padSide !== undefined ? { padSide: o.padSide } : {}),
      ...(o.pairs ? { pairs: o.pairs.slice(start, start + o.batchSize) } : {}),
    });
    const out = await model.run(model.feedsFor(batch), { outputs: [output], ...(o.signal ? { signal: o.signal } : {}) });
    yield { start, batch, value: out[output]! };
    o.onProgress?.({ done: Math.min(start + o.batchSize, texts.length), total: texts.length });
  }
}

/**
 * One row per text from an output: `[batch, n]` as is, `[batch, length, n]` pooled over the mask.
 * Throws `SHAPE_MISMATCH` naming the output for any other rank.
 */
export function rowsOf(value: Tensor, mask: AttentionMask, pooling: Pooling, output: string): Float32Array[] {
  if (value.dtype !== 'float32' && value.dtype !== 'float16') {
    throw new ReasonkitError('DTYPE_MISMATCH', `output ${output} is ${value.dtype}; expected float32 or float16`, { tensor: output, actual: value.dtype });
  }
  let t: Tensor<'float32'> = toFloat32(value, output);
  if (t.dims.length === 3) t = poolTokens(t, mask, pooling, output);
  if (t.dims.length !== 2) {
    throw new ReasonkitError('SHAPE_MISMATCH', `output ${output} is [${t.dims.join(', ')}]; expected [batch, n] or [batch, length, n]`, {
      tensor: output,
      actual: [...t.dims],
    });
  }
  const n = t.dims[1]!;
  const data = t.data;
  return Array.from({ length: t.dims[0]! }, (_, b) => data.slice(b * n, (b + 1) * n));
}
