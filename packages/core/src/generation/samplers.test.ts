import { describe, expect, it } from 'vitest';
import { topKProcessor, topPProcessor } from './logits-processors.js';
import { Mt19937 } from './mt19937.js';
import { greedySampler, multinomialSampler } from './samplers.js';

describe('samplers', () => {
  it('greedy picks the argmax, ties to the lowest index', () => {
    expect(greedySampler(Float32Array.from([1, 3, 3, 2]))).toBe(1);
    expect(greedySampler(Float32Array.from([-Infinity, -Infinity]))).toBe(0);
  });

  it('multinomial follows a hand-made distribution and never picks -Infinity', () => {
    const probs = [0.5, 0.25, 0, 0.25];
    const logits = Float32Array.from(probs, Math.log);
    const sample = multinomialSampler(new Mt19937(1));
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 20000; i++) counts[sample(logits)]!++;
    expect(counts[2]).toBe(0);
    // deterministic given the seed; loose statistical bounds (±5 sigma)
    expect(counts[0]! / 20000).toBeGreaterThan(0.48);
    expect(counts[0]! / 20000).toBeLessThan(0.52);
    expect(counts[1]! / 20000).toBeGreaterThan(0.23);
    expect(counts[3]! / 20000).toBeGreaterThan(0.23);
  });

  it('uses the first draw as CPython would walk the CDF (seed 42 → u = 0.6394…)', () => {
    // u = 0.6394 falls in the second bucket of [0.5, 0.25, 0.25]
    expect(multinomialSampler(new Mt19937(42))(Float32Array.from([0.5, 0.25, 0.25], Math.log))).toBe(1);
  });

  it('target 10: topP 0.5 never samples outside the nucleus in 10,000 seeded draws', () => {
    const probs = [0.05, 0.3, 0.05, 0.25, 0.2, 0.15];
    const nucleus = new Set([1, 3]);
    const rng = new Mt19937(1234);
    const sample = multinomialSampler(rng);
    const seen = new Set<number>();
    const draws: number[] = [];
    for (let i = 0; i < 10000; i++) {
      const l = Float32Array.from(probs, Math.log);
      topPProcessor(0.5)([], l);
      const id = sample(l);
      seen.add(id);
      draws.push(id);
    }
    for (const id of seen) expect(nucleus.has(id)).toBe(true);
    expect(seen.size).toBe(2);
    // reproducible with the same seed
    const again = multinomialSampler(new Mt19937(1234));
    const redo: number[] = [];
    for (let i = 0; i < 10000; i++) {
      const l = Float32Array.from(probs, Math.log);
      topPProcessor(0.5)([], l);
      redo.push(again(l));
    }
    expect(redo).toEqual(draws);
  });

  it('topK then topP composes', () => {
    const l = Float32Array.from([0.4, 0.3, 0.2, 0.1], Math.log);
    topKProcessor(3)([], l);
    topPProcessor(0.6)([], l); // renormalised over the top 3: 0.444, 0.333 → cumulative 0.78 ≥ 0.6
    expect([...l].map((v) => v > -Infinity)).toEqual([true, true, false, false]);
  });
});
