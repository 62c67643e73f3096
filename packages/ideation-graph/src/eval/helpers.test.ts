import { describe, expect, it } from 'vitest';
import { diversityOfVectors, estimateCost, judgeAuc } from './helpers.js';

describe('helpers (T11)', () => {
  it('judgeAuc', () => {
    expect(judgeAuc([0.9, 0.8, 0.3, 0.2], [1, 0, 1, 0])).toBe(0.75);
    expect(judgeAuc([0.5, 0.5, 0.5], [1, 0, 1])).toBe(0.5);
  });
  it('diversity of (1,0), (0,1), (1,0) = 0.666667', () => {
    const v = (a: number, b: number) => Float32Array.from([a, b]);
    expect(diversityOfVectors([[v(1, 0), v(0, 1), v(1, 0)]])).toBeCloseTo(0.666667, 6);
  });
  it('estimateCost: 7 entrants × 100 topics × 5 rounds × 3 dims × 2 orders = 9,000 judge calls', () => {
    expect(estimateCost({ tournament: { entrants: 7, topics: 100, rounds: 5, dims: 3 } }).tournament).toBe(9000);
  });
});
