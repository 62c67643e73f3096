// Node-only: the committed testbed model (head dim 16, context 256; @reasonkit/testbed is a
// devDependency, absent for consumers) as a llama2.c reference model, for benchmarks and tests.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Llama2cAttentionFn, Llama2cReferenceModel, llama2cCheckpointFromOnnx } from '@reasonkit/core';

/** Loads the testbed model from `dir` (default: the @reasonkit/testbed package's `model/`). */
export async function loadTestbedReference(attention?: Llama2cAttentionFn, dir?: string): Promise<Llama2cReferenceModel> {
  const at = dir ?? (await import('@reasonkit/testbed/node')).testbedModelDir();
  const config = JSON.parse(readFileSync(join(at, 'config.json'), 'utf8')) as Record<string, unknown>;
  const path = join(at, 'onnx', 'model.onnx');
  return new Llama2cReferenceModel(llama2cCheckpointFromOnnx(new Uint8Array(readFileSync(path)), config, path), attention ? { attention } : {});
}
