import { describe, expect, it } from 'vitest';
import type { InstanceOutcome } from './metrics.js';
import { computeMetrics, percentile, stepAccuracy } from './metrics.js';
import { renderUsageTable } from './report.js';
import type { BenchmarkRecord } from './run-benchmark.js';
import { outcomesOf } from './run-benchmark.js';

const base = { valid: true, status: 'valid', executablePrefix: 2, planLength: 2, goalSatisfied: 1 };

describe('p95 and step accuracy (spec §5.7 "also report")', () => {
  it('nearest-rank percentile', () => {
    expect(percentile(Array.from({ length: 20 }, (_, i) => i + 1), 0.95)).toBe(19); // ⌈19⌉-th
    expect(percentile([3, 1, 2], 0.95)).toBe(3); // ⌈2.85⌉ = 3rd
    expect(percentile([5], 0.95)).toBe(5);
    expect(percentile([1, 2, 3, 4], 0.5)).toBe(2);
    expect(percentile([], 0.95)).toBeNaN();
  });
  it('step accuracy counts gold positions with the same action', () => {
    expect(stepAccuracy(['(a)', '(x)', '(c)'], ['(a)', '(b)', '(c)', '(d)'])).toBe(0.5);
    expect(stepAccuracy(['(Pick-Up  a)'], ['(pick-up a)'])).toBe(1);
    expect(stepAccuracy(['(b)', '(a)'], ['(a)', '(b)'])).toBe(0); // a shifted plan scores 0: not a validity measure
    expect(stepAccuracy([], [])).toBe(1);
    expect(stepAccuracy(['(a)'], [])).toBe(0);
  });
  it('computeMetrics: usage mean / p95, step accuracy, extraction rate, skipped lines', () => {
    const outs: InstanceOutcome[] = [
      { ...base, plan: ['(a)', '(b)'], goldPlan: ['(a)', '(b)'], llmCalls: 1, tokens: 100, wallMs: 5, skippedLines: 0 },
      { ...base, plan: ['(a)', '(c)'], goldPlan: ['(a)', '(b)'], llmCalls: 2, tokens: 200, wallMs: 5, skippedLines: 1 },
      { ...base, valid: false, status: 'goal', plan: [], goldPlan: ['(a)'], llmCalls: 3, tokens: 300, wallMs: 5, skippedLines: 2 },
      { ...base, plan: ['(z)'], llmCalls: 10, tokens: 1000, wallMs: 50 },
    ];
    const m = computeMetrics(outs);
    expect(m.stepAccuracy).toBeCloseTo((1 + 0.5 + 0) / 3, 12);
    expect(m.extractionRate).toBe(0.75);
    expect(m.skippedLines).toBe(3);
    expect(m.usage.llmCalls).toEqual({ mean: 4, p95: 10 });
    expect(m.usage.tokens).toEqual({ mean: 400, p95: 1000 });
    expect(m.usage.wallMs).toEqual({ mean: 16.25, p95: 50 });
    expect(m.usage.expansions).toBeNull();
    const t = renderUsageTable([{ label: 'x', metrics: m }]);
    expect(t).toContain('step acc. (not a validity measure)');
    expect(t).toContain('| x | 0.500 | 0.750 | 3 | 4 / 10 | 400 / 1000 | 16.3 / 50 | – |');
  });
  it('without the optional fields the extras are null (old records still work)', () => {
    const m = computeMetrics([{ ...base }]);
    expect(m.stepAccuracy).toBeNull();
    expect(m.extractionRate).toBeNull();
    expect(m.usage).toEqual({ llmCalls: null, tokens: null, wallMs: null, expansions: null });
  });
  it('outcomesOf carries plan, gold plan, usage, wall ms and expansions from records', () => {
    const rec: BenchmarkRecord = {
      id: 'p1',
      promptHash: '0',
      raw: [],
      plan: ['(a)'],
      skippedLines: ['junk'],
      report: { valid: true, status: 'valid', cost: 1, executablePrefix: 1, planLength: 1, goalSatisfied: 1, message: '' },
      goldPlan: ['(a)'],
      expansions: 7,
      usage: { llmCalls: 2, promptTokens: 30, completionTokens: 12 },
      wallMs: 9,
    };
    const [o] = outcomesOf([rec]);
    expect(o).toMatchObject({ plan: ['(a)'], goldPlan: ['(a)'], skippedLines: 1, llmCalls: 2, tokens: 42, wallMs: 9, expansions: 7 });
  });
});
