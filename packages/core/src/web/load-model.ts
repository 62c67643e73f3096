import * as z from 'zod';
import { lazySchema } from '../validation/lazy-schema.js';
import { ReasonkitError } from '../errors/reasonkit-error.js';
import type { KVCache, KVCacheSpec } from '../kv-cache/kv-cache.js';
import type { CausalLMConfig } from '../model/causal-lm.js';
import { type GenerationDefaults, parseGenerationConfig, parseJsonFile } from '../onnx/model-config.js';
import { externalDataPath, MODEL_DTYPES, type ModelDtype, modelFilePath } from '../onnx/model-config-files.js';
import { OnnxCausalLM } from '../onnx/onnx-causal-lm.js';
import type { OrtModule, OrtSessionOptions } from '../onnx/ort-module.js';
import type { SessionLogger } from '../onnx/session.js';
import { createHfTokenizer, type HfTokenizer, type HfTokenizerConfig } from '../tokenizer/hf-tokenizer.js';
import { parseOptions } from '../validation/parse-options.js';

/**
 * The subset of `fetch` the web loader calls (GET with an optional abort signal, read the body as bytes).
 *
 * @inline
 */
export type FetchLike = (url: string, init?: { signal?: AbortSignal }) => Promise<{
  ok: boolean;
  status: number;
  statusText?: string;
  /** The response body as bytes. */
  arrayBuffer(): Promise<ArrayBuffer>;
}>;

/** zod schema of `WebLoadCausalLMOptions`: validates it and applies its defaults. */
export const WebLoadCausalLMOptionsSchema = /* @__PURE__ */ lazySchema(() => z.object({
  /** Picks `onnx/model{suffix}.onnx` when loading from a URL. Default fp32 [our choice]. */
  dtype: z.enum(MODEL_DTYPES as [ModelDtype, ...ModelDtype[]]).default('fp32'),
  /** Sets `ort.env.wasm.numThreads` (process-wide, before the first session). Default: ORT's default. */
  threads: z.number().int().positive().optional(),
  modelName: z.string().min(1).default('model'),
  /**
   * Fetch `<model>.onnx_data` too. Default: `config.json`'s `transformers.js_config.use_external_data_format`,
   * else false (no probing request).
   */
  externalData: z.boolean().optional(),
  sessionOptions: z.custom<OrtSessionOptions>((v) => typeof v === 'object' && v !== null).optional(),
  logger: z.custom<SessionLogger>((v) => typeof v === 'object' && v !== null).optional(),
  /** Creates the KV cache for a spec (e.g. a compressed cache); default: core's dense cache. */
  createCache: z.custom<(spec: KVCacheSpec) => KVCache>((v) => typeof v === 'function').optional(),
  /** ORT module; default `import('onnxruntime-web')`. Set `ort.env.wasm.wasmPaths` yourself if needed (no CDN default). */
  ort: z.custom<OrtModule>((v) => typeof v === 'object' && v !== null).optional(),
  /** Fetch implementation; default `globalThis.fetch`. */
  fetch: z.custom<FetchLike>((v) => typeof v === 'function').optional(),
  signal: z.custom<AbortSignal>((v) => typeof v === 'object' && v !== null).optional(),
}));
/** Input accepted by `WebLoadCausalLMOptionsSchema` (optional fields may be omitted; defaults are applied when parsed). */
export type WebLoadCausalLMOptions = z.input<typeof WebLoadCausalLMOptionsSchema>;

/** A model given directly: ONNX bytes plus the parsed `config.json` (and optional external data). */
export interface WebModelSource {
  model: Uint8Array;
  config: Record<string, unknown>;
  externalData?: { path: string; data: Uint8Array }[];
}

export function joinUrl(base: string, rel: string): string {
  return `${base.replace(/\/+$/, '')}/${rel}`;
}

export async function fetchBytes(fetchFn: FetchLike, url: string, what: string, signal?: AbortSignal, optional = false): Promise<Uint8Array | undefined> {
  let res;
  try {
    res = await fetchFn(url, signal ? { signal } : undefined);
  } catch (error) {
    if (signal?.aborted) throw new ReasonkitError('ABORTED', `${what}: fetch aborted: ${url}`, { file: url }, { cause: error });
    throw new ReasonkitError('NETWORK_ERROR', `${what}: fetch failed: ${url}: ${(error as Error).message}`, { file: url }, { cause: error });
  }
  if (!res.ok) {
    if (optional && res.status === 404) return undefined;
    const code = res.status === 404 ? 'FILE_NOT_FOUND' : 'HTTP_ERROR';
    throw new ReasonkitError(code, `${what} not found: ${url} (HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''})`, {
      file: url,
      status: res.status,
    });
  }
  return new Uint8Array(await res.arrayBuffer());
}

async function fetchJson(fetchFn: FetchLike, url: string, what: string, signal?: AbortSignal, optional = false): Promise<unknown> {
  const bytes = await fetchBytes(fetchFn, url, what, signal, optional);
  return bytes === undefined ? undefined : parseJsonFile(new TextDecoder().decode(bytes), url);
}

export function fetchOf(o: { fetch?: FetchLike | undefined }): FetchLike {
  const f = o.fetch ?? (globalThis.fetch as unknown as FetchLike | undefined);
  if (!f) throw new ReasonkitError('RUNTIME_UNAVAILABLE', 'no fetch implementation: pass options.fetch', { field: 'fetch' });
  return f;
}

/** Imports onnxruntime-web lazily (optional peer dependency). */
export async function importOrtWeb(): Promise<OrtModule> {
  try {
    const mod = (await import('onnxruntime-web')) as unknown as OrtModule & { default?: OrtModule };
    return typeof mod.InferenceSession?.create === 'function' ? mod : (mod.default as OrtModule);
  } catch (error) {
    throw new ReasonkitError('RUNTIME_UNAVAILABLE', `onnxruntime-web could not be loaded (npm install onnxruntime-web@1.30.0): ${(error as Error).message}`, {}, { cause: error });
  }
}

/**
 * @internal The ORT module (default `import('onnxruntime-web')`) with `env.wasm.proxy = false` and,
 * if given, `env.wasm.numThreads`; session options with `externalData` attached.
 */
export async function webSessionSetup(
  o: { ort?: OrtModule | undefined; threads?: number | undefined; sessionOptions?: OrtSessionOptions | undefined },
  externalData: { path: string; data: Uint8Array }[] | undefined,
): Promise<{ ort: OrtModule; sessionOptions: OrtSessionOptions }> {
  const ort = o.ort ?? (await importOrtWeb());
  if (ort.env.wasm) {
    ort.env.wasm.proxy = false;
    if (o.threads !== undefined) ort.env.wasm.numThreads = o.threads;
  }
  const sessionOptions: OrtSessionOptions = { ...o.sessionOptions };
  if (externalData) sessionOptions.externalData = externalData;
  return { ort, sessionOptions };
}

/**
 * Loads a decoder with onnxruntime-web: from a model-directory URL (`config.json`,
 * `onnx/model{suffix}.onnx`, optional `.onnx_data`) fetched with `fetch`, or from
 * `{ model, config }` in memory. Sets `env.wasm.proxy = false` and, if given, `env.wasm.numThreads`;
 * never sets `wasmPaths` (no CDN default: set `ort.env.wasm.wasmPaths` yourself if the wasm files
 * are not served beside the bundle).
 */
export async function loadCausalLM(source: string | WebModelSource, options: WebLoadCausalLMOptions = {}): Promise<OnnxCausalLM> {
  const o = parseOptions(WebLoadCausalLMOptionsSchema, options, 'loadCausalLM options');
  let model: Uint8Array;
  let config: Record<string, unknown>;
  let fileName = 'model.onnx';
  let configFileName = 'config.json';
  let externalData: { path: string; data: Uint8Array }[] | undefined;
  if (typeof source === 'string') {
    const fetchFn = fetchOf(o);
    configFileName = joinUrl(source, 'config.json');
    const raw = await fetchJson(fetchFn, configFileName, 'config.json', o.signal);
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      throw new ReasonkitError('CONFIG_INVALID', `${configFileName}: expected a JSON object`, { file: configFileName });
    }
    config = raw as Record<string, unknown>;
    const rel = modelFilePath(o.dtype, o.modelName);
    fileName = joinUrl(source, rel);
    model = (await fetchBytes(fetchFn, fileName, `model file (dtype ${o.dtype})`, o.signal))!;
    const jsConfig = config['transformers.js_config'] as { use_external_data_format?: unknown } | undefined;
    const wantExternal = o.externalData ?? jsConfig?.use_external_data_format === true;
    if (wantExternal) {
      const dataUrl = externalDataPath(fileName);
      const data = (await fetchBytes(fetchFn, dataUrl, 'external data', o.signal))!;
      externalData = [{ path: externalDataPath(rel).slice('onnx/'.length), data }];
    }
  } else {
    model = source.model;
    config = source.config;
    externalData = source.externalData;
  }
  const { ort, sessionOptions } = await webSessionSetup(o, externalData);
  return OnnxCausalLM.create({
    ort,
    model,
    config,
    fileName,
    configFileName,
    sessionOptions,
    ...(o.logger ? { logger: o.logger } : {}),
    ...(o.createCache ? { createCache: o.createCache } : {}),
  });
}

/** A model loaded in the browser: the causal LM, its tokenizer and config. */
export interface WebModelDir {
  lm: OnnxCausalLM;
  tokenizer: HfTokenizer;
  config: CausalLMConfig;
  generationConfig: GenerationDefaults | undefined;
}

/** Fetches `tokenizer.json` (required) and `tokenizer_config.json` (optional) from a model-directory URL. */
export async function loadTokenizer(baseUrl: string, options: { fetch?: FetchLike; signal?: AbortSignal } = {}): Promise<HfTokenizer> {
  const fetchFn = fetchOf(options);
  const url = joinUrl(baseUrl, 'tokenizer.json');
  const json = await fetchJson(fetchFn, url, 'tokenizer.json', options.signal);
  const cfg = (await fetchJson(fetchFn, joinUrl(baseUrl, 'tokenizer_config.json'), 'tokenizer_config.json', options.signal, true)) as
    | HfTokenizerConfig
    | undefined;
  return createHfTokenizer(json, cfg ?? {}, url);
}

/** Loads a model directory by URL: decoder, tokenizer, config and `generation_config.json` (optional). */
export async function loadModelDir(baseUrl: string, options: WebLoadCausalLMOptions = {}): Promise<WebModelDir> {
  const io = { ...(options.fetch ? { fetch: options.fetch } : {}), ...(options.signal ? { signal: options.signal } : {}) };
  const tokenizer = await loadTokenizer(baseUrl, io);
  const genUrl = joinUrl(baseUrl, 'generation_config.json');
  const gen = await fetchJson(fetchOf(io), genUrl, 'generation_config.json', options.signal, true);
  const generationConfig = gen === undefined ? undefined : parseGenerationConfig(gen, genUrl);
  const lm = await loadCausalLM(baseUrl, options);
  return { lm, tokenizer, config: lm.config, generationConfig };
}
