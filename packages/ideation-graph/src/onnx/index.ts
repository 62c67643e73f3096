// @reasonkit/ideation-graph/onnx: load a local sentence-encoder directory (Node; nothing is downloaded).
import { join } from 'node:path';
import * as z from 'zod';
import { parseOptions } from '@reasonkit/core';
import { loadOnnxModel, loadTokenizer } from '@reasonkit/core/node';
import { OnnxEmbedder, OnnxEmbedderOptionsSchema } from '../embedding/onnx-embedder.js';

export { OnnxEmbedder, OnnxEmbedderOptionsSchema, type OnnxEmbedderOptions } from '../embedding/onnx-embedder.js';

/** Options of {@link openOnnxEmbedder}: the {@link OnnxEmbedder} options plus where the graph is. */
export const OpenOnnxEmbedderOptionsSchema = OnnxEmbedderOptionsSchema.extend({
  /** The graph inside `dir`. Default: core's layout, `onnx/model.onnx` (sentence-transformers' ONNX export). */
  modelFile: z.string().min(1).optional(),
  /** `node` (default, onnxruntime-node) or `web` (onnxruntime-web's wasm build in Node). */
  runtime: z.enum(['node', 'web']).default('node'),
  /** ORT threads. Default ORT's (node) or 1 (web). */
  threads: z.number().int().positive().optional(),
});
/** Input form of {@link OpenOnnxEmbedderOptionsSchema}. */
export type OpenOnnxEmbedderOptions = z.input<typeof OpenOnnxEmbedderOptionsSchema>;

/**
 * Opens a local sentence-embedding model directory (`tokenizer.json` [+ `tokenizer_config.json`] and the ONNX
 * graph) with core's `loadTokenizer` and `loadOnnxModel`; a missing file throws core's `FILE_NOT_FOUND`.
 */
export async function openOnnxEmbedder(dir: string, options: OpenOnnxEmbedderOptions): Promise<OnnxEmbedder> {
  const o = parseOptions(OpenOnnxEmbedderOptionsSchema, options, 'openOnnxEmbedder options');
  const tokenizer = await loadTokenizer(dir);
  const model = await loadOnnxModel(o.modelFile ? join(dir, o.modelFile) : dir, { runtime: o.runtime, ...(o.threads ? { threads: o.threads } : {}) });
  const { modelFile: _m, runtime: _r, threads: _t, ...rest } = o;
  return new OnnxEmbedder(model, tokenizer, rest);
}
