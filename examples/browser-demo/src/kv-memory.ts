// KV memory of a generation as the page shows it: the bytes a dense float32 cache of the same
// tokens would hold, and the bytes the cache really holds (kv-sparse's SparseKVCache.bytes()).
import type { KVCache } from '@reasonkit/core';
import { compressedLength, type KVGeometry, SparseKVCache } from '@reasonkit/kv-sparse';

/** One reading of the KV memory. */
export interface KvSnapshot {
  /** Tokens the cache holds. */
  tokens: number;
  /** Bytes of a dense float32 cache of `tokens` tokens: tokens · layers · kvHeads · headDim · 2 (K and V) · 4. */
  denseBytes: number;
  /** Bytes the cache holds: `SparseKVCache.bytes().total` once compressed, else `denseBytes`. */
  cacheBytes: number;
  /** Whether the cache is a compressed SparseKVCache. */
  compressed: boolean;
  /** Tokens held compressed (the rest sit dense in the SparseKVCache's tail); 0 for a dense cache. */
  compressedTokens: number;
}

/** Bytes of a dense float32 KV cache of `tokens` tokens. */
export function denseKvBytes(tokens: number, g: Pick<KVGeometry, 'layers' | 'kvHeads' | 'headDim'>): number {
  return tokens * g.layers * g.kvHeads * g.headDim * 2 * 4;
}

/** Reads the KV memory of `cache` (a dense cache or a kv-sparse SparseKVCache). */
export function kvSnapshot(cache: KVCache, g: Pick<KVGeometry, 'layers' | 'kvHeads' | 'headDim'>): KvSnapshot {
  const denseBytes = denseKvBytes(cache.length, g);
  if (cache instanceof SparseKVCache) {
    return { tokens: cache.length, denseBytes, cacheBytes: cache.bytes().total, compressed: true, compressedTokens: compressedLength(cache.sparseLayers[0]!) };
  }
  return { tokens: cache.length, denseBytes, cacheBytes: denseBytes, compressed: false, compressedTokens: 0 };
}

/** `12,288 B` / `1.5 KiB`: bytes for people. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  return `${(n / 1024).toFixed(1)} KiB`;
}
