import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import { ReasonkitError } from '../../errors/reasonkit-error.js';
import { type GenerateOptions, GenerateOptionsSchema } from '../../generation/generate-options.js';
import { streamGenerate } from '../../generation/stream-generate.js';
import { parseOptions } from '../../validation/parse-options.js';
import { llama2cCheckpointFromOnnx } from '../../llama2c/checkpoint-from-onnx.js';
import { Llama2cReferenceModel } from '../../llama2c/reference-model.js';
import type { CausalLM } from '../../model/causal-lm.js';
import { loadCausalLM, loadTokenizer } from '../../node/load-model.js';
import { createProgress } from '../progress.js';

export type CliRuntime = 'node' | 'web' | 'reference';

/** Loads a model directory on the chosen backend; `reference` runs the pure-TS llama2.c forward. */
export async function loadForRuntime(dir: string, runtime: CliRuntime, threads: number): Promise<CausalLM> {
  if (runtime !== 'reference') return loadCausalLM(dir, { runtime, threads });
  const configPath = join(dir, 'config.json');
  const modelPath = join(dir, 'onnx', 'model.onnx');
  const [configText, model] = await Promise.all([readText(configPath), readBytes(modelPath)]);
  let config: Record<string, unknown>;
  try {
    config = JSON.parse(configText) as Record<string, unknown>;
  } catch (error) {
    throw new ReasonkitError('CONFIG_INVALID', `${configPath}: not valid JSON`, { file: configPath }, { cause: error });
  }
  return new Llama2cReferenceModel(llama2cCheckpointFromOnnx(model, config, modelPath));
}

async function readText(path: string): Promise<string> {
  return new TextDecoder().decode(await readBytes(path));
}
async function readBytes(path: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(path));
  } catch (error) {
    throw new ReasonkitError('FILE_NOT_FOUND', `file not found locally: ${path}`, { file: path }, { cause: error });
  }
}

const int = (name: string) => (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError(`${name} must be a non-negative integer`);
  return n;
};
const num = (name: string) => (value: string) => {
  const n = Number(value);
  if (!Number.isFinite(n)) throw new InvalidArgumentError(`${name} must be a number`);
  return n;
};

interface GenerateCliOptions {
  model: string;
  prompt: string;
  maxNewTokens: number;
  temperature: number;
  topK?: number;
  topP?: number;
  seed?: number;
  stop: string[];
  runtime: CliRuntime;
  threads: number;
  quiet: boolean;
}

/**
 * `reasonkit generate --model <dir> --prompt "<text>" --max-new-tokens <n> --temperature 0`
 * prints the prompt followed by the continuation to stdout (streamed), and nothing else.
 */
export function generateCommand(): Command {
  return new Command('generate')
    .description('generate text from a model directory; prints the prompt and its continuation to stdout')
    .requiredOption('--model <dir>', 'model directory (config.json, tokenizer.json, onnx/model.onnx)')
    .requiredOption('--prompt <text>', 'prompt text')
    .option('--max-new-tokens <n>', 'tokens to generate at most', int('--max-new-tokens'), 256)
    .option('--temperature <t>', '0 = greedy; default 1.0 as llama2.c run.c', num('--temperature'), 1)
    .option('--top-k <k>', 'keep the k most likely tokens', int('--top-k'))
    .option('--top-p <p>', 'nucleus sampling mass; default 0.9 when sampling, as llama2.c run.c', num('--top-p'))
    .option('--seed <n>', 'sampling seed (MT19937, Python random compatible)', int('--seed'))
    .option('--stop <text...>', 'stop strings', [])
    .addOption(new Option('--runtime <name>', 'backend').choices(['node', 'web', 'reference']).default('node'))
    .option('--threads <n>', 'intra-op threads', int('--threads'), 1)
    .option('--quiet', 'no progress display', false)
    .action(async (o: GenerateCliOptions) => {
      const dir = resolve(o.model);
      const progress = createProgress('generate', { quiet: o.quiet });
      progress.update(0, `load ${o.runtime}`);
      const [lm, tokenizer] = await Promise.all([loadForRuntime(dir, o.runtime, o.threads), loadTokenizer(dir)]);
      const controller = new AbortController();
      const onSigint = () => controller.abort();
      process.once('SIGINT', onSigint);
      try {
        const options: GenerateOptions = {
          prompt: o.prompt,
          tokenizer,
          maxNewTokens: o.maxNewTokens,
          temperature: o.temperature,
          topK: o.topK,
          topP: o.topP ?? (o.temperature > 0 ? 0.9 : undefined),
          seed: o.seed,
          stopStrings: o.stop,
          signal: controller.signal,
          onProgress: ({ generated, maxNewTokens }) => progress.update(maxNewTokens ? generated / maxNewTokens : 1, 'decode'),
        };
        // Bad options fail here, before anything reaches stdout.
        parseOptions(GenerateOptionsSchema, options, 'generate options');
        process.stdout.write(o.prompt);
        const stream = streamGenerate(lm, options);
        let next = await stream.next();
        while (!next.done) {
          process.stdout.write(next.value.textDelta);
          next = await stream.next();
        }
        const result = next.value;
        progress.stop();
        process.stdout.write('\n');
        process.stderr.write(`generate: ${result.ids.length} tokens, finish: ${result.finishReason}\n`);
      } finally {
        progress.stop();
        process.off('SIGINT', onSigint);
        await lm.dispose();
      }
    });
}
