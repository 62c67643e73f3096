import { describe, expect, it } from 'vitest';
import { Mt19937 } from './mt19937.js';

describe('Mt19937', () => {
  it('matches CPython random.seed(42); random.random() x3', () => {
    const rng = new Mt19937(42);
    expect(rng.random()).toBe(0.6394267984578837);
    expect(rng.random()).toBe(0.025010755222666936);
    expect(rng.random()).toBe(0.27502931836911926);
  });

  it('matches CPython for seed 0 and for a seed wider than 32 bits', () => {
    // python3: random.seed(0); random.random() / random.seed(2**40 + 5); random.random()
    expect(new Mt19937(0).random()).toBe(0.8444218515250481);
    expect(new Mt19937(2 ** 40 + 5).random()).toBe(0.5043802970418443);
    expect(new Mt19937(2n ** 40n + 5n).random()).toBe(0.5043802970418443);
  });

  it('is reproducible and reseedable', () => {
    const a = new Mt19937(7);
    const first = Array.from({ length: 5 }, () => a.random());
    a.seed(7);
    expect(Array.from({ length: 5 }, () => a.random())).toEqual(first);
    expect(new Mt19937(8).random()).not.toBe(first[0]);
  });

  it('rejects non-integer seeds', () => {
    expect(() => new Mt19937(1.5)).toThrow(/integer/);
  });
});
