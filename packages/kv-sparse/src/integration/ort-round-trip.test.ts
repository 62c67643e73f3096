// Spec §13 target 9: the compressed cache feeds ONNX Runtime (node and web) through core's ONNX
// adapter (materialised keys as past_key_values, mode a) and agrees with the JS kernel over the
// compressed storage (mode b, reference model with sparkAttention). Skips without stories260K.
import { createOnnxCausalLM, exportLlama2cOnnx, generate, Llama2cReferenceModel, type OrtModule } from '@reasonkit/core';
import { STORIES260K_ORACLE_57, STORIES260K_ORACLE_PROMPT_IDS } from '@reasonkit/core/testing';
import { loadReferenceModel, locateReferenceModel } from '@reasonkit/core/testing/node';
import * as ortNode from 'onnxruntime-node';
import * as ortWeb from 'onnxruntime-web';
import { afterAll, describe, expect, it } from 'vitest';
import { SparseKVCache } from '../cache/sparse-kv-cache.js';
import type { CompressOptions } from '../config/policies.js';
import { sparkAttention, sparkCompression } from './spark-attention.js';

const web = ortWeb as unknown as OrtModule;
web.env.wasm!.numThreads = 1;
web.env.wasm!.proxy = false;
const ref = locateReferenceModel();
const loaded = loadReferenceModel(ref);
const disposers: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const d of disposers) await d();
});

describe.skipIf(!loaded)(`ORT round trip on stories260K${loaded ? '' : ` (${ref.skipMessage})`}`, () => {
  const checkpoint = loaded!.model.checkpoint;
  const c = loaded!.model.config;
  const geometry = { layers: c.numLayers, kvHeads: c.numKvHeads, qHeads: c.numQHeads, headDim: c.headDim };
  const exp = exportLlama2cOnnx(checkpoint, { exposeQueries: true });
  const sparseRef = new Llama2cReferenceModel(checkpoint, { attention: sparkAttention() });

  for (const [name, ort] of [['node', ortNode as unknown as OrtModule], ['web', web]] as const) {
    it(`ORT-${name}: r = 0 reproduces the oracle text; r = 0.5 matches the JS kernel over the compressed cache (ids, logprobs 1e-4)`, async () => {
      const lm = await createOnnxCausalLM({ ort, model: exp.model, config: exp.config, threads: 1 });
      disposers.push(() => lm.dispose());
      const r0: CompressOptions = { channel: { scorer: { kind: 'spark', window: 5 }, selector: { kind: 'fixedRatio', ratio: 0 } } };
      const s0 = sparkCompression({ geometry, compress: r0 });
      const oracle = await generate(lm, { inputIds: [...STORIES260K_ORACLE_PROMPT_IDS], maxNewTokens: 57, eosTokenIds: [], hooks: s0.hooks, outputs: s0.outputs });
      expect(oracle.cache).toBeInstanceOf(SparseKVCache);
      expect(loaded!.tokenizer.decode(oracle.allIds)).toBe(STORIES260K_ORACLE_57);

      const prompt = oracle.allIds.slice(0, 48);
      const r5: CompressOptions = { channel: { scorer: { kind: 'spark', window: 32 }, selector: { kind: 'fixedRatio', ratio: 0.5 }, restorer: { kind: 'sparkMean', sign: 'stored' } } };
      const a = sparkCompression({ geometry, compress: r5 });
      const b = sparkCompression({ geometry, compress: r5 });
      const viaOrt = await generate(lm, { inputIds: prompt, maxNewTokens: 16, eosTokenIds: [], hooks: a.hooks, outputs: a.outputs, logprobs: { topN: 0 } });
      const viaJs = await generate(sparseRef, { inputIds: prompt, maxNewTokens: 16, eosTokenIds: [], hooks: b.hooks, outputs: b.outputs, logprobs: { topN: 0 } });
      expect(a.result()!.saving).toBeGreaterThan(0);
      expect(viaOrt.ids).toEqual(viaJs.ids);
      for (let i = 0; i < viaJs.steps.length; i++) expect(Math.abs(viaOrt.steps[i]!.logprob - viaJs.steps[i]!.logprob)).toBeLessThan(1e-4);
    });
  }
});
