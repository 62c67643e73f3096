// Per-layer (ragged) caches on the llama2.c reference model: PyramidKV keeps different numbers of
// tokens in different layers.
import { describe, expect, it } from 'vitest';
import { generate } from '../generation/generate.js';
import { DenseKVCache } from '../kv-cache/dense-kv-cache.js';
import type { KVCache, KVLayer } from '../kv-cache/kv-cache.js';
import { tensor } from '../tensor/create-tensor.js';
import type { Tensor } from '../tensor/tensor.js';
import { rejection } from '../test-utils/expect-error.js';
import { haveReferenceModel, readCheckpoint, skipMessage } from '../test-utils/shared-models.js';
import { maxAbsDiff } from '../test-utils/max-abs-diff.js';
import { parseLlama2cCheckpoint } from './checkpoint.js';
import { Llama2cReferenceModel, type Llama2cAttentionInput } from './reference-model.js';
import { buildSyntheticCheckpoint } from './synthetic-checkpoint.js';

const f32 = (t: Tensor): Float32Array => t.data as Float32Array;

/** Cache rows `keep` (indices into the layer's tokens) of a `[1, G, T, D]` tensor. */
function pick(t: Tensor, keep: readonly number[]): Tensor<'float32'> {
  const [, G, T, D] = t.dims as [number, number, number, number];
  const out = new Float32Array(G * keep.length * D);
  for (let g = 0; g < G; g++) for (const [k, j] of keep.entries()) out.set(f32(t).subarray((g * T + j) * D, (g * T + j + 1) * D), (g * keep.length + k) * D);
  return tensor('float32', out, [1, G, keep.length, D]);
}

const keepLayers = (cache: KVCache, keep: readonly (readonly number[])[]): KVLayer[] =>
  cache.layers().map((layer, l) => ({ key: pick(layer.key, keep[l]!), value: pick(layer.value, keep[l]!) }));

/**
 * Dense attention over the full past, except that in layer `l` the past tokens `hidden[l]` (cache
 * indices) are invisible: an independent way to get what a ragged cache without them must give.
 */
function maskedAttention(hidden: readonly (readonly number[])[]) {
  return (input: Llama2cAttentionInput): Float32Array => {
    const { layer, queries, keys, values, cache, n, numHeads: H, numKvHeads: G, headDim: D, scale } = input;
    const past = cache.layers()[layer]!;
    const P = past.key.dims[2]!;
    const visiblePast = Array.from({ length: P }, (_, t) => t).filter((t) => !hidden[layer]!.includes(t));
    const out = new Float32Array(H * n * D);
    for (let h = 0; h < H; h++) {
      const g = Math.floor((h * G) / H);
      for (let i = 0; i < n; i++) {
        const rows: [Float32Array, Float32Array][] = visiblePast.map((t) => [
          f32(past.key).subarray((g * P + t) * D, (g * P + t + 1) * D),
          f32(past.value).subarray((g * P + t) * D, (g * P + t + 1) * D),
        ]);
        for (let j = 0; j <= i; j++) rows.push([keys.subarray((g * n + j) * D, (g * n + j + 1) * D), values.subarray((g * n + j) * D, (g * n + j + 1) * D)]);
        const q = queries.subarray((h * n + i) * D, (h * n + i + 1) * D);
        const s = rows.map(([k]) => k.reduce((acc, v, d) => acc + v * q[d]!, 0) * scale);
        const m = Math.max(...s);
        const e = s.map((v) => Math.exp(v - m));
        const z = e.reduce((a, b) => a + b, 0);
        for (let d = 0; d < D; d++) out[(h * n + i) * D + d] = rows.reduce((acc, [, v], r) => acc + e[r]! * v[d]!, 0) / z;
      }
    }
    return out;
  };
}

describe('Llama2cReferenceModel over a ragged (per-layer) cache', () => {
  const cfg = { dim: 16, hiddenDim: 24, nLayers: 3, nHeads: 4, nKvHeads: 2, vocabSize: 13, seqLen: 32 };
  const ck = parseLlama2cCheckpoint(buildSyntheticCheckpoint({ ...cfg, sharedClassifier: false }, 21));
  const model = new Llama2cReferenceModel(ck);
  const prompt = [1, 5, 7, 3, 12, 0];
  const prefill = model.forwardSync({ inputIds: prompt });
  // PyramidKV-like: lower layers keep more tokens
  const keep = [[0, 1, 2, 3, 4, 5], [0, 2, 4, 5], [0, 5]];

  it('attends each layer over its own tokens: equals dense attention that hides the dropped tokens per layer', () => {
    const ragged = DenseKVCache.ragged(keepLayers(prefill.cache, keep), keep.map((k) => Int32Array.from(k)), 6);
    const out = model.forwardSync({ inputIds: [9, 4], cache: ragged, outputs: ['attentions.2', 'hidden_states.3'] });
    const hidden = keep.map((k) => [0, 1, 2, 3, 4, 5].filter((t) => !k.includes(t)));
    const viaMask = new Llama2cReferenceModel(ck, { attention: maskedAttention(hidden) }).forwardSync({ inputIds: [9, 4], cache: prefill.cache });
    expect(maxAbsDiff(f32(out.logits), f32(viaMask.logits))).toBeLessThan(1e-5);
    const dense = model.forwardSync({ inputIds: [9, 4], cache: prefill.cache });
    expect(maxAbsDiff(f32(out.logits), f32(dense.logits))).toBeGreaterThan(1e-4);
    expect(out.extra['attentions.2']!.dims).toEqual([1, 4, 2, 4]);
    // the returned cache stays ragged, new tokens appended to every layer
    expect(out.cache.layerPositions!.map((p) => [...p])).toEqual([[0, 1, 2, 3, 4, 5, 6, 7], [0, 2, 4, 5, 6, 7], [0, 5, 6, 7]]);
    expect(out.cache.layers().map((l) => l.key.dims[2])).toEqual([8, 6, 4]);
    expect(out.cache.nextPosition).toBe(8);
    // and keeps decoding
    const next = model.forwardSync({ inputIds: [2], cache: out.cache });
    expect(next.cache.layers().map((l) => l.value.dims[2])).toEqual([9, 7, 5]);
  });

  it('a ragged cache that keeps the same tokens in every layer equals the evicted dense cache', () => {
    const same = [[0, 3, 5], [0, 3, 5], [0, 3, 5]];
    const ragged = DenseKVCache.ragged(keepLayers(prefill.cache, same), same.map((k) => Int32Array.from(k)), 6);
    const evicted = DenseKVCache.from(keepLayers(prefill.cache, same), Int32Array.from([0, 3, 5]), 6);
    const a = model.forwardSync({ inputIds: [9, 4], cache: ragged });
    const b = model.forwardSync({ inputIds: [9, 4], cache: evicted });
    expect(f32(a.logits)).toEqual(f32(b.logits));
  });

  it('rejects a layer whose tensor length disagrees with its layerPositions, naming the tensor', async () => {
    const layers = keepLayers(prefill.cache, keep);
    const lying: KVCache = {
      length: 6,
      positions: Int32Array.from([0, 1, 2, 3, 4, 5]),
      nextPosition: 6,
      layerPositions: [Int32Array.from(keep[0]!), Int32Array.from([0, 2, 4]), Int32Array.from(keep[2]!)],
      layers: () => layers,
      update: () => {
        throw new Error('not reached');
      },
    };
    const e = await rejection(() => model.forwardSync({ inputIds: [9], cache: lying }));
    expect(e.code).toBe('SHAPE_MISMATCH');
    expect(e.details.tensor).toBe('past_key_values.1.key');
    expect(e.details.expected).toEqual([1, 2, 3, 4]);
  });
});

describe.skipIf(!haveReferenceModel)(`generate over a PyramidKV-style ragged cache on stories260K${haveReferenceModel ? '' : ` — ${skipMessage}`}`, () => {
  it('a hook that thins upper layers after the prompt decodes what dense attention hiding those tokens decodes', async () => {
    const bytes = readCheckpoint();
    const model = Llama2cReferenceModel.fromBytes(bytes, 'stories260K.bin');
    // prompt: BOS + "Once upon a time, there was a little girl" (12 tokens); layer l keeps BOS and the tokens from 3l on
    const prefix = await generate(model, { inputIds: [1, 403, 407, 261, 378], maxNewTokens: 7, temperature: 0, eosTokenIds: [] });
    const prompt = prefix.allIds;
    expect(prompt.length).toBe(12);
    const keep = [0, 1, 2, 3, 4].map((l) => Array.from({ length: 12 }, (_, t) => t).filter((t) => t === 0 || t >= 3 * l));
    const hidden = keep.map((k) => Array.from({ length: 12 }, (_, t) => t).filter((t) => !k.includes(t)));
    expect(hidden[0]).toEqual([]);
    expect(hidden[4]!.length).toBeGreaterThan(2);
    const options = { inputIds: prompt, maxNewTokens: 24, temperature: 0, eosTokenIds: [] as number[] };
    const pyramid = await generate(model, {
      ...options,
      hooks: {
        onStep(ctx) {
          if (ctx.step !== 0) return undefined;
          const ragged = DenseKVCache.ragged(keepLayers(ctx.cache, keep), keep.map((k) => Int32Array.from(k)), ctx.cache.nextPosition);
          return { cache: ragged };
        },
      },
    });
    const masked = await generate(new Llama2cReferenceModel(model.checkpoint, { attention: maskedAttention(hidden) }), options);
    const dense = await generate(model, options);
    expect(pyramid.ids).toEqual(masked.ids);
    for (const [i, step] of pyramid.steps.entries()) expect(Math.abs(step.logprob - masked.steps[i]!.logprob)).toBeLessThan(1e-4);
    // thinning really changed the model's output (greedy ids happen to survive it)
    const shift = Math.max(...pyramid.steps.map((st, i) => Math.abs(st.logprob - dense.steps[i]!.logprob)));
    expect(shift).toBeGreaterThan(0.1);
    expect(pyramid.cache.layerPositions!.map((p) => p.length)).toEqual(keep.map((k) => k.length + 23));
  });
});
