import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as ortWeb from 'onnxruntime-web';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOnnxModel, type OnnxModel } from '../onnx/onnx-model.js';
import type { OrtModule } from '../onnx/ort-module.js';
import { tensor } from '../tensor/create-tensor.js';
import { buildTinyEncoder } from '../testing/tiny-encoder.js';
import { externalizeWeights } from '../test-utils/externalize-weights.js';
import { rejection } from '../test-utils/expect-error.js';
import { loadOnnxModel } from './load-onnx-model.js';

const { model } = buildTinyEncoder({ vocab: 10, hidden: 8, classes: 2, seed: 3 });
const ext = externalizeWeights(model, 'model.onnx_data');
const files: Record<string, Uint8Array> = {
  '/enc/onnx/model.onnx': model,
  '/ext/model.onnx': ext.model,
  '/ext/model.onnx_data': ext.data,
};
const requested: string[] = [];
let server: Server;
let base = '';

beforeAll(async () => {
  server = createServer((req, res) => {
    requested.push(req.url ?? '');
    const body = files[req.url ?? ''];
    res.statusCode = body ? 200 : 404;
    res.end(body ? Buffer.from(body) : 'not found');
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

const models: OnnxModel[] = [];
afterAll(async () => {
  for (const m of models) await m.dispose();
  await new Promise((ok) => server.close(ok));
});

const ids = (rows: number[][]) => tensor('int64', BigInt64Array.from(rows.flat(), BigInt), [rows.length, rows[0]!.length]);
const feeds = { input_ids: ids([[1, 4, 5, 2], [1, 7, 2, 0]]), attention_mask: ids([[1, 1, 1, 1], [1, 1, 1, 0]]), token_type_ids: ids([[0, 0, 1, 1], [0, 0, 0, 0]]) };

describe('loadOnnxModel (@reasonkit/core/web, onnxruntime-web in Node, loopback HTTP)', () => {
  it('loads from a directory URL, a file URL with external weights, and bytes; equal outputs', async () => {
    const ort = ortWeb as unknown as OrtModule;
    const reference = await createOnnxModel({ ort, model, threads: 1 });
    models.push(reference);
    const want = Array.from((await reference.run(feeds)).logits!.data as Float32Array);
    const fromDir = await loadOnnxModel(`${base}/enc`, { threads: 1 });
    const fromFile = await loadOnnxModel(`${base}/ext/model.onnx`, { externalData: true });
    const fromBytes = await loadOnnxModel({ model: ext.model, externalData: [{ path: 'model.onnx_data', data: ext.data }] });
    models.push(fromDir, fromFile, fromBytes);
    for (const m of [fromDir, fromFile, fromBytes]) expect(Array.from((await m.run(feeds)).logits!.data as Float32Array)).toEqual(want);
    expect(requested).toEqual(['/enc/onnx/model.onnx', '/ext/model.onnx', '/ext/model.onnx_data']);
  });

  it('names the URL on HTTP 404', async () => {
    const missing = await rejection(loadOnnxModel(`${base}/enc`, { dtype: 'q8' }));
    expect(missing.code).toBe('FILE_NOT_FOUND');
    expect(missing.details.file).toBe(`${base}/enc/onnx/model_quantized.onnx`);
  });
});
