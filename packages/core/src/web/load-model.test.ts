import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { generate } from '../generation/generate.js';
import type { CausalLM } from '../model/causal-lm.js';
import { buildTinyDecoder, tinyDecoderConfig } from '../testing/tiny-decoder.js';
import { externalizeWeights } from '../test-utils/externalize-weights.js';
import { loadCausalLM, loadModelDir } from './load-model.js';
import { rejection } from '../test-utils/expect-error.js';

const opts = { vocab: 8, layers: 1, kvHeads: 2, headDim: 4, seed: 4, maxPositions: 32 };
const model = buildTinyDecoder(opts);
const config = tinyDecoderConfig(opts);
const words = ['[UNK]', '[BOS]', '[EOS]', 'the', 'cat', 'sat', 'on', 'mat'];
const tokenizerJson = {
  version: '1.0',
  added_tokens: [],
  normalizer: null,
  pre_tokenizer: { type: 'Whitespace' },
  post_processor: null,
  decoder: null,
  model: { type: 'WordLevel', vocab: Object.fromEntries(words.map((w, i) => [w, i])), unk_token: '[UNK]' },
};
const enc = (v: unknown) => new TextEncoder().encode(JSON.stringify(v));

function fakeFetch(files: Record<string, Uint8Array>) {
  const requested: string[] = [];
  const fetch = async (url: string) => {
    requested.push(url);
    const body = files[url];
    return {
      ok: body !== undefined,
      status: body === undefined ? 404 : 200,
      statusText: body === undefined ? 'Not Found' : 'OK',
      arrayBuffer: async () => (body ?? new Uint8Array(0)).slice().buffer,
    };
  };
  return { fetch, requested };
}

const models: CausalLM[] = [];
afterAll(async () => {
  for (const m of models) await m.dispose();
});


describe('@reasonkit/core/web loaders (onnxruntime-web in Node)', () => {
  it('loads a model directory by URL with fetch; optional files may be absent', async () => {
    const base = 'https://models.example/tiny/';
    const { fetch, requested } = fakeFetch({
      'https://models.example/tiny/config.json': enc(config),
      'https://models.example/tiny/onnx/model.onnx': model,
      'https://models.example/tiny/tokenizer.json': enc(tokenizerJson),
    });
    const dir = await loadModelDir(base, { fetch, threads: 1 });
    models.push(dir.lm);
    expect(dir.generationConfig).toBeUndefined();
    expect(dir.config.vocabSize).toBe(8);
    expect(requested).not.toContain('https://models.example/tiny/onnx/model.onnx_data');
    const direct = await loadCausalLM({ model, config }, { threads: 1 });
    models.push(direct);
    const o = { prompt: 'the cat', tokenizer: dir.tokenizer, maxNewTokens: 5, eosTokenIds: [] };
    expect((await generate(dir.lm, o)).ids).toEqual((await generate(direct, o)).ids);
  });

  it('fetches external data when config asks for it', async () => {
    const ext = externalizeWeights(model, 'model.onnx_data');
    const { fetch } = fakeFetch({
      'u/config.json': enc({ ...config, 'transformers.js_config': { use_external_data_format: true } }),
      'u/onnx/model.onnx': ext.model,
      'u/onnx/model.onnx_data': ext.data,
    });
    const lm = await loadCausalLM('u', { fetch, threads: 1 });
    models.push(lm);
    const ref = await loadCausalLM({ model, config });
    models.push(ref);
    const a = (await lm.forward({ inputIds: [1, 3] })).logits.data;
    const b = (await ref.forward({ inputIds: [1, 3] })).logits.data;
    for (let i = 0; i < a.length; i++) expect(Math.abs(a[i]! - b[i]!)).toBeLessThan(1e-5);
  });

  it('a missing file is FILE_NOT_FOUND naming the URL', async () => {
    const { fetch } = fakeFetch({ 'm/config.json': enc(config) });
    const e = await rejection(loadCausalLM('m', { fetch, dtype: 'q4' }));
    expect(e.code).toBe('FILE_NOT_FOUND');
    expect(e.details.file).toBe('m/onnx/model_q4.onnx');
  });

  it('web/ sources import nothing from node:* and set no CDN wasm path', () => {
    for (const f of ['load-model.ts', 'index.ts']) {
      const src = readFileSync(new URL(`./${f}`, import.meta.url), 'utf8');
      expect(src).not.toMatch(/from 'node:|require\(/);
      expect(src).not.toMatch(/wasmPaths\s*=/);
      expect(src).not.toMatch(/jsdelivr|unpkg|https?:\/\//i);
    }
  });
});
