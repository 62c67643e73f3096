import { readFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { ReasonkitError, type OrtModule, type TextModel } from '@reasonkit/core';
import { importOrt, loadTokenizer } from '@reasonkit/core/node';
import { createLlama2cProbeModel } from '../model/llama2c-probe-model.js';
import { createOnnxProbeModel } from '../model/onnx-probe-model.js';
import type { ProbeModel } from '../model/probe-model.js';
import type { SiteMap } from '../model/site-map.js';

/** Options of `loadProbeModelDir`. */
export interface LoadProbeModelDirOptions {
  /** `'node'` (default) or `'web'` (onnxruntime-web's wasm in Node). */
  runtime?: 'node' | 'web';
  threads?: number;
  /** Default: the directory name. */
  id?: string;
  siteMap?: SiteMap;
  textModel?: TextModel;
}

const ortFor = (runtime: 'node' | 'web'): Promise<OrtModule> => importOrt(runtime);

async function readBytes(path: string, what: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(path));
  } catch (cause) {
    throw new ReasonkitError('FILE_NOT_FOUND', `${what}: cannot read ${path}`, { file: path }, { cause });
  }
}

/**
 * A probe model from a model directory (Optimum / transformers.js layout: `config.json`,
 * `tokenizer.json`, `onnx/model.onnx` with weights inline), e.g. `reasonkit convert` output or
 * the testbed model. Sites default to core's llama2.c export names.
 */
export async function loadProbeModelDir(dir: string, options: LoadProbeModelDirOptions = {}): Promise<ProbeModel> {
  const root = resolve(dir);
  const configPath = join(root, 'config.json');
  let config: unknown;
  try {
    config = JSON.parse(new TextDecoder().decode(await readBytes(configPath, 'config.json')));
  } catch (cause) {
    if (ReasonkitError.is(cause)) throw cause;
    throw new ReasonkitError('CONFIG_INVALID', `config.json: not JSON (${configPath})`, { file: configPath }, { cause });
  }
  const model = await readBytes(join(root, 'onnx', 'model.onnx'), 'model');
  const tokenizer = await loadTokenizer(root);
  return createOnnxProbeModel({
    model,
    config: config as Record<string, unknown>,
    tokenizer,
    id: options.id ?? basename(root),
    ort: await ortFor(options.runtime ?? 'node'),
    ...(options.threads ? { threads: options.threads } : {}),
    ...(options.siteMap ? { siteMap: options.siteMap } : {}),
    ...(options.textModel ? { textModel: options.textModel } : {}),
  });
}

/** A probe model from llama2.c files (`stories260K.bin`, `tok512.bin`). */
export async function loadLlama2cProbeModel(checkpointPath: string, tokenizerPath: string, options: Omit<LoadProbeModelDirOptions, 'siteMap'> = {}): Promise<ProbeModel> {
  return createLlama2cProbeModel({
    checkpoint: await readBytes(checkpointPath, 'checkpoint'),
    tokenizer: await readBytes(tokenizerPath, 'tokenizer'),
    id: options.id ?? basename(checkpointPath).replace(/\.bin$/, ''),
    ort: await ortFor(options.runtime ?? 'node'),
    ...(options.threads ? { threads: options.threads } : {}),
    ...(options.textModel ? { textModel: options.textModel } : {}),
  });
}
