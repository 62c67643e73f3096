import { describe, expect, it } from 'vitest';
import { reciprocalRankFusion, seededSample } from './store-helpers.js';

describe('seededSample', () => {
  it('30,000 single draws from 300 ids pass chi-square (p > 0.01)', () => {
    const ids = Array.from({ length: 300 }, (_, i) => i);
    const counts = new Array<number>(300).fill(0);
    for (let s = 0; s < 30_000; s++) counts[seededSample(ids, 1, s)[0] as number]! += 1;
    const chi = counts.reduce((acc, c) => acc + (c - 100) ** 2 / 100, 0);
    // df = 299: 0.99 quantile of chi-square(299) ≈ 359.9 (Wilson–Hilferty).
    expect(chi).toBeLessThan(359.9);
  });
  it('draws without replacement, deterministic by seed', () => {
    const ids = Array.from({ length: 50 }, (_, i) => i);
    const a = seededSample(ids, 50, 9);
    expect(new Set(a).size).toBe(50);
    expect(seededSample(ids, 10, 9)).toEqual(a.slice(0, 10));
  });
  it('reciprocal-rank fusion', () => {
    const r = reciprocalRankFusion([[{ id: 1 }, { id: 2 }], [{ id: 2 }, { id: 3 }]], 3);
    expect(r.map((x) => x.id)).toEqual([2, 1, 3]);
    expect(r[0]?.score).toBeCloseTo(1 / 62 + 1 / 61, 12);
  });
});
