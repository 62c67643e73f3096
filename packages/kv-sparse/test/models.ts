// Node-only test/bench helpers: the shared stories260K and the committed testbed model as
// llama2.c reference models (optionally with the SparK attention).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Llama2cAttentionFn, Llama2cReferenceModel, llama2cCheckpointFromOnnx } from '@reasonkit/core';
import { loadTokenizer } from '@reasonkit/core/node';
import { haveTestbedModel, testbedModelDir } from '@reasonkit/testbed/node';

export { haveTestbedModel };

/** The testbed model (head dim 16, context 256) run by the pure-TS llama2.c reference. */
export function loadTestbedReference(attention?: Llama2cAttentionFn): Llama2cReferenceModel {
  const dir = testbedModelDir();
  const config = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')) as Record<string, unknown>;
  const checkpoint = llama2cCheckpointFromOnnx(new Uint8Array(readFileSync(join(dir, 'onnx', 'model.onnx'))), config, join(dir, 'onnx', 'model.onnx'));
  return new Llama2cReferenceModel(checkpoint, attention ? { attention } : {});
}

export const loadTestbedTokenizer = () => loadTokenizer(testbedModelDir());
