import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ortNode from 'onnxruntime-node';
import { afterAll, describe, expect, it } from 'vitest';
import { createOnnxModel, type OnnxModel } from '../onnx/onnx-model.js';
import type { OrtModule } from '../onnx/ort-module.js';
import { tensor } from '../tensor/create-tensor.js';
import { buildTinyEncoder } from '../testing/tiny-encoder.js';
import { externalizeWeights } from '../test-utils/externalize-weights.js';
import { rejection } from '../test-utils/expect-error.js';
import { loadOnnxModel } from './load-onnx-model.js';

const { model } = buildTinyEncoder({ vocab: 10, hidden: 8, classes: 2, seed: 3 });
const root = mkdtempSync(join(tmpdir(), 'rk-onnx-model-'));
const dir = join(root, 'encoder');
mkdirSync(join(dir, 'onnx'), { recursive: true });
writeFileSync(join(dir, 'onnx', 'model.onnx'), model);
const ext = externalizeWeights(model, 'model_ext.onnx_data');
writeFileSync(join(root, 'model_ext.onnx'), ext.model);
writeFileSync(join(root, 'model_ext.onnx_data'), ext.data);

const models: OnnxModel[] = [];
afterAll(async () => {
  for (const m of models) await m.dispose();
  rmSync(root, { recursive: true, force: true });
});

const ids = (rows: number[][]) => tensor('int64', BigInt64Array.from(rows.flat(), BigInt), [rows.length, rows[0]!.length]);
const feeds = { input_ids: ids([[1, 4, 5, 2], [1, 7, 2, 0]]), attention_mask: ids([[1, 1, 1, 1], [1, 1, 1, 0]]), token_type_ids: ids([[0, 0, 1, 1], [0, 0, 0, 0]]) };

describe('loadOnnxModel (@reasonkit/core/node)', async () => {
  const reference = await createOnnxModel({ ort: ortNode as unknown as OrtModule, model });
  models.push(reference);
  const want = Array.from((await reference.run(feeds)).logits!.data as Float32Array);

  it.each(['node', 'web'] as const)('loads a model directory, an .onnx file and external weights on %s', async (runtime) => {
    for (const path of [dir, join(dir, 'onnx', 'model.onnx'), join(root, 'model_ext.onnx')]) {
      const m = await loadOnnxModel(path, { runtime, threads: 1 });
      models.push(m);
      expect(m.session.fileName).toMatch(/\.onnx$/);
      const got = Array.from((await m.run(feeds)).logits!.data as Float32Array);
      // onnxruntime-web's wasm kernels may differ from onnxruntime-node in the last bits.
      for (const [i, v] of got.entries()) expect(v).toBeCloseTo(want[i]!, 6);
    }
  });

  it('names the missing file', async () => {
    const missing = await rejection(loadOnnxModel(dir, { dtype: 'fp16' }));
    expect(missing.code).toBe('FILE_NOT_FOUND');
    expect(missing.message).toContain(join(dir, 'onnx', 'model_fp16.onnx'));
    expect(missing.message).toContain('model.onnx');
    const bad = await rejection(loadOnnxModel(dir, { runtime: 'gpu' as never }));
    expect(bad.code).toBe('INVALID_ARGUMENT');
    expect(bad.details.field).toBe('runtime');
  });
});
