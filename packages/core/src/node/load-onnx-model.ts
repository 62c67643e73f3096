import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import * as z from 'zod';
import { lazySchema } from '../validation/lazy-schema.js';
import { MODEL_DTYPES, type ModelDtype, modelFilePath } from '../onnx/model-config-files.js';
import { OnnxModel } from '../onnx/onnx-model.js';
import type { OrtModule, OrtSessionOptions } from '../onnx/ort-module.js';
import type { SessionLogger } from '../onnx/session.js';
import { parseOptions } from '../validation/parse-options.js';
import { readRequired, sessionSetup } from './load-model.js';

/** zod schema of `LoadOnnxModelOptions`: validates it and applies its defaults. */
export const LoadOnnxModelOptionsSchema = /* @__PURE__ */ lazySchema(() => z.object({
  /** `'node'` (default): onnxruntime-node, cpu. `'web'`: onnxruntime-web's wasm build inside Node. */
  runtime: z.enum(['node', 'web']).default('node'),
  /** For a model directory: picks `onnx/model{suffix}.onnx` as `loadCausalLM` does. Default fp32 [our choice]. */
  dtype: z.enum(MODEL_DTYPES as [ModelDtype, ...ModelDtype[]]).default('fp32'),
  /** For a model directory: base name of the file inside `onnx/`. Default `model`. */
  modelName: z.string().min(1).default('model'),
  /** node: `intraOpNumThreads` (default ORT's). web: `env.wasm.numThreads`, default 1 (as `loadCausalLM`). */
  threads: z.number().int().positive().optional(),
  sessionOptions: z.custom<OrtSessionOptions>((v) => typeof v === 'object' && v !== null).optional(),
  logger: z.custom<SessionLogger>((v) => typeof v === 'object' && v !== null).optional(),
  /** Convert float16 outputs to float32. Default true (see `createOnnxModel`). */
  float32Outputs: z.boolean().default(true),
  /** Use this ORT module instead of importing the runtime's package. */
  ort: z.custom<OrtModule>((v) => typeof v === 'object' && v !== null).optional(),
}));
/** Input accepted by `LoadOnnxModelOptionsSchema` (optional fields may be omitted; defaults are applied when parsed). */
export type LoadOnnxModelOptions = z.input<typeof LoadOnnxModelOptionsSchema>;

/**
 * Loads a non-decoder ONNX graph (encoder, classifier, embedder) as an {@link OnnxModel}: `path`
 * is an `.onnx` file, or a model directory holding `onnx/model{suffix}.onnx` (no `config.json`
 * needed). External weights (`<model>.onnx_data`) are attached as for decoders: onnxruntime-node
 * loads the file by path so ORT finds them beside it; onnxruntime-web gets them as `externalData`.
 * A missing file throws `FILE_NOT_FOUND` naming the path. Never downloads anything.
 */
export async function loadOnnxModel(path: string, options: LoadOnnxModelOptions = {}): Promise<OnnxModel> {
  const o = parseOptions(LoadOnnxModelOptionsSchema, options, 'loadOnnxModel options');
  const given = resolve(path);
  const isDir = await stat(given).then((s) => s.isDirectory(), () => false);
  const modelPath = isDir ? join(given, modelFilePath(o.dtype, o.modelName)) : given;
  const bytes = await readRequired(modelPath, isDir ? `model file (dtype ${o.dtype})` : 'model file');
  const { ort, sessionOptions, threads, hasExternal } = await sessionSetup(o, modelPath);
  return OnnxModel.create({
    ort,
    model: o.runtime === 'node' && hasExternal ? modelPath : bytes,
    fileName: modelPath,
    sessionOptions,
    float32Outputs: o.float32Outputs,
    ...(threads !== undefined ? { threads } : {}),
    ...(o.logger ? { logger: o.logger } : {}),
  });
}
