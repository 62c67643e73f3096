import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import * as z from 'zod';
import { ReasonkitError } from '../errors/reasonkit-error.js';
import { parseLlama2cCheckpoint } from '../llama2c/checkpoint.js';
import { exportLlama2cOnnx } from '../llama2c/export-onnx.js';
import { fusedGraphSupports } from '../llama2c/export-onnx-fused.js';
import { llama2cTokenizerToHfJson, tokenizerConfigFor } from '../llama2c/llama2c-to-hf.js';
import { parseLlama2cTokenizer } from '../llama2c/llama2c-tokenizer.js';
import { parseOptions } from '../validation/parse-options.js';
import { writeFileAtomic } from './atomic-write.js';

/** zod schema of `ConvertLlama2cOptions`: validates it and applies its defaults. */
export const ConvertLlama2cOptionsSchema = z.object({
  /** Path of the llama2.c checkpoint (`.bin`, legacy format). */
  checkpoint: z.string().min(1),
  /** Path of the llama2.c tokenizer (`.bin`). */
  tokenizer: z.string().min(1),
  /** Output model directory (created if missing). */
  out: z.string().min(1),
  /** Add `hidden_states.{0..L}` outputs (residual stream per layer). Default false (our choice). */
  exposeHiddenStates: z.boolean().default(false),
  /** Add `queries.{l}` outputs (post-RoPE attention queries). Default false (our choice). */
  exposeQueries: z.boolean().default(false),
  /** Add `attentions.{l}` outputs (attention weights per layer). Default false (our choice). */
  exposeAttentions: z.boolean().default(false),
  /**
   * ONNX graph: `'fused'` (ONNX Runtime's fused ops, fastest on onnxruntime-node/web), `'plain'`
   * (standard ops only, any runtime, every `expose*` output), or `'auto'`: fused unless an
   * `expose*` output is asked for or the head dim is not a multiple of 8. Default `'auto'` (our
   * choice, issue 18: the fused graph decodes the same tokens with about four times fewer kernels).
   */
  graph: z.enum(['auto', 'fused', 'plain']).default('auto'),
  /**
   * Quantize the linear layers and the classifier to 8 or 4 bits (`MatMulNBits`, blocks of 32;
   * see `exportLlama2cOnnx`); needs the fused graph (`'auto'` picks it). A different, approximate
   * model. Default: float32 weights (our choice).
   */
  weightBits: z.union([z.literal(8), z.literal(4)]).optional(),
  /** Called with a short stage name and fraction done. */
  onProgress: z.custom<(stage: string, fraction: number) => void>((v) => typeof v === 'function').optional(),
});
/** Input accepted by `ConvertLlama2cOptionsSchema` (optional fields may be omitted; defaults are applied when parsed). */
export type ConvertLlama2cOptions = z.input<typeof ConvertLlama2cOptionsSchema>;

/** Result of converting a llama2.c checkpoint: the output directory, the files written and the model config. */
export interface ConvertLlama2cResult {
  out: string;
  files: string[];
  config: Record<string, unknown>;
}

/**
 * Converts a llama2.c checkpoint and tokenizer into a model directory in the Optimum /
 * transformers.js layout: `config.json`, `generation_config.json`, `tokenizer.json`,
 * `tokenizer_config.json` and `onnx/model.onnx`. Every file is written atomically.
 */
export async function convertLlama2c(options: ConvertLlama2cOptions): Promise<ConvertLlama2cResult> {
  const o = parseOptions(ConvertLlama2cOptionsSchema, options, 'convertLlama2c options');
  const progress = o.onProgress ?? (() => {});
  const checkpointPath = resolve(o.checkpoint);
  const tokenizerPath = resolve(o.tokenizer);
  progress('read checkpoint', 0);
  const checkpoint = parseLlama2cCheckpoint(await readInput(checkpointPath, 'checkpoint'), checkpointPath);
  progress('read tokenizer', 0.2);
  const tokenizer = parseLlama2cTokenizer(
    await readInput(tokenizerPath, 'tokenizer'),
    checkpoint.config.vocabSize,
    tokenizerPath,
  );
  progress('build ONNX graph', 0.4);
  const wantsOutputs = o.exposeHiddenStates || o.exposeQueries || o.exposeAttentions;
  const graph =
    o.graph !== 'auto' ? o.graph : o.weightBits !== undefined || (!wantsOutputs && fusedGraphSupports(checkpoint.config)) ? 'fused' : 'plain';
  const exported = exportLlama2cOnnx(checkpoint, {
    graph,
    exposeHiddenStates: o.exposeHiddenStates,
    exposeQueries: o.exposeQueries,
    exposeAttentions: o.exposeAttentions,
    ...(o.weightBits === undefined ? {} : { weightBits: o.weightBits }),
  });
  const out = resolve(o.out);
  const files: [string, string | Uint8Array][] = [
    ['config.json', json(exported.config)],
    ['generation_config.json', json(exported.generationConfig)],
    ['tokenizer.json', json(llama2cTokenizerToHfJson(tokenizer))],
    ['tokenizer_config.json', json(tokenizerConfigFor(tokenizer))],
    ['onnx/model.onnx', exported.model],
  ];
  for (const [i, [name, data]] of files.entries()) {
    progress(`write ${name}`, 0.6 + (0.4 * i) / files.length);
    await writeFileAtomic(join(out, name), data);
  }
  progress('done', 1);
  return { out, files: files.map(([name]) => name), config: exported.config as Record<string, unknown> };
}

async function readInput(path: string, what: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(path));
  } catch (error) {
    throw new ReasonkitError('FILE_NOT_FOUND', `${what} file not found: ${path}`, { file: path }, { cause: error });
  }
}

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
