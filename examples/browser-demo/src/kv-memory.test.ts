import { DenseKVCache, mulberry32, tensor } from '@reasonkit/core';
import { compressCache } from '@reasonkit/kv-sparse';
import { describe, expect, it } from 'vitest';
import { denseKvBytes, formatBytes, kvSnapshot } from './kv-memory.js';

// one layer, 2 KV heads, head size 16 (the testbed model's heads), 64 tokens
const [H, D, S] = [2, 16, 64];
const geometry = { layers: 1, kvHeads: H, qHeads: 4, headDim: D };
const rand = mulberry32(5);
const rows = () => Float32Array.from({ length: H * S * D }, () => rand() - 0.5);
const dense = DenseKVCache.from([{ key: tensor('float32', rows(), [1, H, S, D]), value: tensor('float32', rows(), [1, H, S, D]) }], Int32Array.from({ length: S }, (_, i) => i));

describe('KV memory readings', () => {
  it('dense bytes: tokens · layers · kvHeads · headDim · 2 · 4 (1024 per token for the testbed model)', () => {
    expect(denseKvBytes(1, { layers: 4, kvHeads: 2, headDim: 16 })).toBe(1024);
    expect(denseKvBytes(189, { layers: 4, kvHeads: 2, headDim: 16 })).toBe(193_536);
  });

  it('a dense cache holds its dense bytes', () => {
    expect(kvSnapshot(dense, geometry)).toEqual({ tokens: 64, denseBytes: 16_384, cacheBytes: 16_384, compressed: false, compressedTokens: 0 });
  });

  it('a SparK cache at r = 0.5 holds what kv-sparse counts: per token-head 8 kept float32 channels + 2 masks of 2 B + a 4 B statistic, and a 64 B value', () => {
    const queries = Float32Array.from({ length: 4 * 8 * D }, () => rand() - 0.5);
    const { cache } = compressCache({ cache: dense, geometry, queries: [queries] }, { channel: { scorer: { kind: 'spark', window: 8 }, selector: { kind: 'fixedRatio', ratio: 0.5 } } });
    const kv = kvSnapshot(cache, geometry);
    expect(kv).toMatchObject({ tokens: 64, denseBytes: 16_384, compressed: true, compressedTokens: 64 });
    // kv-sparse's formula (its spec §8): K = 8·4 + 16/8 + 16/8 + 4 = 40 B, V = 16·4 = 64 B per token-head
    expect(Math.abs(kv.cacheBytes - S * H * (40 + 64)) / (S * H * (40 + 64))).toBeLessThan(0.01);
    expect(kv.cacheBytes).toBe(cache.bytes().total);
  });

  it('formats bytes', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(193_536)).toBe('189.0 KiB');
  });
});
