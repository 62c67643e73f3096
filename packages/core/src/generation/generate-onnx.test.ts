import * as ortNode from 'onnxruntime-node';
import * as ortWeb from 'onnxruntime-web';
import { afterAll, describe, expect, it } from 'vitest';
import { DenseKVCache } from '../kv-cache/dense-kv-cache.js';
import type { KVCache, KVLayer } from '../kv-cache/kv-cache.js';
import { parseLlama2cCheckpoint } from '../llama2c/checkpoint.js';
import { exportLlama2cOnnx } from '../llama2c/export-onnx.js';
import { parseLlama2cTokenizer } from '../llama2c/llama2c-tokenizer.js';
import { Llama2cReferenceModel } from '../llama2c/reference-model.js';
import type { CausalLM } from '../model/causal-lm.js';
import { createOnnxCausalLM } from '../onnx/onnx-causal-lm.js';
import type { OrtModule } from '../onnx/ort-module.js';
import { tensor } from '../tensor/create-tensor.js';
import { buildTinyDecoder, tinyDecoderConfig } from '../testing/tiny-decoder.js';
import { ORACLE_57, haveReferenceModel, readCheckpoint, readTokenizerBytes, skipMessage } from '../test-utils/shared-models.js';
import { generate } from './generate.js';

const node = ortNode as unknown as OrtModule;
const web = ortWeb as unknown as OrtModule;
web.env.wasm!.numThreads = 1;
web.env.wasm!.proxy = false;

const models: CausalLM[] = [];
afterAll(async () => {
  for (const m of models) await m.dispose();
});
async function onnxLM(ort: OrtModule, model: Uint8Array, config: Record<string, unknown>) {
  const lm = await createOnnxCausalLM({ ort, model, config, threads: 1 });
  models.push(lm);
  return lm;
}

function naiveLogSoftmax(row: ArrayLike<number>): number[] {
  const xs = Array.from(row);
  const m = Math.max(...xs);
  const lse = m + Math.log(xs.reduce((s, x) => s + Math.exp(x - m), 0));
  return xs.map((x) => x - lse);
}

/** Keeps the last `window` cached tokens (with their original absolute positions). */
function keepLast(cache: KVCache, window: number): KVCache {
  const drop = cache.length - window;
  if (drop <= 0) return cache;
  const cut = (t: KVLayer['key']): KVLayer['key'] => {
    const [, h, len, d] = t.dims as [number, number, number, number];
    const out = new Float32Array(h * window * d);
    for (let k = 0; k < h; k++) out.set((t.data as Float32Array).subarray((k * len + drop) * d, (k + 1) * len * d), k * window * d);
    return tensor('float32', out, [1, h, window, d]);
  };
  return DenseKVCache.from(
    cache.layers().map((l) => ({ key: cut(l.key), value: cut(l.value) })),
    cache.positions.slice(drop),
  );
}

describe('generate over the ONNX tiny decoder', () => {
  const opts = { vocab: 13, layers: 2, kvHeads: 2, headDim: 4, seed: 5, maxPositions: 64 };
  const model = buildTinyDecoder(opts);
  const config = tinyDecoderConfig(opts);

  it('target 11: greedy per-step logprobs equal log_softmax of raw logits (1e-6), top sorted descending', async () => {
    const lm = await onnxLM(node, model, config);
    const r = await generate(lm, { inputIds: [1, 7, 3], maxNewTokens: 6, eosTokenIds: [], logprobs: { topN: 4 } });
    expect(r.ids).toHaveLength(6);
    let cache = lm.createCache();
    let feed = [1, 7, 3];
    for (const step of r.steps) {
      const out = await lm.forward({ inputIds: feed, cache });
      cache = out.cache;
      const row = out.logits.data.subarray((out.logits.dims[1]! - 1) * 13);
      const lp = naiveLogSoftmax(row);
      let best = 0;
      for (let i = 1; i < row.length; i++) if (row[i]! > row[best]!) best = i;
      expect(step.id).toBe(best);
      expect(Math.abs(step.logprob - lp[step.id]!)).toBeLessThan(1e-6);
      expect(step.top![0]!.id).toBe(step.id);
      for (let i = 1; i < step.top!.length; i++) expect(step.top![i - 1]!.logprob).toBeGreaterThanOrEqual(step.top![i]!.logprob);
      feed = [step.id];
    }
  });

  it('target 10: fixed seeds reproduce across runs and across ORT-node and ORT-web', async () => {
    const a = await onnxLM(node, model, config);
    const b = await onnxLM(web, model, config);
    const o = { inputIds: [1, 4], maxNewTokens: 12, eosTokenIds: [], temperature: 1.5, topK: 8, topP: 0.9, seed: 2024 };
    const r1 = await generate(a, o);
    const r2 = await generate(a, o);
    const r3 = await generate(b, o);
    expect(r2.ids).toEqual(r1.ids);
    expect(r3.ids).toEqual(r1.ids);
    for (let i = 0; i < r1.steps.length; i++) expect(Math.abs(r3.steps[i]!.logprob - r1.steps[i]!.logprob)).toBeLessThan(1e-5);
    const greedyNode = await generate(a, { inputIds: [1, 4], maxNewTokens: 8, eosTokenIds: [] });
    const greedyWeb = await generate(b, { inputIds: [1, 4], maxNewTokens: 8, eosTokenIds: [] });
    expect(greedyWeb.ids).toEqual(greedyNode.ids);
  });

  it('a cache-evicting hook keeps the cache bounded and positions absolute on ONNX', async () => {
    const lm = await onnxLM(node, model, config);
    const r = await generate(lm, {
      inputIds: [1, 2, 3, 4],
      maxNewTokens: 8,
      eosTokenIds: [],
      hooks: { onStep: (ctx) => ({ cache: keepLast(ctx.cache, 3) }) },
    });
    expect(r.ids).toHaveLength(8);
    expect(r.cache.length).toBe(3);
    expect(Array.from(r.cache.positions)).toEqual([8, 9, 10]);
  });
});

describe.skipIf(!haveReferenceModel)(`generate over stories260K (${haveReferenceModel ? 'present' : skipMessage})`, () => {
  const checkpoint = haveReferenceModel ? parseLlama2cCheckpoint(readCheckpoint()) : undefined;
  const tokenizer = haveReferenceModel ? parseLlama2cTokenizer(readTokenizerBytes(), 512) : undefined;

  it('reference model: greedy "Once upon a time" + 57 tokens reproduces the oracle', async () => {
    const lm = new Llama2cReferenceModel(checkpoint!);
    const r = await generate(lm, { prompt: 'Once upon a time', tokenizer: tokenizer!, maxNewTokens: 57 });
    expect(r.ids.slice(0, 4)).toEqual([432, 383, 286, 261]);
    expect(`Once upon a time${r.text}`).toBe(ORACLE_57);
    expect(tokenizer!.decode(r.allIds)).toBe(ORACLE_57);
  });

  it('ONNX export on ORT-node equals the reference model, also with a sliding-window eviction hook', async () => {
    const ref = new Llama2cReferenceModel(checkpoint!);
    const exp = exportLlama2cOnnx(checkpoint!);
    const lm = await onnxLM(node, exp.model, exp.config);
    const base = { prompt: 'Once upon a time', tokenizer: tokenizer!, maxNewTokens: 24, logprobs: { topN: 3 } };
    const a = await generate(ref, base);
    const b = await generate(lm, base);
    expect(b.ids).toEqual(a.ids);
    for (let i = 0; i < a.steps.length; i++) expect(Math.abs(b.steps[i]!.logprob - a.steps[i]!.logprob)).toBeLessThan(1e-4);
    const evicting = { ...base, hooks: { onStep: (ctx: { cache: KVCache }) => ({ cache: keepLast(ctx.cache, 8) }) } };
    const c = await generate(ref, evicting);
    const d = await generate(lm, evicting);
    expect(d.ids).toEqual(c.ids);
    expect(c.ids).not.toEqual(a.ids); // eviction really changes the continuation
    expect(Array.from(d.cache.positions)).toEqual(Array.from(c.cache.positions));
    for (let i = 0; i < c.steps.length; i++) expect(Math.abs(d.steps[i]!.logprob - c.steps[i]!.logprob)).toBeLessThan(1e-4);
  });

  it('ONNX export on ORT-web wasm reproduces the reference greedy ids', async () => {
    const ref = new Llama2cReferenceModel(checkpoint!);
    const exp = exportLlama2cOnnx(checkpoint!);
    const lm = await onnxLM(web, exp.model, exp.config);
    const o = { prompt: 'Once upon a time', tokenizer: tokenizer!, maxNewTokens: 16 };
    expect((await generate(lm, o)).ids).toEqual((await generate(ref, o)).ids);
  });

  it("per-step logits ('none' at the prompt, teacher-forced) and outputs keep the oracle on the reference model and ORT-node/web", async () => {
    const exp = exportLlama2cOnnx(checkpoint!, { exposeHiddenStates: true });
    const lms: [string, CausalLM][] = [
      ['reference', new Llama2cReferenceModel(checkpoint!)],
      ['node', await onnxLM(node, exp.model, exp.config)],
      ['web', await onnxLM(web, exp.model, exp.config)],
    ];
    for (const [name, lm] of lms) {
      const seen: { step: number; logits: number; hidden: number[] | undefined }[] = [];
      const r = await generate(lm, {
        inputIds: [1, 403, 407, 261, 378],
        maxNewTokens: 12,
        temperature: 0,
        eosTokenIds: [],
        logits: (step) => (step === 0 ? 'none' : 'last'),
        outputs: (step) => (step === 0 ? ['hidden_states.5'] : []),
        hooks: {
          onStep(ctx) {
            seen.push({ step: ctx.step, logits: ctx.logits.length, hidden: ctx.extra['hidden_states.5']?.dims as number[] | undefined });
            // the prompt forward computed no logits: force the oracle's first token
            if (ctx.step === 0) return { forceToken: 432 };
          },
        },
      });
      expect(r.ids, name).toEqual([432, 383, 286, 261, 376, 298, 315, 421, 395, 317, 426, 338]);
      expect(seen.slice(0, 2), name).toEqual([
        { step: 0, logits: 0, hidden: [1, 5, 64] },
        { step: 1, logits: 512, hidden: undefined },
      ]);
    }
  });
});
