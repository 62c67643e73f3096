import { describe, expect, it } from 'vitest';
import { groupAdvantages, groupStats, passAtK } from '../reward/grpo.js';
import { fluencyScore } from '../text/fluency.js';
import { hmean } from './descriptive.js';

// Spec §13.3
describe('fixtures', () => {
  it('hmean([0.5, 0.25, 1.0]) = 0.42857142857142855', () => {
    expect(hmean([0.5, 0.25, 1.0])).toBe(0.42857142857142855);
    expect(hmean([0.5, 0])).toBe(0);
  });
  it('fluency of "the cat sat on the mat and the cat sat"', () => {
    const f = fluencyScore('the cat sat on the mat and the cat sat');
    expect(f.h2).toBeCloseTo(2.725480556997868, 14);
    expect(f.h3).toBeCloseTo(2.75, 14);
    expect(f.score).toBeCloseTo(2.741826852332623, 14);
  });
  it('GRPO group advantages', () => {
    const r = [1, 1, 1, 1, 0.5, 0.5, 0, 0];
    const st = groupStats(r);
    expect(st.mean).toBe(0.625);
    expect(st.std).toBeCloseTo(0.44320263021395917, 15);
    expect(groupStats(r, { std: 'biased' }).std).toBeCloseTo(0.414578098794425, 15);
    const a = groupAdvantages(r);
    const want = [0.8461122031400478, 0.8461122031400478, 0.8461122031400478, 0.8461122031400478, -0.28203740104668257, -0.28203740104668257, -1.410187005233413, -1.410187005233413];
    a.forEach((v, i) => expect(v).toBeCloseTo(want[i]!, 14));
    expect(groupAdvantages([0.5, 0.5, 0.5])).toEqual([0, 0, 0]);
    expect(groupStats([0.5, 0.5]).zeroVariance).toBe(true);
    expect(st.passRate).toBe(0.5);
  });
  it('pass@k', () => {
    expect(passAtK(8, 4, 1)).toBeCloseTo(0.5, 15);
    expect(passAtK(8, 0, 3)).toBe(0);
    expect(passAtK(8, 6, 3)).toBe(1);
  });
});

describe('bootstrap CI and answerability filter', () => {
  it('bootstrap percentile CI brackets the mean and is reproducible with a seeded PRNG', async () => {
    const { bootstrapMeanCi, mean } = await import('./descriptive.js');
    const { mulberry32 } = await import('@reasonkit/core');
    const xs = Array.from({ length: 50 }, (_, i) => (i % 5) / 4);
    const a = bootstrapMeanCi(xs, { random: mulberry32(3) });
    expect(a.low).toBeLessThan(mean(xs));
    expect(a.high).toBeGreaterThan(mean(xs));
    expect(bootstrapMeanCi(xs, { random: mulberry32(3) })).toEqual(a);
    expect(bootstrapMeanCi([2, 2, 2], { random: mulberry32(1) })).toEqual({ low: 2, high: 2 });
  });
  it('answerability keeps boundary items whose self-answer reaches R > 0.3 against the gold', async () => {
    const { filterItems } = await import('../synth/filters.js');
    const base = { kind: 'boundary' as const, variant: 'qa' as const, target: 'Stephen King', question: 'Who wrote Emma and other novels?' };
    const { items, report } = await filterItems(
      [
        { ...base, id: 'a', answer: 'Jane Austen', selfAnswer: 'It was Jane Austen.' },
        { ...base, id: 'b', question: 'Who painted the Mona Lisa in Florence?', answer: 'Leonardo da Vinci', selfAnswer: 'Michelangelo' },
        { ...base, id: 'c', question: 'What is the capital city of France today?', answer: 'Paris' },
      ],
      { answerability: true },
    );
    expect(items.map((i) => i.id)).toEqual(['a']);
    expect(report.failures.answerability).toEqual({ 'boundary/qa': 2 });
  });
});
