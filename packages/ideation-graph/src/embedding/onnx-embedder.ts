import * as z from 'zod';
import { embedTexts, parseOptions, type OnnxModel, type Tokenizer } from '@reasonkit/core';
import { IdeationGraphError } from '../errors/ideation-graph-error.js';
import type { Embedder } from './embedder.js';

/** Options of {@link OnnxEmbedder} (spec §9.4). */
export const OnnxEmbedderOptionsSchema = z.object({
  /** Identity recorded in the store's embedding lock, e.g. `sentence-transformers/all-MiniLM-L6-v2`. Required: two models must never share a store. */
  modelId: z.string().min(1),
  /** Vector width (384 for all-MiniLM-L6-v2); every output row is checked against it. */
  dim: z.number().int().min(1),
  /** Tokens per text, special tokens included; longer texts are truncated. Default 256 (sentence-transformers' `max_seq_length` for all-MiniLM-L6-v2). */
  maxLength: z.number().int().min(1).default(256),
  /** Texts per ONNX run. Default 32 (spec §9.4, sentence-transformers' `encode` default). */
  batchSize: z.number().int().min(1).default(32),
  /**
   * `mean`: attention-mask-weighted mean of the token states (sentence-transformers' pooling for MiniLM);
   * `cls`: the first token; `none`: the output is already `[batch, dim]` (exports that pool inside the graph).
   * Default `mean`.
   */
  pooling: z.enum(['mean', 'cls', 'none']).default('mean'),
  /** Output to read. Default: core's `EMBEDDING_OUTPUTS` order (`sentence_embedding`, `last_hidden_state`, `token_embeddings`). */
  output: z.string().min(1).optional(),
});
/** Input form of {@link OnnxEmbedderOptionsSchema}. */
export type OnnxEmbedderOptions = z.input<typeof OnnxEmbedderOptionsSchema>;

/**
 * An {@link Embedder} over a sentence-encoder ONNX graph you bring (spec §9.4), run through core: core's
 * tokenizer pads each batch (`input_ids`, `attention_mask`, `token_type_ids` as int64), core's
 * `OnnxModel` runs it, and core's `embedTexts` pools over the mask and L2-normalises. Browser-safe: build
 * the `OnnxModel` with either ORT runtime; in Node `openOnnxEmbedder` (`./onnx`) loads a local directory.
 */
export class OnnxEmbedder implements Embedder {
  readonly modelId: string;
  readonly dim: number;
  private readonly o: z.output<typeof OnnxEmbedderOptionsSchema>;

  /** Wraps a loaded encoder and its tokenizer. */
  constructor(
    /** The encoder graph. */
    readonly model: OnnxModel,
    /** Its tokenizer (e.g. core's `loadTokenizer(dir)`). */
    readonly tokenizer: Tokenizer,
    options: OnnxEmbedderOptions,
  ) {
    this.o = parseOptions(OnnxEmbedderOptionsSchema, options, 'OnnxEmbedder options');
    this.modelId = this.o.modelId;
    this.dim = this.o.dim;
  }

  /** Embeds `texts` (one L2-normalised Float32Array each); an empty text throws `EMBEDDING_INPUT`, a row of another width `EMBEDDING_MISMATCH`. */
  async embed(texts: string[], options: { signal?: AbortSignal } = {}): Promise<Float32Array[]> {
    const empty = texts.findIndex((t) => !t.trim());
    if (empty >= 0) throw new IdeationGraphError('EMBEDDING_INPUT', `text ${empty} is empty`, { record: empty, field: 'texts' });
    if (!texts.length) return [];
    const out = await embedTexts(this.model, this.tokenizer, texts, {
      batchSize: this.o.batchSize,
      maxLength: this.o.maxLength,
      pooling: this.o.pooling === 'none' ? 'mean' : this.o.pooling, // `none`: a 2-D output is passed through by core
      normalize: true,
      ...(this.o.output ? { output: this.o.output } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
    out.forEach((v, i) => {
      if (v.length !== this.dim) throw new IdeationGraphError('EMBEDDING_MISMATCH', `${this.modelId}: row ${i} has ${v.length} values, expected dim ${this.dim}`, { record: i, field: 'dim', expected: this.dim, actual: v.length });
    });
    return out;
  }
}
