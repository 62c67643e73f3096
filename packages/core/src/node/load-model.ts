import { access, readFile, readdir } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import * as z from 'zod';
import { ReasonkitError } from '../errors/reasonkit-error.js';
import type { KVCache, KVCacheSpec } from '../kv-cache/kv-cache.js';
import type { CausalLMConfig } from '../model/causal-lm.js';
import { type GenerationDefaults, parseGenerationConfig, parseJsonFile, parseModelConfig } from '../onnx/model-config.js';
import { externalDataPath, MODEL_DTYPES, type ModelDtype, modelFilePath } from '../onnx/model-config-files.js';
import { checkDecoderModelBytes, OnnxCausalLM } from '../onnx/onnx-causal-lm.js';
import type { OrtModule, OrtSessionOptions } from '../onnx/ort-module.js';
import type { SessionLogger } from '../onnx/session.js';
import { createHfTokenizer, type HfTokenizer, type HfTokenizerConfig } from '../tokenizer/hf-tokenizer.js';
import { parseOptions } from '../validation/parse-options.js';

/** zod schema of `LoadCausalLMOptions`: validates it and applies its defaults. */
export const LoadCausalLMOptionsSchema = z.object({
  /** `'node'` (default): onnxruntime-node, cpu. `'web'`: onnxruntime-web's wasm build inside Node. */
  runtime: z.enum(['node', 'web']).default('node'),
  /** Picks `onnx/model{suffix}.onnx` (fp32 → none, fp16 → `_fp16`, q8 → `_quantized`, q4 → `_q4`, …). Default fp32 [our choice]. */
  dtype: z.enum(MODEL_DTYPES as [ModelDtype, ...ModelDtype[]]).default('fp32'),
  /**
   * node: `intraOpNumThreads` (default: ORT's default). web: `env.wasm.numThreads`, default 1
   * [our choice: multithreaded wasm in Node is fragile, spec core §3.2].
   */
  threads: z.number().int().positive().optional(),
  /** Base name of the model file inside `onnx/`. Default `model`. */
  modelName: z.string().min(1).default('model'),
  sessionOptions: z.custom<OrtSessionOptions>((v) => typeof v === 'object' && v !== null).optional(),
  logger: z.custom<SessionLogger>((v) => typeof v === 'object' && v !== null).optional(),
  /** Creates the KV cache for a spec (e.g. a compressed cache); default: core's dense cache. */
  createCache: z.custom<(spec: KVCacheSpec) => KVCache>((v) => typeof v === 'function').optional(),
  /** Use this ORT module instead of importing the runtime's package. */
  ort: z.custom<OrtModule>((v) => typeof v === 'object' && v !== null).optional(),
});
/** Input accepted by `LoadCausalLMOptionsSchema` (optional fields may be omitted; defaults are applied when parsed). */
export type LoadCausalLMOptions = z.input<typeof LoadCausalLMOptionsSchema>;

export async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

export async function readRequired(path: string, what: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(path));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      let hint = '';
      try {
        const siblings = (await readdir(dirname(path))).filter((f) => f.endsWith('.onnx') || f.endsWith('.json'));
        if (siblings.length > 0) hint = ` (${dirname(path)} has: ${siblings.join(', ')})`;
      } catch {
        // the directory itself is missing
      }
      throw new ReasonkitError('FILE_NOT_FOUND', `${what} not found locally: ${path}${hint}`, { file: path }, { cause: error });
    }
    throw new ReasonkitError('FILE_NOT_FOUND', `${what} could not be read: ${path}: ${(error as Error).message}`, { file: path }, { cause: error });
  }
}

async function readJson(path: string, what: string): Promise<unknown> {
  return parseJsonFile(new TextDecoder().decode(await readRequired(path, what)), path);
}

function pickModule(mod: unknown): OrtModule {
  const m = mod as OrtModule & { default?: OrtModule };
  return typeof m.InferenceSession?.create === 'function' ? m : (m.default as OrtModule);
}

/** Imports the ORT package for `runtime` (lazily; optional peer dependencies). */
export async function importOrt(runtime: 'node' | 'web'): Promise<OrtModule> {
  try {
    return pickModule(runtime === 'node' ? await import('onnxruntime-node') : await import('onnxruntime-web'));
  } catch (error) {
    const pkg = runtime === 'node' ? 'onnxruntime-node' : 'onnxruntime-web';
    throw new ReasonkitError('RUNTIME_UNAVAILABLE', `${pkg} could not be loaded (install it: npm install ${pkg}@1.30.0): ${(error as Error).message}`, {
      runtime,
    }, { cause: error });
  }
}

/**
 * @internal The ORT module, session options and `threads` option for loading `modelPath`, and
 * whether `<model>.onnx_data` sits beside it. web: sets `env.wasm.numThreads` (default 1,
 * process-wide) and `proxy = false`, and attaches the external data as `externalData`; node:
 * `threads` passes through (ORT loads the file by path and finds the data itself).
 */
export async function sessionSetup(
  o: { runtime: 'node' | 'web'; threads?: number | undefined; sessionOptions?: OrtSessionOptions | undefined; ort?: OrtModule | undefined },
  modelPath: string,
): Promise<{ ort: OrtModule; sessionOptions: OrtSessionOptions; threads: number | undefined; hasExternal: boolean }> {
  const dataPath = externalDataPath(modelPath);
  const hasExternal = await exists(dataPath);
  const ort = o.ort ?? (await importOrt(o.runtime));
  const sessionOptions: OrtSessionOptions = { ...o.sessionOptions };
  if (o.runtime === 'node') return { ort, sessionOptions, threads: o.threads, hasExternal };
  if (ort.env.wasm) {
    ort.env.wasm.numThreads = o.threads ?? 1;
    ort.env.wasm.proxy = false;
  }
  if (hasExternal) sessionOptions.externalData = [{ path: basename(dataPath), data: await readRequired(dataPath, 'external data') }];
  return { ort, sessionOptions, threads: undefined, hasExternal };
}

/** Reads and parses `<dir>/config.json` (required). */
export async function loadModelConfig(dir: string): Promise<{ raw: Record<string, unknown>; config: CausalLMConfig }> {
  const path = join(resolve(dir), 'config.json');
  const raw = await readJson(path, 'config.json');
  const config = parseModelConfig(raw, path);
  return { raw: raw as Record<string, unknown>, config };
}

/** Reads `<dir>/generation_config.json` if present. */
export async function loadGenerationConfig(dir: string): Promise<GenerationDefaults | undefined> {
  const path = join(resolve(dir), 'generation_config.json');
  if (!(await exists(path))) return undefined;
  return parseGenerationConfig(await readJson(path, 'generation_config.json'), path);
}

/**
 * Loads `<dir>/onnx/model{suffix}.onnx` with `<dir>/config.json` as a `CausalLM` (spec core §5.1).
 * External weights (`model.onnx_data`) are attached: onnxruntime-node loads the model by path so
 * ORT finds them beside it; onnxruntime-web gets them as `externalData`. Missing files throw
 * `FILE_NOT_FOUND` naming the path. Never downloads anything.
 */
export async function loadCausalLM(dir: string, options: LoadCausalLMOptions = {}): Promise<OnnxCausalLM> {
  const o = parseOptions(LoadCausalLMOptionsSchema, options, 'loadCausalLM options');
  const root = resolve(dir);
  const { raw } = await loadModelConfig(root);
  const configPath = join(root, 'config.json');
  const rel = modelFilePath(o.dtype, o.modelName);
  const modelPath = join(root, rel);
  const bytes = await readRequired(modelPath, `model file (dtype ${o.dtype})`);
  // Check the layout from the bytes before ORT sees them (also when ORT loads the file by path).
  checkDecoderModelBytes(modelPath, bytes, parseModelConfig(raw, configPath));
  const { ort, sessionOptions, threads, hasExternal } = await sessionSetup(o, modelPath);
  return OnnxCausalLM.create({
    ort,
    model: o.runtime === 'node' && hasExternal ? modelPath : bytes,
    config: raw,
    configFileName: configPath,
    fileName: modelPath,
    sessionOptions,
    ...(threads !== undefined ? { threads } : {}),
    ...(o.logger ? { logger: o.logger } : {}),
    ...(o.createCache ? { createCache: o.createCache } : {}),
  });
}

/** Loads `<dir>/tokenizer.json` (required) and `<dir>/tokenizer_config.json` (optional), offline. */
export async function loadTokenizer(dir: string): Promise<HfTokenizer> {
  const root = resolve(dir);
  const path = join(root, 'tokenizer.json');
  const json = await readJson(path, 'tokenizer.json');
  const configPath = join(root, 'tokenizer_config.json');
  const config = (await exists(configPath)) ? ((await readJson(configPath, 'tokenizer_config.json')) as HfTokenizerConfig) : {};
  return createHfTokenizer(json, config, path);
}

/** A model directory loaded from disk: the causal LM, its tokenizer and config. */
export interface ModelDir {
  lm: OnnxCausalLM;
  tokenizer: HfTokenizer;
  config: CausalLMConfig;
  /** From `generation_config.json`, when present (not applied automatically by `generate`). */
  generationConfig: GenerationDefaults | undefined;
}

/** Loads a whole model directory: the ONNX decoder, its tokenizer, config and generation config. */
export async function loadModelDir(dir: string, options: LoadCausalLMOptions = {}): Promise<ModelDir> {
  const tokenizer = await loadTokenizer(dir);
  const generationConfig = await loadGenerationConfig(dir);
  const lm = await loadCausalLM(dir, options);
  return { lm, tokenizer, config: lm.config, generationConfig };
}
