import { describe, expect, it } from 'vitest';
import { tensor } from '../create-tensor.js';
import { fp32ToFp16 } from '../fp16.js';
import { mulberry32, randomFloats } from '../../test-utils/random-data.js';
import { topK } from './top-k.js';

/** Naive reference: full stable sort by (value desc, index asc), NaN last. */
function naiveTopK(x: Float32Array, k: number): { indices: number[]; values: number[] } {
  const idx = Array.from(x, (_, i) => i);
  const key = (v: number) => (Number.isNaN(v) ? -Infinity : v);
  idx.sort((a, b) => {
    const na = Number.isNaN(x[a]!);
    const nb = Number.isNaN(x[b]!);
    if (na !== nb) return na ? 1 : -1;
    return key(x[b]!) - key(x[a]!) || a - b;
  });
  const top = idx.slice(0, Math.min(k, x.length));
  return { indices: top, values: top.map((i) => x[i]!) };
}

describe('topK', () => {
  it('returns the k largest sorted descending with ties to the lower index', () => {
    const r = topK(new Float32Array([0.1, 0.5, 0.3, 0.5, -1, 0.3]), 4);
    expect([...r.indices]).toEqual([1, 3, 2, 5]);
    expect([...r.values]).toEqual([0.5, 0.5, 0.30000001192092896, 0.30000001192092896]);
  });

  it('matches the naive full sort on seeded random rows, with and without ties', () => {
    const rand = mulberry32(2024);
    for (let trial = 0; trial < 200; trial++) {
      const n = Math.floor(rand() * 300);
      let x = randomFloats(rand, n, -5, 5);
      if (trial % 2 === 0) x = x.map((v) => Math.round(v)); // heavy ties
      if (trial % 7 === 0 && n > 2) {
        x[0] = NaN;
        x[n - 1] = -Infinity;
      }
      const k = Math.floor(rand() * (n + 5));
      const got = topK(x, k);
      const ref = naiveTopK(x, k);
      expect([...got.indices]).toEqual(ref.indices);
      expect([...got.values]).toEqual(ref.values);
    }
  });

  it('handles a large vocabulary with small k', () => {
    const rand = mulberry32(5);
    const x = randomFloats(rand, 32_000, -10, 10);
    const got = topK(x, 40);
    const ref = naiveTopK(x, 40);
    expect([...got.indices]).toEqual(ref.indices);
  });

  it('handles k = 0, k beyond the row, NaN rows and tensors', () => {
    expect(topK(new Float32Array([1, 2]), 0).indices.length).toBe(0);
    expect([...topK(new Float32Array([1, 2]), 10).indices]).toEqual([1, 0]);
    expect([...topK(new Float32Array([NaN, 1, NaN]), 3).indices]).toEqual([1, 0, 2]);
    const h = tensor('float16', fp32ToFp16(new Float32Array([1, 4, 2])), [1, 3]);
    expect([...topK(h, 2).indices]).toEqual([1, 2]);
    expect(() => topK(new Float32Array(3), -1, 'logits')).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT', message: 'logits: k must be a non-negative integer but is -1' }),
    );
    expect(() => topK(new Float32Array(3), 1.5)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});
