import * as z from 'zod';
import { lazySchema } from '../validation/lazy-schema.js';
import { externalDataPath, MODEL_DTYPES, type ModelDtype, modelFilePath } from '../onnx/model-config-files.js';
import { OnnxModel } from '../onnx/onnx-model.js';
import type { OrtModule, OrtSessionOptions } from '../onnx/ort-module.js';
import type { SessionLogger } from '../onnx/session.js';
import { parseOptions } from '../validation/parse-options.js';
import { type FetchLike, fetchBytes, fetchOf, joinUrl, webSessionSetup } from './load-model.js';

/** zod schema of `WebLoadOnnxModelOptions`: validates it and applies its defaults. */
export const WebLoadOnnxModelOptionsSchema = /* @__PURE__ */ lazySchema(() => z.object({
  /** For a model-directory URL: picks `onnx/model{suffix}.onnx`. Default fp32 [our choice]. */
  dtype: z.enum(MODEL_DTYPES as [ModelDtype, ...ModelDtype[]]).default('fp32'),
  modelName: z.string().min(1).default('model'),
  /** Sets `ort.env.wasm.numThreads` (process-wide, before the first session). Default: ORT's default. */
  threads: z.number().int().positive().optional(),
  /** Fetch `<model>.onnx_data` too. Default false (no probing request). */
  externalData: z.boolean().default(false),
  sessionOptions: z.custom<OrtSessionOptions>((v) => typeof v === 'object' && v !== null).optional(),
  logger: z.custom<SessionLogger>((v) => typeof v === 'object' && v !== null).optional(),
  /** Convert float16 outputs to float32. Default true (see `createOnnxModel`). */
  float32Outputs: z.boolean().default(true),
  /** ORT module; default `import('onnxruntime-web')`. Set `ort.env.wasm.wasmPaths` yourself if needed (no CDN default). */
  ort: z.custom<OrtModule>((v) => typeof v === 'object' && v !== null).optional(),
  /** Fetch implementation; default `globalThis.fetch`. */
  fetch: z.custom<FetchLike>((v) => typeof v === 'function').optional(),
  signal: z.custom<AbortSignal>((v) => typeof v === 'object' && v !== null).optional(),
}));
/** Input accepted by `WebLoadOnnxModelOptionsSchema` (optional fields may be omitted; defaults are applied when parsed). */
export type WebLoadOnnxModelOptions = z.input<typeof WebLoadOnnxModelOptionsSchema>;

/** A non-decoder model given directly: ONNX bytes and optional external weights. */
export interface WebOnnxModelSource {
  model: Uint8Array;
  externalData?: { path: string; data: Uint8Array }[];
}

/**
 * Loads a non-decoder ONNX graph with onnxruntime-web as an {@link OnnxModel}: from the URL of an
 * `.onnx` file, from a model-directory URL (`onnx/model{suffix}.onnx`), or from bytes in memory.
 * HTTP 404 throws `FILE_NOT_FOUND` naming the URL. Sets `env.wasm.proxy = false` and, if given,
 * `env.wasm.numThreads`; never sets `wasmPaths`.
 */
export async function loadOnnxModel(source: string | WebOnnxModelSource, options: WebLoadOnnxModelOptions = {}): Promise<OnnxModel> {
  const o = parseOptions(WebLoadOnnxModelOptionsSchema, options, 'loadOnnxModel options');
  let model: Uint8Array;
  let fileName = 'model.onnx';
  let externalData: { path: string; data: Uint8Array }[] | undefined;
  if (typeof source === 'string') {
    const fetchFn = fetchOf(o);
    const isFile = /\.onnx(\?.*)?$/.test(source);
    fileName = isFile ? source : joinUrl(source, modelFilePath(o.dtype, o.modelName));
    model = (await fetchBytes(fetchFn, fileName, isFile ? 'model file' : `model file (dtype ${o.dtype})`, o.signal))!;
    if (o.externalData) {
      const dataUrl = externalDataPath(fileName);
      const data = (await fetchBytes(fetchFn, dataUrl, 'external data', o.signal))!;
      externalData = [{ path: dataUrl.slice(dataUrl.lastIndexOf('/') + 1), data }];
    }
  } else {
    model = source.model;
    externalData = source.externalData;
  }
  const { ort, sessionOptions } = await webSessionSetup(o, externalData);
  return OnnxModel.create({
    ort,
    model,
    fileName,
    sessionOptions,
    float32Outputs: o.float32Outputs,
    ...(o.logger ? { logger: o.logger } : {}),
  });
}
