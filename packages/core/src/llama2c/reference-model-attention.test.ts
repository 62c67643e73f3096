// Attention weights (`attentions.{l}`), the pluggable attention function and `logits: 'none'` of
// the llama2.c reference model.
import { describe, expect, it } from 'vitest';
import { generate } from '../generation/generate.js';
import type { KVCache } from '../kv-cache/kv-cache.js';
import { rejection } from '../test-utils/expect-error.js';
import { maxAbsDiff } from '../test-utils/max-abs-diff.js';
import { haveReferenceModel, ORACLE_57, readCheckpoint, readTokenizerBytes, skipMessage } from '../test-utils/shared-models.js';
import type { Tensor } from '../tensor/tensor.js';
import { parseLlama2cCheckpoint } from './checkpoint.js';
import { parseLlama2cTokenizer } from './llama2c-tokenizer.js';
import { type Llama2cAttentionInput, Llama2cReferenceModel } from './reference-model.js';
import { buildSyntheticCheckpoint } from './synthetic-checkpoint.js';

const f32 = (t: Tensor): Float32Array => t.data as Float32Array;

/**
 * A user attention function written from the formula (not from the model's code): new token `i`,
 * query head `h` attends KV head `⌊h·kvH/H⌋` over the layer's past (read from `cache`, which a
 * compressed cache would replace with its own storage) and new tokens `0…i`, with
 * `softmax(q·k·scale)`. Scores are kept in float32 as llama2.c's `att` buffer is (the max and the
 * sum of exponentials are taken before that rounding), so the result is the default path's to the last bit.
 */
function denseAttention(input: Llama2cAttentionInput): { output: Float32Array; weights: Float32Array } {
  const { layer, queries, keys, values, cache, n, numHeads: H, numKvHeads: G, headDim: D, scale } = input;
  const past = cache.layers()[layer]!;
  const P = past.key.dims[2]!;
  const pk = f32(past.key);
  const pv = f32(past.value);
  const T = P + n;
  const key = (g: number, t: number) => (t < P ? pk.subarray((g * P + t) * D, (g * P + t + 1) * D) : keys.subarray((g * n + t - P) * D, (g * n + t - P + 1) * D));
  const value = (g: number, t: number) => (t < P ? pv.subarray((g * P + t) * D, (g * P + t + 1) * D) : values.subarray((g * n + t - P) * D, (g * n + t - P + 1) * D));
  const output = new Float32Array(H * n * D);
  const weights = new Float32Array(H * n * T);
  const scores = new Float32Array(T);
  for (let h = 0; h < H; h++) {
    const g = Math.floor((h * G) / H);
    for (let i = 0; i < n; i++) {
      const q = queries.subarray((h * n + i) * D, (h * n + i + 1) * D);
      const visible = P + i + 1;
      let max = -Infinity;
      for (let t = 0; t < visible; t++) {
        const k = key(g, t);
        let s = 0;
        for (let d = 0; d < D; d++) s += q[d]! * k[d]!;
        scores[t] = s * scale;
        max = Math.max(max, s * scale);
      }
      let sum = 0;
      for (let t = 0; t < visible; t++) {
        const e = Math.exp(scores[t]! - max);
        scores[t] = e;
        sum += e;
      }
      for (let t = 0; t < visible; t++) weights[(h * n + i) * T + t] = scores[t]! / sum;
      for (let d = 0; d < D; d++) {
        let acc = 0;
        for (let t = 0; t < visible; t++) acc += scores[t]! * value(g, t)[d]!;
        output[(h * n + i) * D + d] = acc / sum;
      }
    }
  }
  return { output, weights };
}

/** Runs a prefill and then `steps` single-token greedy steps, collecting every forward output. */
function trace(model: Llama2cReferenceModel, prompt: number[], steps: number, outputs: readonly string[]) {
  const V = model.config.vocabSize;
  const outs = [model.forwardSync({ inputIds: prompt, outputs })];
  for (let s = 0; s < steps; s++) {
    const last = outs.at(-1)!;
    const row = f32(last.logits).subarray((last.logits.dims[1]! - 1) * V);
    let best = 0;
    for (let i = 1; i < V; i++) if (row[i]! > row[best]!) best = i;
    outs.push(model.forwardSync({ inputIds: [best], cache: last.cache, outputs }));
  }
  return outs;
}

/** Largest difference between two traces over logits, every extra output and the cache. */
function traceDiff(a: ReturnType<typeof trace>, b: ReturnType<typeof trace>): number {
  let worst = 0;
  for (const [s, x] of a.entries()) {
    const y = b[s]!;
    worst = Math.max(worst, maxAbsDiff(f32(x.logits), f32(y.logits)));
    expect(Object.keys(y.extra).sort()).toEqual(Object.keys(x.extra).sort());
    for (const [name, t] of Object.entries(x.extra)) {
      expect(y.extra[name]!.dims, name).toEqual(t.dims);
      worst = Math.max(worst, maxAbsDiff(f32(t), f32(y.extra[name]!)));
    }
    for (const [l, layer] of x.cache.layers().entries()) {
      worst = Math.max(worst, maxAbsDiff(f32(layer.key), f32(y.cache.layers()[l]!.key)), maxAbsDiff(f32(layer.value), f32(y.cache.layers()[l]!.value)));
    }
  }
  return worst;
}

describe('Llama2cReferenceModel attentions, pluggable attention and logits none (synthetic)', () => {
  const cfg = { dim: 16, hiddenDim: 24, nLayers: 2, nHeads: 4, nKvHeads: 2, vocabSize: 13, seqLen: 32 };
  const ck = parseLlama2cCheckpoint(buildSyntheticCheckpoint({ ...cfg, sharedClassifier: false }, 9));
  const model = new Llama2cReferenceModel(ck);
  const all = model.extraOutputs;

  it('lists attentions.{l} among its outputs', () => {
    expect(all.filter((n) => n.startsWith('attentions.'))).toEqual(['attentions.0', 'attentions.1']);
    expect(model.takesPositionIds).toBe(true);
  });

  it('attentions.{l} is softmax(queries.{l} · cached keys / √headDim), causal, rows summing to 1', () => {
    const pre = model.forwardSync({ inputIds: [1, 5, 7], outputs: all });
    const step = model.forwardSync({ inputIds: [3, 12], cache: pre.cache, outputs: all });
    const [H, D, G] = [4, 4, 2];
    for (const l of [0, 1]) {
      const w = step.extra[`attentions.${l}`]!;
      expect(w.dims).toEqual([1, H, 2, 5]);
      const q = f32(step.extra[`queries.${l}`]!); // [H, 2, D]
      const K = f32(step.cache.layers()[l]!.key); // [G, 5, D], post-RoPE
      for (let h = 0; h < H; h++) {
        const g = Math.floor(h / (H / G));
        for (let i = 0; i < 2; i++) {
          const visible = 3 + i + 1;
          const s: number[] = [];
          for (let t = 0; t < visible; t++) {
            let dot = 0;
            for (let d = 0; d < D; d++) dot += q[(h * 2 + i) * D + d]! * K[(g * 5 + t) * D + d]!;
            s.push(dot / Math.sqrt(D));
          }
          const m = Math.max(...s);
          const z = s.reduce((acc, v) => acc + Math.exp(v - m), 0);
          const row = f32(w).subarray((h * 2 + i) * 5, (h * 2 + i + 1) * 5);
          for (let t = 0; t < 5; t++) expect(row[t]!).toBeCloseTo(t < visible ? Math.exp(s[t]! - m) / z : 0, 6);
          expect(row.reduce((a, v) => a + v, 0)).toBeCloseTo(1, 6);
        }
      }
    }
  });

  it('a user attention function reproducing dense attention equals the default path to 1e-6, and sees the forward cache', () => {
    const seen: { layer: number; n: number; positions: number[]; cache: KVCache }[] = [];
    const plugged = new Llama2cReferenceModel(ck, {
      attention: (input) => {
        seen.push({ layer: input.layer, n: input.n, positions: [...input.positions], cache: input.cache });
        return denseAttention(input);
      },
    });
    expect(traceDiff(trace(model, [1, 5, 7, 3], 6, all), trace(plugged, [1, 5, 7, 3], 6, all))).toBeLessThanOrEqual(1e-6);
    expect(seen.slice(0, 4).map((s) => [s.layer, s.n, s.positions])).toEqual([
      [0, 4, [0, 1, 2, 3]],
      [1, 4, [0, 1, 2, 3]],
      [0, 1, [4]],
      [1, 1, [4]],
    ]);
    const cache = model.forwardSync({ inputIds: [1] }).cache;
    seen.length = 0;
    plugged.forwardSync({ inputIds: [4], cache });
    expect(seen.every((s) => s.cache === cache)).toBe(true);
  });

  it('the attention function really drives the model: attending only to the newest token changes the logits', () => {
    const selfOnly = new Llama2cReferenceModel(ck, {
      attention: ({ values, numHeads: H, numKvHeads: G, n, headDim: D }) => {
        const out = new Float32Array(H * n * D);
        for (let h = 0; h < H; h++) for (let i = 0; i < n; i++) out.set(values.subarray((Math.floor((h * G) / H) * n + i) * D, (Math.floor((h * G) / H) * n + i + 1) * D), (h * n + i) * D);
        return out;
      },
    });
    const ids = [1, 5, 7, 3];
    const a = model.forwardSync({ inputIds: ids });
    const b = selfOnly.forwardSync({ inputIds: ids });
    // the first token attends only to itself either way; later ones differ
    expect(maxAbsDiff(f32(a.logits).subarray(0, 13), f32(b.logits).subarray(0, 13))).toBeLessThan(1e-6);
    expect(maxAbsDiff(f32(a.logits).subarray(13), f32(b.logits).subarray(13))).toBeGreaterThan(1e-3);
  });

  it('rejects a bad attention option or result with named errors', async () => {
    expect((await rejection(() => new Llama2cReferenceModel(ck, { attention: 3 as never }))).details.field).toBe('attention');
    const short = new Llama2cReferenceModel(ck, { attention: () => new Float32Array(3) });
    const e1 = await rejection(() => short.forwardSync({ inputIds: [1, 2] }));
    expect(e1.code).toBe('SHAPE_MISMATCH');
    expect(e1.message).toMatch(/layer 0 returned a Float32Array of 3 values; expected .* of 32 values/);
    const noWeights = new Llama2cReferenceModel(ck, { attention: (input) => denseAttention(input).output });
    expect(noWeights.forwardSync({ inputIds: [1, 2], outputs: ['queries.1'] }).extra['queries.1']!.dims).toEqual([1, 4, 2, 4]);
    const e2 = await rejection(() => noWeights.forwardSync({ inputIds: [1, 2], outputs: ['attentions.1'] }));
    expect(e2.code).toBe('UNKNOWN_OUTPUT');
    expect(e2.details.tensor).toBe('attentions.1');
  });

  it("logits: 'none' returns [1, 0, vocab] and the same cache and hidden states as 'all'", () => {
    const outputs = ['hidden_states.2', 'attentions.1'];
    const full = model.forwardSync({ inputIds: [1, 5, 7], outputs });
    const none = model.forwardSync({ inputIds: [1, 5, 7], outputs, logits: 'none' });
    expect(none.logits.dims).toEqual([1, 0, 13]);
    expect(none.logits.data.length).toBe(0);
    for (const name of outputs) expect(f32(none.extra[name]!)).toEqual(f32(full.extra[name]!));
    for (const [l, layer] of full.cache.layers().entries()) expect(f32(none.cache.layers()[l]!.key)).toEqual(f32(layer.key));
    expect([...none.cache.positions]).toEqual([0, 1, 2]);
  });
});

describe.skipIf(!haveReferenceModel)(`Llama2cReferenceModel pluggable attention on stories260K${haveReferenceModel ? '' : ` — ${skipMessage}`}`, () => {
  const bytes = haveReferenceModel ? readCheckpoint() : undefined;
  const prompt = [1, 403, 407, 261, 378];

  it('a user attention function reproducing dense attention equals the default path to 1e-6 (logits, hidden states, queries, attentions, cache)', () => {
    const model = Llama2cReferenceModel.fromBytes(bytes!, 'stories260K.bin');
    const plugged = Llama2cReferenceModel.fromBytes(bytes!, 'stories260K.bin', { attention: denseAttention });
    const diff = traceDiff(trace(model, prompt, 24, model.extraOutputs), trace(plugged, prompt, 24, model.extraOutputs));
    expect(diff).toBeLessThanOrEqual(1e-6);
  });

  it('generates the 57-token greedy oracle through the user attention function', async () => {
    const plugged = Llama2cReferenceModel.fromBytes(bytes!, 'stories260K.bin', { attention: (input) => denseAttention(input).output });
    const tok = parseLlama2cTokenizer(readTokenizerBytes(), 512, 'tok512.bin');
    const r = await generate(plugged, { inputIds: prompt, maxNewTokens: 57, temperature: 0, eosTokenIds: [] });
    expect(tok.decode(r.allIds)).toBe(ORACLE_57);
  });
});
