// End to end on the real stories260K reference model (skipped when ../shared/models is absent):
// the SparseKVCache runs through core's pluggable attention in Llama2cReferenceModel.
import { DenseKVCache, generate, Llama2cReferenceModel } from '@reasonkit/core';
import { STORIES260K_ORACLE_57, STORIES260K_ORACLE_PROMPT_IDS } from '@reasonkit/core/testing';
import { loadReferenceModel, locateReferenceModel } from '@reasonkit/core/testing/node';
import { describe, expect, it } from 'vitest';
import { SparseKVCache, type KVGeometry } from '../cache/sparse-kv-cache.js';
import type { CompressOptions } from '../config/policies.js';
import { compressionOutputs, compressFromForward, sparkAttention, sparkCompression } from './spark-attention.js';

const ref = locateReferenceModel();
const loaded = loadReferenceModel(ref);

describe.skipIf(!loaded)(`SparK cache on stories260K${loaded ? '' : ` (${ref.skipMessage})`}`, () => {
  const base = loaded!.model;
  const model = new Llama2cReferenceModel(base.checkpoint, { attention: sparkAttention() });
  const c = base.config;
  const geometry: KVGeometry = { layers: c.numLayers, kvHeads: c.numKvHeads, qHeads: c.numQHeads, headDim: c.headDim };

  it('r = 0, no eviction: greedy decoding through the compressed cache reproduces the oracle text', async () => {
    const compress: CompressOptions = { channel: { scorer: { kind: 'spark', window: 5 }, selector: { kind: 'fixedRatio', ratio: 0 } } };
    let compressed: SparseKVCache | undefined;
    const spark = sparkCompression({ geometry, compress, onCompressed: (x) => (compressed = x.cache) });
    const r = await generate(model, { inputIds: [...STORIES260K_ORACLE_PROMPT_IDS], maxNewTokens: 57, eosTokenIds: [], outputs: spark.outputs, hooks: spark.hooks });
    expect(compressed).toBeInstanceOf(SparseKVCache);
    expect(r.cache).toBeInstanceOf(SparseKVCache);
    expect(loaded!.tokenizer.decode(r.allIds)).toBe(STORIES260K_ORACLE_57);
  });

  it('a 300-token prompt compressed by SnapKV + SparK (r = 0.5): the compressed-cache kernel gives the logits of dense attention over the materialised cache (1e-4)', async () => {
    const sampled = await generate(base, { inputIds: [1], maxNewTokens: 299, temperature: 1, seed: 7, eosTokenIds: [] });
    const prompt = sampled.allIds;
    expect(prompt.length).toBe(300);
    const compress: CompressOptions = {
      eviction: { kind: 'snapKV', window: 64, kernel: 5 },
      budget: { ratio: 0.3 },
      channel: { scorer: { kind: 'spark', window: 32 }, selector: { kind: 'fixedRatio', ratio: 0.5 }, restorer: { kind: 'sparkMean', sign: 'stored' } },
      queryAware: false,
    };
    const pre = base.forwardSync({ inputIds: prompt, outputs: compressionOutputs(geometry, compress), logits: 'last' });
    const { cache, saving } = compressFromForward(pre.cache, pre.extra, geometry, compress);
    // SnapKV keeps int(S·(1 − ratio)) tokens per KV head (kvpress scores per head)
    for (let l = 0; l < geometry.layers; l++) expect(cache.layerPositions?.[l]?.length ?? cache.length).toBe(Math.trunc(300 * 0.7));
    expect(cache.nextPosition).toBe(300);
    // per token-head at D = 8, fp32, T = 4: K = 16 + 1 (mask) + 1 (signs) + 4 (a_t) = 22 B against 32 B, V 32 B: 15.6% (qn amortised)
    expect(saving).toBeGreaterThan(0.15);
    expect(saving).toBeLessThan(0.157);
    let sparse: typeof cache | SparseKVCache = cache;
    let dense = cache.layerPositions ? DenseKVCache.ragged(cache.layers(), cache.layerPositions, cache.nextPosition) : DenseKVCache.from(cache.layers(), cache.positions, cache.nextPosition);
    let next = 42;
    let worst = 0;
    for (let s = 0; s < 6; s++) {
      const a = model.forwardSync({ inputIds: [next], cache: sparse });
      const b = base.forwardSync({ inputIds: [next], cache: dense });
      const la = a.logits.data as Float32Array;
      const lb = b.logits.data as Float32Array;
      for (let i = 0; i < la.length; i++) worst = Math.max(worst, Math.abs(la[i]! - lb[i]!));
      sparse = a.cache as SparseKVCache;
      dense = b.cache as DenseKVCache;
      next = la.indexOf(Math.max(...la));
    }
    expect(sparse).toBeInstanceOf(SparseKVCache);
    expect(sparse.nextPosition).toBe(306);
    expect(worst).toBeLessThanOrEqual(1e-4);
  });

  it('H2O (needs the prefill attention weights, reference decoder only) and StreamingLLM evict inside generate; positions advance from the prompt', async () => {
    const prompt = (await generate(base, { inputIds: [1], maxNewTokens: 79, temperature: 1, seed: 5, eosTokenIds: [] })).allIds;
    for (const eviction of [{ kind: 'h2o' as const }, { kind: 'streamingLLM' as const, sinks: 4 }]) {
      const compress: CompressOptions = { eviction, budget: { maxTokens: 32 }, channel: { scorer: { kind: 'spark', window: 32 }, selector: { kind: 'fixedRatio', ratio: 0.5 } } };
      const spark = sparkCompression({ geometry, compress });
      const r = await generate(model, { inputIds: prompt, maxNewTokens: 8, eosTokenIds: [], hooks: spark.hooks, outputs: spark.outputs });
      const cache = r.cache as SparseKVCache;
      expect(cache).toBeInstanceOf(SparseKVCache);
      expect(cache.label.eviction).toBe(eviction.kind);
      for (const layer of cache.sparseLayers) expect(layer.heads.every((h) => h.seqLen === 32)).toBe(true);
      expect(cache.nextPosition).toBe(80 + 7);
      expect([...cache.tailPositions]).toEqual([80, 81, 82, 83, 84, 85, 86]);
    }
  });

  it('a cache from a different model is refused with a typed error', () => {
    const pre = base.forwardSync({ inputIds: [...STORIES260K_ORACLE_PROMPT_IDS], outputs: compressionOutputs(geometry, {}) });
    const other: KVGeometry = { ...geometry, kvHeads: geometry.kvHeads * 2, qHeads: geometry.qHeads * 2 };
    expect(() => compressFromForward(pre.cache, pre.extra, other, {})).toThrow(expect.objectContaining({ code: 'CACHE_UNSUPPORTED', kind: 'cache-mismatch' }));
    const { cache } = compressFromForward(pre.cache, pre.extra, geometry, {});
    // same tensor shapes, different query-head count: only the compressed-cache kernel can tell
    const foreign = new SparseKVCache({ ...geometry, qHeads: geometry.qHeads * 2 }, cache.sparseLayers, cache.label, cache.nextPosition);
    expect(() => model.forwardSync({ inputIds: [5], cache: foreign })).toThrow(expect.objectContaining({ kind: 'cache-mismatch' }));
  });
});
