import * as z from 'zod';
import { lazySchema } from '../validation/lazy-schema.js';
import { l2Normalize } from '../tensor/ops/pooling.js';
import { tensor } from '../tensor/create-tensor.js';
import type { Tokenizer } from '../tokenizer/tokenizer.js';
import { parseOptions } from '../validation/parse-options.js';
import type { OnnxModel } from './onnx-model.js';
import { defaultOutput, rowsOf, runTextBatches, TextBatchOptionsSchema } from './text-batches.js';

/** zod schema of `EmbedTextsOptions`: validates it and applies its defaults. */
export const EmbedTextsOptionsSchema = /* @__PURE__ */ lazySchema(() => TextBatchOptionsSchema.extend({
  /** How token states become one vector when the output is `[batch, length, hidden]`. Default `'mean'` (sentence-transformers' default). */
  pooling: z.enum(['mean', 'cls', 'last']).default('mean'),
  /** Divide each embedding by its L2 norm (cosine similarity becomes a dot product). Default true [our choice: retrieval use]. */
  normalize: z.boolean().default(true),
}));
/** Input accepted by `EmbedTextsOptionsSchema` (optional fields may be omitted; defaults are applied when parsed). */
export type EmbedTextsOptions = z.input<typeof EmbedTextsOptionsSchema>;

/** Outputs `embedTexts` reads by default, first declared wins, else the model's first output. */
export const EMBEDDING_OUTPUTS = ['sentence_embedding', 'last_hidden_state', 'token_embeddings'] as const;

/**
 * Embeds texts with an encoder or sentence-embedding graph: tokenizes in batches
 * (`encodeBatchWith`), feeds the graph (`model.feedsFor`), reads `output` (default the first of
 * {@link EMBEDDING_OUTPUTS} the graph declares), pools `[batch, length, hidden]` states over the
 * attention mask (`pooling`), and L2-normalises (`normalize`). One Float32Array per text.
 */
export async function embedTexts(model: OnnxModel, tokenizer: Tokenizer, texts: readonly string[], options: EmbedTextsOptions = {}): Promise<Float32Array[]> {
  const o = parseOptions(EmbedTextsOptionsSchema, options, 'embedTexts options');
  const output = o.output ?? defaultOutput(model, EMBEDDING_OUTPUTS);
  const out: Float32Array[] = [];
  for await (const { batch, value } of runTextBatches(model, tokenizer, texts, o, output)) {
    for (const row of rowsOf(value, batch.attentionMask, o.pooling, output)) {
      out.push(o.normalize ? l2Normalize(tensor('float32', row, [row.length], output)).data : row);
    }
  }
  return out;
}
