import { describe, expect, it } from 'vitest';
import { ReasonkitError } from '../errors/reasonkit-error.js';
import { DenseKVCache } from '../kv-cache/dense-kv-cache.js';
import type { KVCache } from '../kv-cache/kv-cache.js';
import { tensor } from '../tensor/create-tensor.js';
import { haveReferenceModel, ORACLE_57, readCheckpoint, readTokenizerBytes } from '../test-utils/shared-models.js';
import { parseLlama2cCheckpoint } from './checkpoint.js';
import { parseLlama2cTokenizer } from './llama2c-tokenizer.js';
import { Llama2cReferenceModel } from './reference-model.js';
import { buildSyntheticCheckpoint } from './synthetic-checkpoint.js';

function argmax(x: Float32Array): number {
  let best = 0;
  for (let i = 1; i < x.length; i++) if (x[i]! > x[best]!) best = i;
  return best;
}

function logSoftmaxAt(x: Float32Array, i: number): number {
  let max = -Infinity;
  for (const v of x) max = Math.max(max, v);
  let sum = 0;
  for (const v of x) sum += Math.exp(v - max);
  return x[i]! - max - Math.log(sum);
}

function topK(x: Float32Array, k: number): number[] {
  return [...x.keys()].sort((a, b) => x[b]! - x[a]!).slice(0, k);
}

function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

/** Logits rows of a forward output, one per input position. */
function rows(logits: Float32Array, vocab: number): Float32Array[] {
  const out: Float32Array[] = [];
  for (let i = 0; i < logits.length / vocab; i++) out.push(logits.subarray(i * vocab, (i + 1) * vocab));
  return out;
}

/** Greedy loop local to the test (generation proper belongs to another module). */
async function greedy(model: Llama2cReferenceModel, prompt: number[], newTokens: number) {
  const V = model.config.vocabSize;
  let out = await model.forward({ inputIds: prompt });
  const stepLogits = [...rows(out.logits.data, V)];
  const ids = [...prompt];
  for (let s = 0; s < newTokens; s++) {
    const next = argmax(stepLogits[stepLogits.length - 1]!);
    if (next === 1) break; // run.c stops on BOS
    ids.push(next);
    if (s === newTokens - 1) break;
    out = await model.forward({ inputIds: [next], cache: out.cache });
    stepLogits.push(out.logits.data);
  }
  return { ids, stepLogits, cache: out.cache };
}

describe.skipIf(!haveReferenceModel)('Llama2cReferenceModel on stories260K (spec §9.5)', () => {
  const model = haveReferenceModel ? Llama2cReferenceModel.fromBytes(readCheckpoint(), 'stories260K.bin') : undefined!;
  const tok = haveReferenceModel ? parseLlama2cTokenizer(readTokenizerBytes(), 512, 'tok512.bin') : undefined!;
  const prompt = [1, 403, 407, 261, 378];

  it('exposes a llama CausalLM config with BOS and EOS as stop ids', () => {
    expect(model.config).toEqual({
      modelType: 'llama',
      numLayers: 5,
      numQHeads: 8,
      numKvHeads: 4,
      headDim: 8,
      hiddenSize: 64,
      vocabSize: 512,
      maxPositions: 512,
      bosTokenId: 1,
      eosTokenIds: [1, 2],
      kvDtype: 'float32',
    });
    expect(model.cacheSpec).toEqual({ numLayers: 5, numKvHeads: 4, headDim: 8, dtype: 'float32' });
  });

  it('matches the golden logits at positions 0 and 4 to 1e-3', async () => {
    const { logits } = await model.forward({ inputIds: prompt });
    expect(logits.dims).toEqual([1, 5, 512]);
    const [row0, , , , row4] = rows(logits.data, 512);
    expect(topK(row0!, 3)).toEqual([403, 385, 410]);
    [17.0235, 15.4062, 13.1083].forEach((v, i) => expect(Math.abs(row0![[403, 385, 410][i]!]! - v)).toBeLessThan(1e-3));
    expect(Math.abs(logSoftmaxAt(row0!, 403) - -0.2437)).toBeLessThan(1e-3);
    expect(topK(row4!, 3)).toEqual([432, 383, 322]);
    [17.7994, 14.2813, 9.7097].forEach((v, i) => expect(Math.abs(row4![[432, 383, 322][i]!]! - v)).toBeLessThan(1e-3));
    expect(Math.abs(logSoftmaxAt(row4!, 432) - -0.0317)).toBeLessThan(1e-3);
  });

  it('greedily generates the 57-token oracle from "Once upon a time"', async () => {
    expect(tok.encode('Once upon a time')).toEqual(prompt);
    const { ids } = await greedy(model, prompt, 57);
    expect(ids.slice(5, 17)).toEqual([432, 383, 286, 261, 376, 298, 315, 421, 395, 317, 426, 338]);
    expect(ids.length).toBe(5 + 57);
    expect(tok.decode(ids)).toBe(ORACLE_57);
  });

  it('incremental decoding equals full recompute at every position (≤ 1e-4)', async () => {
    const { ids, stepLogits } = await greedy(model, prompt, 57);
    const full = await model.forward({ inputIds: ids.slice(0, -1) });
    const fullRows = rows(full.logits.data, 512);
    // incremental: prompt rows from the prefill, then one row per single-token step
    expect(stepLogits.length).toBe(fullRows.length);
    let worst = 0;
    for (let i = 0; i < fullRows.length; i++) worst = Math.max(worst, maxAbsDiff(stepLogits[i]!, fullRows[i]!));
    expect(worst).toBeLessThanOrEqual(1e-4);
    // token-by-token from an empty cache as well
    let cache: KVCache = model.createCache();
    for (let i = 0; i < 8; i++) {
      const out = await model.forward({ inputIds: [ids[i]!], cache });
      expect(maxAbsDiff(out.logits.data, fullRows[i]!)).toBeLessThanOrEqual(1e-4);
      cache = out.cache;
    }
  });

  it('reproduces logits from hidden_states.L through the final rmsnorm and wcls', async () => {
    const outputs = [...model.extraOutputs];
    const { logits, extra, cache } = await model.forward({ inputIds: prompt, outputs });
    const L = model.config.numLayers;
    const h = extra[`hidden_states.${L}`]!;
    expect(h.dims).toEqual([1, 5, 64]);
    expect(extra['queries.0']!.dims).toEqual([1, 8, 5, 8]);
    const { weights } = model.checkpoint;
    for (let i = 0; i < 5; i++) {
      const x = (h.data as Float32Array).subarray(i * 64, i * 64 + 64);
      let ss = 0;
      for (const v of x) ss += v * v;
      const inv = 1 / Math.sqrt(ss / 64 + 1e-5);
      for (const t of [0, 403, 432]) {
        let acc = 0;
        for (let j = 0; j < 64; j++) acc += weights.wcls[t * 64 + j]! * weights.rmsFinal[j]! * x[j]! * inv;
        expect(Math.abs(acc - logits.data[i * 512 + t]!)).toBeLessThan(1e-4);
      }
    }
    // hidden_states.0 is the embedding of each input token
    for (const [i, id] of prompt.entries()) {
      expect([...(extra['hidden_states.0']!.data as Float32Array).subarray(i * 64, i * 64 + 64)]).toEqual([
        ...weights.tokenEmbedding.subarray(id * 64, id * 64 + 64),
      ]);
    }
    // queries.0 at position 0 (RoPE = identity) is wq[0]·rmsnorm(embedding(BOS), rms_att[0]), head-major
    const e = weights.tokenEmbedding.subarray(64, 128);
    let ss = 0;
    for (const v of e) ss += v * v;
    const inv = 1 / Math.sqrt(ss / 64 + 1e-5);
    const q0 = extra['queries.0']!.data as Float32Array;
    for (let c = 0; c < 64; c++) {
      let acc = 0;
      for (let j = 0; j < 64; j++) acc += weights.wq[c * 64 + j]! * weights.rmsAtt[j]! * e[j]! * inv;
      const [h, d] = [Math.floor(c / 8), c % 8];
      expect(Math.abs(q0[(h * 5 + 0) * 8 + d]! - acc)).toBeLessThan(1e-5);
    }
    expect(cache.layers()[0]!.key.dims).toEqual([1, 4, 5, 8]);
    expect(cache.positions).toEqual(Int32Array.from([0, 1, 2, 3, 4]));
  });
});

describe('Llama2cReferenceModel on synthetic checkpoints', () => {
  const cfg = { dim: 16, hiddenDim: 24, nLayers: 2, nHeads: 4, nKvHeads: 2, vocabSize: 13, seqLen: 32 };
  const model = new Llama2cReferenceModel(parseLlama2cCheckpoint(buildSyntheticCheckpoint({ ...cfg, sharedClassifier: false }, 5)));
  const ids = [1, 5, 7, 3, 12, 0, 9, 9, 4, 2];

  it('incremental equals full recompute, in chunks of any size', async () => {
    const full = await model.forward({ inputIds: ids });
    let cache = model.createCache();
    const chunks = [[1], [5, 7, 3], [12], [0, 9], [9, 4, 2]];
    const got: number[] = [];
    for (const c of chunks) {
      const out = await model.forward({ inputIds: c, cache });
      got.push(...out.logits.data);
      cache = out.cache;
    }
    expect(maxAbsDiff(Float32Array.from(got), full.logits.data)).toBeLessThanOrEqual(1e-5);
    expect([...cache.positions]).toEqual([...ids.keys()]);
    expect(cache.layers()[1]!.value.dims).toEqual([1, 2, 10, 4]);
  });

  it('uses explicit positions for RoPE and attends over an evicted cache in cache order', async () => {
    // Causality: the cache of [a, b] with b evicted equals the cache of [a] alone.
    const ab = await model.forward({ inputIds: [1, 5] });
    const keep = (t: import('../tensor/tensor.js').Tensor) => {
      const d = t.data as Float32Array;
      const [, g, S, D] = t.dims as [number, number, number, number];
      const out = new Float32Array(g * D);
      for (let h = 0; h < g; h++) out.set(d.subarray(h * S * D, h * S * D + D), h * D);
      return tensor('float32', out, [1, g, 1, D]);
    };
    const evicted = DenseKVCache.from(
      ab.cache.layers().map((l) => ({ key: keep(l.key), value: keep(l.value) })),
      Int32Array.from([0]),
      2,
    );
    const a = await model.forward({ inputIds: [1] });
    const viaEviction = await model.forward({ inputIds: [7], cache: evicted });
    const viaPositions = await model.forward({ inputIds: [7], cache: a.cache, positionIds: [2] });
    const adjacent = await model.forward({ inputIds: [7], cache: a.cache });
    expect(maxAbsDiff(viaEviction.logits.data, viaPositions.logits.data)).toBeLessThanOrEqual(1e-6);
    expect(maxAbsDiff(viaPositions.logits.data, adjacent.logits.data)).toBeGreaterThan(1e-4);
    expect([...viaEviction.cache.positions]).toEqual([0, 2]);
    expect(viaEviction.cache.nextPosition).toBe(3);
  });

  it('stores post-RoPE keys: a key at position p equals the position-0 key rotated by p·freq', async () => {
    const at0 = await model.forward({ inputIds: [5], positionIds: [0] });
    const at3 = await model.forward({ inputIds: [5], positionIds: [3] });
    const k0 = at0.cache.layers()[0]!.key.data as Float32Array;
    const k3 = at3.cache.layers()[0]!.key.data as Float32Array;
    const hd = 4;
    for (let i = 0; i < k0.length; i += 2) {
      const j = (i % hd) / 2;
      const theta = 3 * Math.pow(10000, (-2 * j) / hd);
      expect(k3[i]!).toBeCloseTo(k0[i]! * Math.cos(theta) - k0[i + 1]! * Math.sin(theta), 5);
      expect(k3[i + 1]!).toBeCloseTo(k0[i]! * Math.sin(theta) + k0[i + 1]! * Math.cos(theta), 5);
    }
    // values do not depend on position
    expect(at3.cache.layers()[0]!.value.data).toEqual(at0.cache.layers()[0]!.value.data);
  });

  it('returns queries [1, nHeads, seq, headDim] and hidden states [1, seq, dim]', async () => {
    const out = await model.forward({ inputIds: [1, 2, 3], outputs: ['queries.1', 'hidden_states.2', 'hidden_states.1'] });
    expect(Object.keys(out.extra).sort()).toEqual(['hidden_states.1', 'hidden_states.2', 'queries.1']);
    expect(out.extra['queries.1']!.dims).toEqual([1, 4, 3, 4]);
    expect(out.extra['hidden_states.2']!.dims).toEqual([1, 3, 16]);
  });

  it('rejects unknown outputs, bad ids, positions and caches with clear errors', async () => {
    const err = async (p: Promise<unknown>) => {
      try {
        await p;
      } catch (e) {
        if (e instanceof ReasonkitError) return e;
        throw e;
      }
      throw new Error('expected a ReasonkitError');
    };
    expect((await err(model.forward({ inputIds: [1], outputs: ['hidden_states.3'] }))).code).toBe('UNKNOWN_OUTPUT');
    expect((await err(model.forward({ inputIds: [13] }))).details.field).toBe('inputIds.0');
    expect((await err(model.forward({ inputIds: [1, 2], positionIds: [0] }))).code).toBe('SHAPE_MISMATCH');
    expect((await err(model.forward({ inputIds: [1], positionIds: [32] }))).code).toBe('CONTEXT_OVERFLOW');
    const fp16 = DenseKVCache.empty({ ...model.cacheSpec, dtype: 'float16' });
    expect((await err(model.forward({ inputIds: [1], cache: fp16 }))).code).toBe('DTYPE_MISMATCH');
    const ac = new AbortController();
    ac.abort();
    expect((await err(model.forward({ inputIds: [1], signal: ac.signal }))).code).toBe('ABORTED');
  });
});
