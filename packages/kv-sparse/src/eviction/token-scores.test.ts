import { DenseKVCache, mulberry32, tensor } from '@reasonkit/core';
import { describe, expect, it } from 'vitest';
import { materializeKeys } from '../cache/channel-sparse-keys.js';
import { compressCache } from '../compress/compress-cache.js';
import { adaKVAllocate, knormScores, snapKVScores, streamingScores, topTokens, tovaScores } from './token-scores.js';

const rnd = (seed: number, n: number, s = 1) => {
  const r = mulberry32(seed);
  return Float32Array.from({ length: n }, () => (r() - 0.5) * 2 * s);
};

describe('SnapKV scores (spec §3.1, §13 target 4)', () => {
  it('the window is always kept', () => {
    const S = 100;
    const D = 8;
    const w = 16;
    const input = { keys: rnd(1, 2 * S * D, 3), queries: rnd(2, 4 * S * D, 3), queryRows: S, seqLen: S, kvHeads: 2, qHeads: 4, headDim: D };
    const keep = topTokens(snapKVScores(input, w, 5), 2, S, 20);
    for (const k of keep) for (let t = S - w; t < S; t++) expect(k).toContain(t);
  });

  it('avg-pool edges divide by the kernel size (zero padding counted)', () => {
    const S = 40;
    const D = 4;
    const w = 8;
    // zero keys: uniform attention, so the windowed mean is one constant c for every prefix column
    const input = { keys: new Float32Array(S * D), queries: rnd(3, S * D), queryRows: S, seqLen: S, kvHeads: 1, qHeads: 1, headDim: D };
    const s = snapKVScores(input, w, 5);
    let c = 0;
    for (let i = 0; i < w; i++) c += 1 / (S - w + i + 1) / w;
    expect(s[10]).toBeCloseTo(c, 7);
    expect(s[0]).toBeCloseTo((3 * c) / 5, 7);
    expect(s[1]).toBeCloseTo((4 * c) / 5, 7);
    expect(s[S - w - 1]).toBeCloseTo((3 * c) / 5, 7);
  });

  it('GQA: scores are the mean of the query heads’ probabilities', () => {
    const S = 50;
    const D = 8;
    const w = 10;
    const keys = rnd(4, S * D, 2);
    const q = rnd(5, 2 * S * D, 2);
    const both = snapKVScores({ keys, queries: q, queryRows: S, seqLen: S, kvHeads: 1, qHeads: 2, headDim: D }, w, 5);
    const h0 = snapKVScores({ keys, queries: q.subarray(0, S * D), queryRows: S, seqLen: S, kvHeads: 1, qHeads: 1, headDim: D }, w, 5);
    const h1 = snapKVScores({ keys, queries: q.subarray(S * D), queryRows: S, seqLen: S, kvHeads: 1, qHeads: 1, headDim: D }, w, 5);
    for (let t = 0; t < S - w; t++) expect(both[t]).toBeCloseTo((h0[t]! + h1[t]!) / 2, 7);
  });

  it('SnapKV with S ≤ window is a typed error', () => {
    expect(() => snapKVScores({ keys: new Float32Array(64 * 4), queries: new Float32Array(64 * 4), seqLen: 64, kvHeads: 1, qHeads: 1, headDim: 4 }, 64, 5)).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT', kind: 'window' }),
    );
  });
});

describe('other eviction scores', () => {
  const S = 30;
  const D = 4;
  const base = { keys: rnd(6, S * D, 2), queries: rnd(7, S * D), queryRows: S, seqLen: S, kvHeads: 1, qHeads: 1, headDim: D };
  it('StreamingLLM keeps the sinks and the most recent tokens', () => {
    expect([...topTokens(streamingScores(base, 4), 1, S, 10)[0]!]).toEqual([0, 1, 2, 3, 24, 25, 26, 27, 28, 29]);
  });
  it('K-norm keeps the lowest-norm keys', () => {
    const keep = topTokens(knormScores(base), 1, S, 5)[0]!;
    const norm = (t: number) => Math.hypot(...base.keys.subarray(t * D, t * D + D));
    const worstKept = Math.max(...[...keep].map(norm));
    for (let t = 0; t < S; t++) if (!keep.includes(t)) expect(norm(t)).toBeGreaterThanOrEqual(worstKept);
  });
  it('TOVA scores sum to 1 (one softmax row)', () => {
    expect(tovaScores(base).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
  });
  it('Ada-KV allocates the layer budget across heads with the safeguard, real ragged lengths', () => {
    const scores = Float64Array.from({ length: 2 * 10 }, (_, i) => (i < 10 ? 10 + i : i * 0.01));
    const keep = adaKVAllocate(scores, 2, 10, 5, 0.2);
    expect(keep[0]!.length + keep[1]!.length).toBe(10);
    expect(keep[1]!.length).toBe(1);
    expect(keep[0]!.length).toBe(9);
  });
});

describe('eviction inside compressCache keeps absolute positions', () => {
  it('each kept token keeps its position and its key row', () => {
    const S = 120;
    const D = 8;
    const keys = rnd(8, 2 * S * D, 2);
    const values = rnd(9, 2 * S * D);
    const positions = Int32Array.from({ length: S }, (_, i) => 1000 + i);
    const cache = DenseKVCache.from([{ key: tensor('float32', keys, [1, 2, S, D]), value: tensor('float32', values, [1, 2, S, D]) }], positions, 1200);
    const { cache: out } = compressCache(
      { cache, geometry: { layers: 1, kvHeads: 2, qHeads: 2, headDim: D }, queries: [rnd(10, 2 * S * D)] },
      { eviction: { kind: 'snapKV', window: 16, kernel: 5 }, budget: { maxTokens: 40 } },
    );
    expect(out.nextPosition).toBe(1200);
    const layer = out.sparseLayers[0]!;
    const headPositions = layer.headPositions ?? [layer.positions, layer.positions];
    for (let g = 0; g < 2; g++) {
      const pos = headPositions[g]!;
      expect(pos.length).toBe(40);
      for (let t = S - 16; t < S; t++) expect(pos).toContain(1000 + t);
      const k = materializeKeys(layer.heads[g]!);
      for (let i = 0; i < pos.length; i++) {
        const t = pos[i]! - 1000;
        if (i > 0) expect(pos[i]).toBeGreaterThan(pos[i - 1]!);
        expect([...k.subarray(i * D, i * D + D)]).toEqual([...keys.subarray((g * S + t) * D, (g * S + t + 1) * D)]);
      }
    }
  });
});
