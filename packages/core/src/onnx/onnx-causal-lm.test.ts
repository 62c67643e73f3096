import * as ortNode from 'onnxruntime-node';
import * as ortWeb from 'onnxruntime-web';
import { afterAll, describe, expect, it } from 'vitest';
import { DenseKVCache } from '../kv-cache/dense-kv-cache.js';
import type { KVLayer } from '../kv-cache/kv-cache.js';
import { parseLlama2cCheckpoint } from '../llama2c/checkpoint.js';
import { exportLlama2cOnnx } from '../llama2c/export-onnx.js';
import { Llama2cReferenceModel } from '../llama2c/reference-model.js';
import { buildSyntheticCheckpoint } from '../llama2c/synthetic-checkpoint.js';
import { tensor } from '../tensor/create-tensor.js';
import { buildTinyDecoder, tinyDecoderConfig } from '../testing/tiny-decoder.js';
import { GraphBuilder } from './graph-builder.js';
import { createOnnxCausalLM, type OnnxCausalLM } from './onnx-causal-lm.js';
import type { OrtModule } from './ort-module.js';
import { OnnxDataType } from './proto-writer.js';
import { rejection } from '../test-utils/expect-error.js';

const node = ortNode as unknown as OrtModule;
const web = ortWeb as unknown as OrtModule;
web.env.wasm!.numThreads = 1;
web.env.wasm!.proxy = false;

const tinyOpts = { vocab: 11, layers: 2, kvHeads: 2, headDim: 4, seed: 7, maxPositions: 16 };
const model = buildTinyDecoder(tinyOpts);
const config = tinyDecoderConfig(tinyOpts);

const opened: OnnxCausalLM[] = [];
afterAll(async () => {
  for (const lm of opened) await lm.dispose();
});
async function open(ort: OrtModule, extra: Partial<Parameters<typeof createOnnxCausalLM>[0]> = {}) {
  const lm = await createOnnxCausalLM({ ort, model, config, threads: 1, fileName: 'tiny.onnx', ...extra });
  opened.push(lm);
  return lm;
}


function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

/** Greedy loop of `steps` tokens from an empty past; returns each step's logits. */
async function stepLoop(lm: OnnxCausalLM, prompt: number[], steps: number) {
  let out = await lm.forward({ inputIds: prompt });
  const trace = [{ logits: Array.from(out.logits.data), cacheLength: out.cache.length }];
  for (let s = 0; s < steps; s++) {
    const row = out.logits.data.subarray((out.logits.dims[1]! - 1) * 11);
    let best = 0;
    for (let i = 1; i < row.length; i++) if (row[i]! > row[best]!) best = i;
    out = await lm.forward({ inputIds: [best], cache: out.cache });
    trace.push({ logits: Array.from(out.logits.data), cacheLength: out.cache.length });
  }
  return trace;
}

describe('OnnxCausalLM over the tiny decoder', () => {
  it('reads config and cache spec', async () => {
    const lm = await open(node);
    expect(lm.config).toMatchObject({ numLayers: 2, numKvHeads: 2, headDim: 4, vocabSize: 11, maxPositions: 16, kvDtype: 'float32' });
    expect(lm.extraOutputs).toEqual(['hidden_states.0']);
    expect(lm.createCache().length).toBe(0);
  });

  it('target 6: 3 growing steps from an empty past agree on ORT-node cpu and ORT-web wasm to 1e-5', async () => {
    const a = await stepLoop(await open(node), [1, 5, 3], 3);
    const b = await stepLoop(await open(web), [1, 5, 3], 3);
    expect(a.map((s) => s.cacheLength)).toEqual([3, 4, 5, 6]);
    expect(b.map((s) => s.cacheLength)).toEqual([3, 4, 5, 6]);
    for (let i = 0; i < a.length; i++) expect(maxAbsDiff(a[i]!.logits, b[i]!.logits)).toBeLessThan(1e-5);
  });

  it('incremental decoding equals a full prefill, and positions continue from the cache', async () => {
    const lm = await open(node);
    const full = await lm.forward({ inputIds: [1, 4, 9, 2] });
    let step = await lm.forward({ inputIds: [1] });
    for (const id of [4, 9, 2]) step = await lm.forward({ inputIds: [id], cache: step.cache });
    expect(Array.from(step.cache.positions)).toEqual([0, 1, 2, 3]);
    expect(step.cache.nextPosition).toBe(4);
    expect(maxAbsDiff(full.logits.data.subarray(3 * 11), step.logits.data)).toBeLessThan(1e-5);
    const last = await lm.forward({ inputIds: [1, 4, 9, 2], logits: 'last' });
    expect(last.logits.dims).toEqual([1, 1, 11]);
    expect(maxAbsDiff(last.logits.data, step.logits.data)).toBeLessThan(1e-5);
  });

  it('explicit positions matter, and an evicted cache with original positions is used as given', async () => {
    const lm = await open(node);
    const base = await lm.forward({ inputIds: [1, 4, 9] });
    const shifted = await lm.forward({ inputIds: [1, 4, 9], positionIds: [3, 4, 5] });
    expect(maxAbsDiff(base.logits.data, shifted.logits.data)).toBeGreaterThan(1e-4);

    // One layer: cached K/V of a token depend only on its embedding and position, so evicting
    // token 0 from the cache of [1, 4, 9] must equal prefilling [4, 9] at positions [1, 2].
    const one = { ...tinyOpts, layers: 1 };
    const lm1 = await open(node, { model: buildTinyDecoder(one), config: tinyDecoderConfig(one) });
    const full = await lm1.forward({ inputIds: [1, 4, 9] });
    const dropFirst = (t: KVLayer['key']) => {
      const [, h, len, d] = t.dims as [number, number, number, number];
      const out = new Float32Array(h * (len - 1) * d);
      for (let k = 0; k < h; k++) out.set((t.data as Float32Array).subarray(k * len * d + d, (k + 1) * len * d), k * (len - 1) * d);
      return tensor('float32', out, [1, h, len - 1, d]);
    };
    const evicted = DenseKVCache.from(
      full.cache.layers().map((l) => ({ key: dropFirst(l.key), value: dropFirst(l.value) })),
      Int32Array.of(1, 2),
    );
    expect(evicted.nextPosition).toBe(3);
    const next = await lm1.forward({ inputIds: [6], cache: evicted });
    expect(Array.from(next.cache.positions)).toEqual([1, 2, 3]);
    expect(next.cache.length).toBe(3);
    const reference = await lm1.forward({ inputIds: [4, 9, 6], positionIds: [1, 2, 3] });
    expect(maxAbsDiff(reference.logits.data.subarray(2 * 11), next.logits.data)).toBeLessThan(1e-5);
    // and it really differs from keeping token 0
    const kept = await lm1.forward({ inputIds: [6], cache: full.cache });
    expect(maxAbsDiff(kept.logits.data, next.logits.data)).toBeGreaterThan(1e-4);
  });

  it('returns requested extra outputs and rejects unknown ones', async () => {
    const lm = await open(node);
    const out = await lm.forward({ inputIds: [1, 2], outputs: ['hidden_states.0'] });
    expect(out.extra['hidden_states.0']!.dims).toEqual([1, 2, 8]);
    const e = await rejection(lm.forward({ inputIds: [1], outputs: ['hidden_states.9'] }));
    expect(e.code).toBe('UNKNOWN_OUTPUT');
    expect(e.message).toContain('hidden_states.0');
  });

  it('context overflow names the prompt length and the limit; abort is checked before running', async () => {
    const lm = await open(node);
    const e = await rejection(lm.forward({ inputIds: Array.from({ length: 17 }, () => 1) }));
    expect(e.code).toBe('CONTEXT_OVERFLOW');
    expect(e.message).toContain('17 input tokens');
    expect(e.message).toContain('16 positions');
    const ctl = new AbortController();
    ctl.abort();
    expect((await rejection(lm.forward({ inputIds: [1], signal: ctl.signal }))).code).toBe('ABORTED');
    expect((await rejection(lm.forward({ inputIds: [11] }))).message).toContain('inputIds.0 = 11');
  });

  it('dispose releases the session', async () => {
    const lm = await createOnnxCausalLM({ ort: node, model, config, threads: 1 });
    await lm.dispose();
    expect((await rejection(lm.forward({ inputIds: [1] }))).message).toContain('disposed');
  });
});

describe('OnnxCausalLM decoder additions: takesPositionIds, logits none, ragged caches, attentions', () => {
  it('takesPositionIds follows the graph; without position_ids an evicted cache or shifted positions throw POSITION_IDS_UNSUPPORTED', async () => {
    expect((await open(node)).takesPositionIds).toBe(true);
    const opts = { ...tinyOpts, withPositionIds: false };
    const lm = await open(node, { model: buildTinyDecoder(opts), config: tinyDecoderConfig(opts) });
    expect(lm.takesPositionIds).toBe(false);
    // contiguous decoding (and explicit positions equal to the cache length) still works
    const a = await lm.forward({ inputIds: [1, 4, 9] });
    const b = await lm.forward({ inputIds: [6], cache: a.cache, positionIds: [3] });
    expect(b.cache.length).toBe(4);
    const e1 = await rejection(lm.forward({ inputIds: [6], cache: a.cache, positionIds: [5] }));
    expect(e1.code).toBe('POSITION_IDS_UNSUPPORTED');
    expect(e1.details).toMatchObject({ file: 'tiny.onnx', field: 'position_ids', expected: 5, actual: 3 });
    const evicted = DenseKVCache.from(
      a.cache.layers().map((l) => ({ key: l.key, value: l.value })),
      Int32Array.of(0, 1, 2),
      7,
    );
    const e2 = await rejection(lm.forward({ inputIds: [6], cache: evicted }));
    expect(e2.code).toBe('POSITION_IDS_UNSUPPORTED');
    expect(e2.message).toMatch(/holds 3 tokens but its nextPosition is 7/);
  });

  for (const [flavor, ort] of [['node', node], ['web', web]] as const) {
    it(`logits: 'none' returns [1, 0, vocab], the same cache and extra outputs as 'all' (ORT-${flavor})`, async () => {
      const lm = await open(ort);
      const all = await lm.forward({ inputIds: [1, 4, 9], outputs: ['hidden_states.0'] });
      const none = await lm.forward({ inputIds: [1, 4, 9], outputs: ['hidden_states.0'], logits: 'none' });
      expect(none.logits.dims).toEqual([1, 0, 11]);
      expect(none.logits.data.length).toBe(0);
      expect(none.extra['hidden_states.0']!.data).toEqual(all.extra['hidden_states.0']!.data);
      for (const [l, layer] of all.cache.layers().entries()) {
        expect(none.cache.layers()[l]!.key.data).toEqual(layer.key.data);
        expect(none.cache.layers()[l]!.value.data).toEqual(layer.value.data);
      }
      const next = await lm.forward({ inputIds: [6], cache: none.cache });
      const viaAll = await lm.forward({ inputIds: [6], cache: all.cache });
      expect(next.logits.data).toEqual(viaAll.logits.data);
    });
  }

  it('a ragged cache (per-layer lengths) gets CACHE_UNSUPPORTED naming the layer', async () => {
    const lm = await open(node);
    const a = await lm.forward({ inputIds: [1, 4, 9] });
    const [l0, l1] = a.cache.layers() as [KVLayer, KVLayer];
    const firstRow = (t: KVLayer['key']) => {
      const [, h, len, d] = t.dims as [number, number, number, number];
      const out = new Float32Array(h * d);
      for (let k = 0; k < h; k++) out.set((t.data as Float32Array).subarray(k * len * d, k * len * d + d), k * d);
      return tensor('float32', out, [1, h, 1, d]);
    };
    const ragged = DenseKVCache.ragged([l0, { key: firstRow(l1.key), value: firstRow(l1.value) }], [Int32Array.of(0, 1, 2), Int32Array.of(0)]);
    const e = await rejection(lm.forward({ inputIds: [6], cache: ragged }));
    expect(e.code).toBe('CACHE_UNSUPPORTED');
    expect(e.details.tensor).toBe('past_key_values.1.key');
    expect(e.message).toMatch(/llama2\.c reference model/);
  });

  it('attentions.{l} of an exposeAttentions export come through forward() and equal the reference (ORT-node and ORT-web)', async () => {
    const ck = parseLlama2cCheckpoint(buildSyntheticCheckpoint({ dim: 16, hiddenDim: 24, nLayers: 2, nHeads: 4, nKvHeads: 2, vocabSize: 11, seqLen: 32 }, 3));
    const exported = exportLlama2cOnnx(ck, { exposeAttentions: true });
    const ref = new Llama2cReferenceModel(ck);
    const names = ['attentions.0', 'attentions.1'];
    const r1 = ref.forwardSync({ inputIds: [1, 4, 9], outputs: names });
    const r2 = ref.forwardSync({ inputIds: [6], cache: r1.cache, outputs: names });
    for (const ort of [node, web]) {
      const lm = await open(ort, { model: exported.model, config: exported.config, fileName: 'llama2c.onnx' });
      expect(lm.extraOutputs).toEqual(names);
      const o1 = await lm.forward({ inputIds: [1, 4, 9], outputs: names });
      const o2 = await lm.forward({ inputIds: [6], cache: o1.cache, outputs: names, logits: 'none' });
      for (const name of names) {
        expect(o2.extra[name]!.dims).toEqual([1, 4, 1, 4]);
        expect(maxAbsDiff(o1.extra[name]!.data as Float32Array, r1.extra[name]!.data as Float32Array)).toBeLessThan(1e-5);
        expect(maxAbsDiff(o2.extra[name]!.data as Float32Array, r2.extra[name]!.data as Float32Array)).toBeLessThan(1e-5);
      }
    }
  });
});

/** A graph with the given cache inputs (each passed through by Identity to its present output). */
function layoutGraph(inputs: { name: string; type: number; dims: (number | string)[] }[], presents: [string, string][]): Uint8Array {
  const g = new GraphBuilder('layout');
  const ids = g.input('input_ids', OnnxDataType.INT64, ['batch_size', 'sequence_length']);
  g.input('attention_mask', OnnxDataType.INT64, ['batch_size', 'total_sequence_length']);
  for (const i of inputs) g.input(i.name, i.type, i.dims);
  g.output(g.op('Cast', [ids], { to: OnnxDataType.FLOAT }, { outputs: ['logits'] }), OnnxDataType.FLOAT);
  for (const [from, to] of presents) g.output(g.op('Identity', [from], {}, { outputs: [to] }));
  return g.toModel();
}

describe('layout rejections (target 8)', () => {
  const cfg = { ...config, num_hidden_layers: 1 };
  const past = (name: string, type: number = OnnxDataType.FLOAT) => ({ name, type, dims: ['batch_size', 2, 'past_sequence_length', 4] });

  it('rejects a bfloat16 cache input, naming it', async () => {
    const m = layoutGraph(
      [past('past_key_values.0.key', OnnxDataType.BFLOAT16), past('past_key_values.0.value')],
      [['past_key_values.0.key', 'present.0.key'], ['past_key_values.0.value', 'present.0.value']],
    );
    const e = await rejection(createOnnxCausalLM({ ort: node, model: m, config: cfg, fileName: 'bf16.onnx' }));
    expect(e.code).toBe('DTYPE_UNSUPPORTED');
    expect(e.details.tensor).toBe('past_key_values.0.key');
    expect(e.message).toContain('bf16.onnx: past_key_values.0.key is bfloat16');
  });

  it('rejects a fused key_value cache, naming it', async () => {
    const m = layoutGraph([past('past_key_values.0.key_value')], [['past_key_values.0.key_value', 'present.0.key_value']]);
    const e = await rejection(createOnnxCausalLM({ ort: node, model: m, config: cfg }));
    expect(e.code).toBe('MODEL_LAYOUT_UNSUPPORTED');
    expect(e.details.tensor).toBe('past_key_values.0.key_value');
  });

  it('rejects a missing past_key_values.{i}.value, naming it', async () => {
    const m = layoutGraph([past('past_key_values.0.key')], [['past_key_values.0.key', 'present.0.key']]);
    const e = await rejection(createOnnxCausalLM({ ort: node, model: m, config: cfg }));
    expect(e.code).toBe('MODEL_LAYOUT_UNSUPPORTED');
    expect(e.details.tensor).toBe('past_key_values.0.value');
    expect(e.message).toContain('past_key_values.0.value');
  });

  it('rejects a cache whose head count contradicts config.json', async () => {
    const e = await rejection(createOnnxCausalLM({ ort: node, model, config: { ...config, num_key_value_heads: 1, num_attention_heads: 2 } }));
    expect(e.code).toBe('CONFIG_INVALID');
    expect(e.message).toContain('num_key_value_heads');
  });
});
