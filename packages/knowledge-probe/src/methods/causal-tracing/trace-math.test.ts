import { describe, expect, it } from 'vitest';
import { populationStd } from '../../math/stats.js';
import { drawNoise, gaussian, parseNoiseLevel, windowRange } from './trace-math.js';

describe('causal-tracing math', () => {
  it('window ranges of spec §9.5', () => {
    for (let l = 0; l < 5; l++) expect(windowRange(l, 10, 5)).toEqual([0, 1, 2, 3, 4]);
    expect([0, 1, 2, 3, 4].map((l) => windowRange(l, 2, 5))).toEqual([[0], [0, 1], [1, 2], [2, 3], [3, 4]]);
    expect(windowRange(0, 9, 12)).toEqual([0, 1, 2, 3, 4]);
    expect(windowRange(6, 9, 12)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(windowRange(11, 9, 12)).toEqual([7, 8, 9, 10, 11]);
  });
  it('population std (ddof 0), by hand', () => {
    expect(populationStd([1, 3])).toBe(1);
    expect(populationStd([2, 4, 4, 4, 5, 5, 7, 9])).toBe(2);
  });
  it('seeded Gaussian draws repeat per seed and have unit variance', () => {
    const a = drawNoise(parseNoiseLevel('s1'), 1, 20000, 7);
    expect(drawNoise(parseNoiseLevel('s1'), 1, 20000, 7)).toEqual(a);
    expect(drawNoise(parseNoiseLevel('s1'), 1, 10, 8)).not.toEqual(a.subarray(0, 10));
    expect(populationStd(a)).toBeCloseTo(1, 1);
    const g = gaussian(3);
    expect(Number.isFinite(g())).toBe(true);
  });
  it('noise levels', () => {
    expect(parseNoiseLevel('s3')).toEqual({ kind: 'gaussian', scale: 3, relative: true });
    expect(parseNoiseLevel('u0.5')).toEqual({ kind: 'uniform', scale: 0.5 });
    expect(parseNoiseLevel(0.2)).toEqual({ kind: 'gaussian', scale: 0.2, relative: false });
    expect(() => parseNoiseLevel('m')).toThrow(/noiseLevel/);
    const u = drawNoise(parseNoiseLevel('u0.5'), 0, 1000, 1);
    expect(Math.max(...u)).toBeLessThanOrEqual(0.5);
    expect(Math.min(...u)).toBeGreaterThanOrEqual(-0.5);
  });
});
