// The committed testbed model as a real onnxruntime-node session, re-exported from its weights
// with the extra outputs the pipeline reads: `queries.{l}` (kv-sparse's query-aware channel
// scores) and `hidden_states.{l}` (mode-select's ProbeConf probe).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createOnnxCausalLM, exportLlama2cOnnx, llama2cCheckpointFromOnnx, type CausalLM, type OrtModule, type Tokenizer } from '@reasonkit/core';
import { loadTokenizer } from '@reasonkit/core/node';
import { haveTestbedModel, testbedModelDir, type TestbedModelVariant } from '@reasonkit/testbed/node';
import * as ort from 'onnxruntime-node';

export interface LoadedTestbed {
  lm: CausalLM;
  tokenizer: Tokenizer;
  dir: string;
}

/** Loads the testbed model (`default` unless told) with queries and hidden states exposed. */
export async function loadTestbed(variant: TestbedModelVariant = 'default'): Promise<LoadedTestbed> {
  const dir = testbedModelDir(variant);
  if (!haveTestbedModel(variant)) throw new Error(`The testbed model is missing at ${dir}; it is committed with the repository.`);
  const config = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')) as Record<string, unknown>;
  const path = join(dir, 'onnx', 'model.onnx');
  const checkpoint = llama2cCheckpointFromOnnx(new Uint8Array(readFileSync(path)), config, path);
  const exported = exportLlama2cOnnx(checkpoint, { exposeQueries: true, exposeHiddenStates: true });
  const lm = await createOnnxCausalLM({ ort: ort as unknown as OrtModule, model: exported.model, config: exported.config, threads: 1 });
  return { lm, tokenizer: await loadTokenizer(dir), dir };
}

export { haveTestbedModel };
