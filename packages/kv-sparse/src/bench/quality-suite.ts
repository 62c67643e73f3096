import { type CausalLM, generate, type KVCache, Llama2cReferenceModel } from '@reasonkit/core';
import type { KVGeometry } from '../cache/sparse-kv-cache.js';
import type { CompressOptions } from '../config/policies.js';
import { compressFromForward, compressionOutputs, sparkAttention } from '../integration/spark-attention.js';

/** One model-level condition (spec §12, issue acceptance 4). */
export interface QualityRow {
  condition: string;
  perplexity: number;
  /** Fraction of the greedy continuation equal (position by position) to the dense cache's. */
  greedyAgreement: number;
  /** Real bytes of the compressed prompt cache / dense bytes of the full prompt at float32. */
  bytesVsDense: number;
  scorer: string;
  queryAware: boolean;
}

const snap = { kind: 'snapKV' as const, window: 64, kernel: 5 };
const conditions = (tokenRatio: number): [string, CompressOptions | undefined][] => [
  ['dense', undefined],
  ['SnapKV', { eviction: snap, budget: { ratio: tokenRatio } }],
  ...[0.5, 0.8].flatMap((r): [string, CompressOptions][] => [
    [`SnapKV+ThinK r=${r}`, { eviction: snap, budget: { ratio: tokenRatio }, channel: { scorer: { kind: 'think', window: 32 }, selector: { kind: 'structured', ratio: r }, restorer: { kind: 'zero' } } }],
    [`SnapKV+SparK r=${r}`, { eviction: snap, budget: { ratio: tokenRatio }, channel: { scorer: { kind: 'spark', window: 32 }, selector: { kind: 'fixedRatio', ratio: r }, restorer: { kind: 'sparkMean', sign: 'stored' } } }],
  ]),
];

function nll(logits: Float32Array, row: number, V: number, target: number): number {
  let max = -Infinity;
  for (let i = 0; i < V; i++) max = Math.max(max, logits[row * V + i]!);
  let z = 0;
  for (let i = 0; i < V; i++) z += Math.exp(logits[row * V + i]! - max);
  return Math.log(z) + max - logits[row * V + target]!;
}

/**
 * Held-out perplexity and greedy agreement on the llama2.c reference model: `texts` are token
 * sequences (the model's own seeded samples, not training text); the first `promptLength` tokens
 * are prefilled and compressed, the rest scored teacher-forced through the compressed cache
 * (SparK attention kernel), and `greedyTokens` greedy tokens compared with the dense cache's.
 */
export async function qualitySuite(base: Llama2cReferenceModel, texts: number[][], options: { promptLength: number; tokenRatio?: number; greedyTokens?: number; log?: (s: string) => void }): Promise<QualityRow[]> {
  const c = base.config;
  const geometry: KVGeometry = { layers: c.numLayers, kvHeads: c.numKvHeads, qHeads: c.numQHeads, headDim: c.headDim };
  const sparse = new Llama2cReferenceModel(base.checkpoint, { attention: sparkAttention() });
  const V = c.vocabSize;
  const P = options.promptLength;
  const G = options.greedyTokens ?? 32;
  const rows: QualityRow[] = [];
  const denseGreedy: number[][] = [];
  for (const [name, compress] of conditions(options.tokenRatio ?? 0.5)) {
    let sum = 0;
    let count = 0;
    let agree = 0;
    let bytes = 0;
    for (const [ti, ids] of texts.entries()) {
      const prompt = ids.slice(0, P);
      const cont = ids.slice(P);
      const pre = base.forwardSync({ inputIds: prompt, outputs: compressionOutputs(geometry, compress ?? {}), logits: 'last' });
      sum += nll(pre.logits.data as Float32Array, 0, V, cont[0]!);
      let cache: KVCache = pre.cache;
      let lm: CausalLM = base;
      if (compress) {
        const r = compressFromForward(pre.cache, pre.extra, geometry, compress);
        cache = r.cache;
        lm = sparse;
        bytes += r.cache.bytes().total / (c.numLayers * c.numKvHeads * P * c.headDim * 4 * 2);
      } else bytes += 1;
      const out = (lm as Llama2cReferenceModel).forwardSync({ inputIds: cont.slice(0, -1), cache, logits: 'all' });
      const lg = out.logits.data as Float32Array;
      for (let i = 1; i < cont.length; i++) sum += nll(lg, i - 1, V, cont[i]!);
      count += cont.length;
      // greedy: the first token comes from the (dense) prefill logits, the rest read the cache under test
      const pl = pre.logits.data as Float32Array;
      let first = 0;
      for (let i = 1; i < V; i++) if (pl[i]! > pl[first]!) first = i;
      const g = await generate(lm, { inputIds: [first], cache, maxNewTokens: G, eosTokenIds: [] });
      if (!compress) denseGreedy[ti] = g.ids;
      agree += g.ids.filter((id, i) => id === denseGreedy[ti]![i]).length / G;
    }
    const row = {
      condition: name,
      perplexity: Math.exp(sum / count),
      greedyAgreement: agree / texts.length,
      bytesVsDense: bytes / texts.length,
      scorer: compress?.channel ? (compress.channel.scorer.kind === 'magnitude' ? 'magnitude (not SparK)' : compress.channel.scorer.kind) : 'none',
      queryAware: false,
    };
    options.log?.(`${name}: ppl ${row.perplexity.toFixed(3)}, greedy agreement ${(row.greedyAgreement * 100).toFixed(1)}%, bytes ${(row.bytesVsDense * 100).toFixed(1)}% of dense`);
    rows.push(row);
  }
  return rows;
}

