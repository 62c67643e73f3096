import type { GenerationHooks, KVCache, Llama2cAttentionFn, Llama2cAttentionInput, Tensor } from '@reasonkit/core';
import { SparseKVCache, type KVGeometry } from '../cache/sparse-kv-cache.js';
import { type SparseKVLayer, compressedLength, tailLength } from '../cache/sparse-kv-layer.js';
import { type CompressCacheResult, compressCache } from '../compress/compress-cache.js';
import type { CompressOptions } from '../config/policies.js';
import { KvSparseError } from '../errors/kv-sparse-error.js';
import { attendDecode } from '../kernels/attend-decode.js';
import { accumulateValues, denseLogits, softmaxInPlace } from '../kernels/dense-kernels.js';
import { createSparseScratch } from '../kernels/sparse-logits.js';

/**
 * A pluggable attention for core's `Llama2cReferenceModel` (option `attention`): when the cache is a
 * {@link SparseKVCache} it attends over the compressed storage with {@link attendDecode} (byte
 * lookup-table restoration, no materialised keys: mode b); any other cache is attended densely.
 * New tokens of a multi-token forward see the cache and the new tokens up to themselves. Returns the
 * attention weights too (`attentions.{l}`, e.g. for H2O), `[nHeads, n, past + n]` in cache order.
 * Throws `cache-mismatch` for a SparseKVCache built for another geometry.
 */
export function sparkAttention(): Llama2cAttentionFn {
  return (input: Llama2cAttentionInput) => {
    const { cache, layer: l, n, numHeads: QH, numKvHeads: H, headDim: D, queries, keys, values, scale } = input;
    const out = new Float32Array(QH * n * D);
    const q = new Float32Array(QH * D);
    const o = new Float32Array(QH * D);
    if (cache instanceof SparseKVCache) {
      const g = cache.geometry;
      if (g.kvHeads !== H || g.qHeads !== QH || g.headDim !== D || l >= g.layers) {
        throw new KvSparseError(
          'cache-mismatch',
          `SparseKVCache built for layers ${g.layers}, qHeads ${g.qHeads}, kvHeads ${g.kvHeads}, headDim ${g.headDim} used with a model of qHeads ${QH}, kvHeads ${H}, headDim ${D} (layer ${l}): a cache from a different model`,
          { field: 'cache', expected: g, actual: { qHeads: QH, kvHeads: H, headDim: D, layer: l } },
        );
      }
      const layer: SparseKVLayer = cache.sparseLayers[l]!;
      const scratch = createSparseScratch(D);
      const past = compressedLength(layer) + tailLength(layer);
      const k = past + n;
      const weights = new Float32Array(QH * n * k);
      const w = new Float32Array(QH * k);
      for (let i = 0; i < n; i++) {
        for (let h = 0; h < QH; h++) q.set(queries.subarray((h * n + i) * D, (h * n + i + 1) * D), h * D);
        attendDecode(q, layer, o, { scale, extra: { keys, values, n, limit: i + 1 }, scratch, weights: w });
        const total = past + i + 1;
        for (let h = 0; h < QH; h++) {
          out.set(o.subarray(h * D, (h + 1) * D), (h * n + i) * D);
          weights.set(w.subarray(h * total, (h + 1) * total), (h * n + i) * k);
        }
      }
      return { output: out, weights };
    }
    // dense fallback (e.g. the prefill forward before compression)
    const past = cache.layers()[l]!;
    const P = past.key.dims[2]!;
    const pk = past.key.data as Float32Array;
    const pv = past.value.data as Float32Array;
    const G = QH / H;
    const logits = new Float32Array(P + n);
    const weights = new Float32Array(QH * n * (P + n));
    for (let h = 0; h < QH; h++) {
      const gq = Math.floor(h / G);
      for (let i = 0; i < n; i++) {
        const qo = (h * n + i) * D;
        denseLogits(queries, qo, pk, gq * P * D, P, D, scale, logits, 0);
        denseLogits(queries, qo, keys, gq * n * D, i + 1, D, scale, logits, P);
        softmaxInPlace(logits, P + i + 1);
        weights.set(logits.subarray(0, P + i + 1), (h * n + i) * (P + n));
        accumulateValues(logits, 0, pv, gq * P * D, P, D, out, qo);
        accumulateValues(logits, P, values, gq * n * D, i + 1, D, out, qo);
      }
    }
    return { output: out, weights };
  };
}

/** Options of {@link sparkCompression}. */
export interface SparkCompressionOptions {
  geometry: KVGeometry;
  compress: CompressOptions;
  /**
   * Compress once the cache holds at least this many tokens (default 0: right after the prompt
   * forward, as kvpress presses do). Later compression covers the prompt and the tokens generated
   * so far; the window queries are the last ones seen.
   */
  minTokens?: number;
  /** Called with the compressed cache, its warnings and its saving. */
  onCompressed?: (result: CompressCacheResult) => void;
}

/** Names of the extra outputs compression reads (`queries.{l}`, plus `attentions.{l}` for H2O). */
export function compressionOutputs(geometry: KVGeometry, compress: CompressOptions): string[] {
  const names: string[] = [];
  for (let l = 0; l < geometry.layers; l++) names.push(`queries.${l}`);
  if (compress.eviction?.kind === 'h2o') for (let l = 0; l < geometry.layers; l++) names.push(`attentions.${l}`);
  return names;
}

/**
 * Compression wired into core's `generate`: pass `hooks` and `outputs` to `generate`. Until the
 * cache holds `minTokens` tokens every forward's queries are collected; then the cache is
 * compressed once (token eviction, then channel pruning) and replaced by a {@link SparseKVCache}.
 * Tokens after that stay dense in its tail (spec §2.6). Use with a model whose attention reads the
 * compressed storage (`sparkAttention`) or any model (it then reads the materialised keys).
 */
export function sparkCompression(options: SparkCompressionOptions): {
  /** Hooks to pass to `generate`. */
  hooks: GenerationHooks;
  /** Extra outputs to pass to `generate` (none once compressed). */
  outputs: (step: number) => readonly string[];
  /** The compression result, once compression has run. */
  result: () => CompressCacheResult | undefined;
} {
  const { geometry, compress } = options;
  const names = compressionOutputs(geometry, compress);
  const minTokens = options.minTokens ?? 0;
  const { layers: L, qHeads: QH, headDim: D } = geometry;
  // collected queries per layer: list of [QH, n, D] blocks
  const blocks: { data: Float32Array; n: number }[][] = Array.from({ length: L }, () => []);
  let result: CompressCacheResult | undefined;
  const hooks: GenerationHooks = {
    onStep(ctx) {
      if (result) return;
      for (let l = 0; l < L; l++) {
        const q = dataOf(ctx.extra[`queries.${l}`], `queries.${l}`);
        blocks[l]!.push({ data: q, n: q.length / (QH * D) });
      }
      if (ctx.cache.length < minTokens) return;
      const queries = blocks.map((b) => joinRows(b, QH, D));
      const attentions = compress.eviction?.kind === 'h2o' ? Array.from({ length: L }, (_, l) => dataOf(ctx.extra[`attentions.${l}`], `attentions.${l}`)) : undefined;
      result = compressCache({ cache: ctx.cache, geometry, queries, attentions }, compress);
      blocks.length = 0;
      options.onCompressed?.(result);
      return { cache: result.cache };
    },
  };
  return { hooks, outputs: () => (result ? [] : names), result: () => result };
}

/** Concatenates `[QH, n_i, D]` blocks along the position axis. */
function joinRows(blocks: { data: Float32Array; n: number }[], QH: number, D: number): Float32Array {
  const n = blocks.reduce((a, b) => a + b.n, 0);
  const out = new Float32Array(QH * n * D);
  let o = 0;
  for (const b of blocks) {
    for (let h = 0; h < QH; h++) out.set(b.data.subarray(h * b.n * D, (h + 1) * b.n * D), (h * n + o) * D);
    o += b.n;
  }
  return out;
}

/** Compresses `cache` from one forward's `extra` outputs (outside `generate`). */
export function compressFromForward(cache: KVCache, extra: Record<string, Tensor>, geometry: KVGeometry, compress: CompressOptions): CompressCacheResult {
  const queries = Array.from({ length: geometry.layers }, (_, l) => dataOf(extra[`queries.${l}`], `queries.${l}`));
  const attentions = compress.eviction?.kind === 'h2o' ? Array.from({ length: geometry.layers }, (_, l) => dataOf(extra[`attentions.${l}`], `attentions.${l}`)) : undefined;
  return compressCache({ cache, geometry, queries, attentions }, compress);
}

function dataOf(t: Tensor | undefined, name: string): Float32Array {
  if (!t || t.dtype !== 'float32') {
    throw new KvSparseError('config', `the prompt forward did not return ${name}; request compressionOutputs(...) at step 0 (the model must expose queries)`, { tensor: name });
  }
  return t.data as Float32Array;
}
