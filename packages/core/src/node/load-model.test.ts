import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../generation/generate.js';
import type { CausalLM } from '../model/causal-lm.js';
import { buildTinyDecoder, tinyDecoderConfig } from '../testing/tiny-decoder.js';
import { externalizeWeights } from '../test-utils/externalize-weights.js';
import { ORACLE_57, checkpointPath, haveReferenceModel, skipMessage, tokenizerPath } from '../test-utils/shared-models.js';
import { convertLlama2c } from './convert-llama2c.js';
import { loadCausalLM, loadModelDir, loadTokenizer } from './load-model.js';
import { rejection } from '../test-utils/expect-error.js';

const opts = { vocab: 8, layers: 2, kvHeads: 2, headDim: 4, seed: 9, maxPositions: 32 };
const words = ['[UNK]', '[BOS]', '[EOS]', 'the', 'cat', 'sat', 'on', 'mat'];
const tokenizerJson = {
  version: '1.0',
  added_tokens: [0, 1, 2].map((id) => ({ id, content: words[id], single_word: false, lstrip: false, rstrip: false, normalized: false, special: true })),
  normalizer: null,
  pre_tokenizer: { type: 'Whitespace' },
  post_processor: null,
  decoder: null,
  model: { type: 'WordLevel', vocab: Object.fromEntries(words.map((w, i) => [w, i])), unk_token: '[UNK]' },
};

let root: string;
const models: CausalLM[] = [];
const track = <T extends CausalLM>(lm: T): T => {
  models.push(lm);
  return lm;
};

async function writeDir(name: string, files: Record<string, string | Uint8Array>): Promise<string> {
  const dir = join(root, name);
  for (const [rel, content] of Object.entries(files)) {
    await mkdir(join(dir, rel, '..'), { recursive: true });
    await writeFile(join(dir, rel), content);
  }
  return dir;
}


beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'reasonkit-load-'));
});
afterAll(async () => {
  for (const m of models) await m.dispose();
  await rm(root, { recursive: true, force: true });
});

describe('loadModelDir / loadCausalLM (node)', () => {
  const model = buildTinyDecoder(opts);
  const config = JSON.stringify(tinyDecoderConfig(opts));

  it('loads model, tokenizer, config and generation_config on both runtimes; greedy ids agree', async () => {
    const dir = await writeDir('tiny', {
      'config.json': config,
      'generation_config.json': JSON.stringify({ eos_token_id: 2, max_new_tokens: 5 }),
      'tokenizer.json': JSON.stringify(tokenizerJson),
      'tokenizer_config.json': JSON.stringify({ bos_token: '[BOS]', eos_token: '[EOS]' }),
      'onnx/model.onnx': model,
    });
    const a = await loadModelDir(dir, { threads: 1 });
    track(a.lm);
    expect(a.config.numLayers).toBe(2);
    expect(a.generationConfig?.maxNewTokens).toBe(5);
    expect(a.tokenizer.encode('the cat sat')).toEqual([1, 3, 4, 5]); // BOS from tokenizer_config.json
    const b = track(await loadCausalLM(dir, { runtime: 'web', threads: 1 }));
    const o = { prompt: 'the cat', tokenizer: a.tokenizer, maxNewTokens: 6, eosTokenIds: [] };
    const ra = await generate(a.lm, o);
    const rb = await generate(b, o);
    expect(rb.ids).toEqual(ra.ids);
    expect(typeof ra.text).toBe('string');
  });

  it('attaches external weights (model.onnx_data) on onnxruntime-node and onnxruntime-web', async () => {
    const ext = externalizeWeights(model, 'model.onnx_data');
    expect(ext.data.byteLength).toBeGreaterThan(0);
    expect(ext.model.byteLength).toBeLessThan(model.byteLength);
    const inline = await writeDir('inline', { 'config.json': config, 'onnx/model.onnx': model });
    const external = await writeDir('external', { 'config.json': config, 'onnx/model.onnx': ext.model, 'onnx/model.onnx_data': ext.data });
    const ref = track(await loadCausalLM(inline, { threads: 1 }));
    const want = (await ref.forward({ inputIds: [1, 3, 4] })).logits.data;
    for (const runtime of ['node', 'web'] as const) {
      const lm = track(await loadCausalLM(external, { runtime, threads: 1 }));
      const got = (await lm.forward({ inputIds: [1, 3, 4] })).logits.data;
      for (let i = 0; i < want.length; i++) expect(Math.abs(got[i]! - want[i]!)).toBeLessThan(1e-5);
    }
  });

  it('FILE_NOT_FOUND names the missing path; dtype picks the file suffix', async () => {
    const dir = await writeDir('partial', { 'config.json': config, 'onnx/model.onnx': model });
    const e = await rejection(loadCausalLM(dir, { dtype: 'fp16' }));
    expect(e.code).toBe('FILE_NOT_FOUND');
    expect(e.details.file).toBe(join(dir, 'onnx/model_fp16.onnx'));
    expect(e.message).toContain('model.onnx'); // lists what is there
    const q8 = await rejection(loadCausalLM(dir, { dtype: 'q8' }));
    expect(q8.details.file).toBe(join(dir, 'onnx/model_quantized.onnx'));
    const noConfig = await rejection(loadCausalLM(join(root, 'nowhere')));
    expect(noConfig.details.file).toBe(join(root, 'nowhere', 'config.json'));
    const noTok = await rejection(loadTokenizer(dir));
    expect(noTok.code).toBe('FILE_NOT_FOUND');
    expect(noTok.message).toContain(join(dir, 'tokenizer.json'));
  });

  it('CONFIG_INVALID names the config file and field', async () => {
    const { num_hidden_layers: _, ...bad } = tinyDecoderConfig(opts);
    const dir = await writeDir('badconfig', { 'config.json': JSON.stringify(bad), 'onnx/model.onnx': model });
    const e = await rejection(loadCausalLM(dir));
    expect(e.code).toBe('CONFIG_INVALID');
    expect(e.message).toContain(`${join(dir, 'config.json')}: num_hidden_layers is required`);
  });
});

describe.skipIf(!haveReferenceModel)(`stories260K model directory (${haveReferenceModel ? 'present' : skipMessage})`, () => {
  it('convertLlama2c → loadModelDir → generate reproduces the oracle', async () => {
    const out = join(root, 'stories260K');
    await convertLlama2c({ checkpoint: checkpointPath, tokenizer: tokenizerPath, out });
    const { lm, tokenizer } = await loadModelDir(out, { threads: 1 });
    track(lm);
    const r = await generate(lm, { prompt: 'Once upon a time', tokenizer, maxNewTokens: 57 });
    expect(tokenizer.decode(r.allIds)).toBe(ORACLE_57);
  });
});
