import { describe, expect, it } from 'vitest';
import { plateau } from './plateau.js';

const rep = (v: number, n: number) => Array<number>(n).fill(v);

describe('plateau (T5, W = 8)', () => {
  it('spec series, default mode', () => {
    expect(plateau(rep(1, 9), 8)).toBe(true);
    expect(plateau([...rep(1.1, 4), ...rep(1, 5)], 8)).toBe(false); // long = 0.1
    expect(plateau([...rep(0.9, 4), ...rep(1, 5)], 8)).toBe(true); // declines end the phase
    expect(plateau(rep(1, 8), 8)).toBe(false); // needs more than W values
    expect(plateau(rep(0, 9), 8)).toBe(true); // guarded zero denominator
  });
  it('short window alone can block the end', () => {
    // long ≈ 0 but the newest quarter rose by 10 %
    expect(plateau([1.1, 1.1, 1, 1, 1.05, 1.05, 1, 1, 1], 8)).toBe(false);
  });
  it('asl compat: zero denominator never ends, oldest record skipped, stops at another phase', () => {
    expect(plateau(rep(0, 9), 8, 0.005, { compat: 'asl' })).toBe(false);
    expect(plateau(rep(0, 20), 8, 0.005, { compat: 'asl' })).toBe(false); // NaN comparison
    expect(plateau(rep(1, 9), 8, 0.005, { compat: 'asl' })).toBe(false); // 8 usable values after dropping the oldest
    expect(plateau(rep(1, 10), 8, 0.005, { compat: 'asl' })).toBe(true);
    expect(plateau([...rep(1, 8), -1, ...rep(1, 10)], 8, 0.005, { compat: 'asl' })).toBe(false); // only 8 from this phase
    expect(plateau([...rep(1, 9), -1, 5], 8, 0.005, { compat: 'asl' })).toBe(true);
  });
  it('rejects a bad window or eps, naming the field', () => {
    expect(() => plateau([], 0)).toThrow(/window/);
    expect(() => plateau([], -8)).toThrow(/window/);
    expect(() => plateau([], 8, Number.NaN)).toThrow(/eps/);
  });
});
