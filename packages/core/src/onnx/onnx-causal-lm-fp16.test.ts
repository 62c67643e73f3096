import * as ortNode from 'onnxruntime-node';
import * as ortWeb from 'onnxruntime-web';
import { afterAll, describe, expect, it } from 'vitest';
import { DenseKVCache } from '../kv-cache/dense-kv-cache.js';
import type { CausalLM } from '../model/causal-lm.js';
import { tensor } from '../tensor/create-tensor.js';
import { fp16ToFp32, fp32ToFp16 } from '../tensor/fp16.js';
import { GraphBuilder } from './graph-builder.js';
import { createOnnxCausalLM } from './onnx-causal-lm.js';
import type { OrtModule } from './ort-module.js';
import { OnnxDataType } from './proto-writer.js';

const node = ortNode as unknown as OrtModule;
const web = ortWeb as unknown as OrtModule;
web.env.wasm!.numThreads = 1;
web.env.wasm!.proxy = false;

const V = 5;
const D = 2;
const embed = Float32Array.from({ length: V * D }, (_, i) => Math.sin(i + 1) * 1.37);
const head = Float32Array.from({ length: D * V }, (_, i) => Math.cos(i * 0.7) * 2.11);

/**
 * A one-layer float16-cache decoder without attention: k = v = embed[id] (cast to fp16), appended
 * to the fp16 past; logits = fp16(embed[id] · head). Enough to check fp16 feeds and outputs.
 */
function fp16Decoder(): Uint8Array {
  const g = new GraphBuilder('fp16');
  const ids = g.input('input_ids', OnnxDataType.INT64, ['batch_size', 'sequence_length']);
  g.input('attention_mask', OnnxDataType.INT64, ['batch_size', 'total_sequence_length']);
  const pk = g.input('past_key_values.0.key', OnnxDataType.FLOAT16, ['batch_size', 1, 'past_sequence_length', D]);
  const pv = g.input('past_key_values.0.value', OnnxDataType.FLOAT16, ['batch_size', 1, 'past_sequence_length', D]);
  const e = g.floatInit('embed', embed, [V, D]);
  const h = g.floatInit('head', head, [D, V]);
  const x = g.op('Gather', [e, ids], { axis: 0 });
  const k = g.op('Cast', [g.op('Unsqueeze', [x, g.constInt64([1])])], { to: OnnxDataType.FLOAT16 });
  g.output(g.op('Cast', [g.op('MatMul', [x, h])], { to: OnnxDataType.FLOAT16 }, { outputs: ['logits'] }), OnnxDataType.FLOAT16, ['batch_size', 'sequence_length', V]);
  g.output(g.op('Concat', [pk, k], { axis: 2 }, { outputs: ['present.0.key'] }), OnnxDataType.FLOAT16);
  g.output(g.op('Concat', [pv, k], { axis: 2 }, { outputs: ['present.0.value'] }), OnnxDataType.FLOAT16);
  return g.toModel();
}

const config = {
  model_type: 'toy',
  num_hidden_layers: 1,
  num_attention_heads: 1,
  hidden_size: D,
  vocab_size: V,
  max_position_embeddings: 16,
};

const models: CausalLM[] = [];
afterAll(async () => {
  for (const m of models) await m.dispose();
});

describe.each([
  ['onnxruntime-node', node],
  ['onnxruntime-web', web],
] as const)('float16 cache and logits on %s', (_label, ort) => {
  it('feeds an empty fp16 past, converts fp16 logits to float32 and keeps the cache in fp16', async () => {
    const lm = await createOnnxCausalLM({ ort, model: fp16Decoder(), config, threads: 1 });
    models.push(lm);
    expect(lm.config.kvDtype).toBe('float16');
    expect(lm.cacheSpec.dtype).toBe('float16');
    const a = await lm.forward({ inputIds: [3, 1] });
    const b = await lm.forward({ inputIds: [4], cache: a.cache });
    expect(b.logits.dtype).toBe('float32');
    expect(b.cache.length).toBe(3);
    const key = b.cache.layers()[0]!.key;
    expect(key.dtype).toBe('float16');
    // cached keys are exactly fp16(embed rows) of ids 3, 1, 4
    const want = fp32ToFp16(Float32Array.from([3, 1, 4].flatMap((id) => [embed[id * D]!, embed[id * D + 1]!])));
    expect(Array.from(key.data)).toEqual(Array.from(want));
    // logits = fp16(embed[4] · head), read back as float32 exactly
    const exact = Float32Array.from({ length: V }, (_, v) => embed[4 * D]! * head[v]! + embed[4 * D + 1]! * head[V + v]!);
    const half = fp16ToFp32(fp32ToFp16(exact));
    for (let v = 0; v < V; v++) expect(Math.abs(b.logits.data[v]! - half[v]!)).toBeLessThanOrEqual(Math.abs(half[v]!) * 2e-3);
  });

  it('casts a float32 cache (e.g. from another model) to the model fp16 cache dtype', async () => {
    const lm = await createOnnxCausalLM({ ort, model: fp16Decoder(), config, threads: 1 });
    models.push(lm);
    const kv = tensor('float32', Float32Array.of(0.5, -1.25), [1, 1, 1, D]);
    const cache = DenseKVCache.from([{ key: kv, value: kv }], Int32Array.of(0));
    const out = await lm.forward({ inputIds: [2], cache });
    expect(Array.from(fp16ToFp32(out.cache.layers()[0]!.key.data as Uint16Array).subarray(0, 2))).toEqual([0.5, -1.25]);
  });
});
