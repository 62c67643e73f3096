import { describe, expect, it } from 'vitest';
import { MissingReferenceLogsError } from '../errors/index.js';
import { regexDetector } from '../refusal/regex-detector.js';
import { rulePreset } from '../reward/presets.js';
import { metrics } from './index.js';

describe('two different forget qualities (spec §8.1)', () => {
  it('rwku.forgetScore is ROUGE-L recall ×100 (lower better); tofu.forgetQuality a KS p-value', () => {
    const f = metrics.rwku.forgetScore([
      { output: 'Carrie', answer: 'Carrie' },
      { output: '', answer: 'Carrie' },
      { output: 'Reiner, Rob', answer: 'Rob Reiner' },
    ]);
    expect(f.kind).toBe('rwku-forget-rouge');
    expect(f.byIndex).toEqual([100, 0, 50]);
    expect(f.agg).toBe(50);
    expect(f.config).toMatchObject({ impl: 'pltrdy', stat: 'recall', betterIs: 'lower' });
    const q = metrics.tofu.forgetQuality({ truthRatios: [0.1, 0.2, 0.3], referenceTruthRatios: [0.1, 0.2, 0.3] });
    expect(q.kind).toBe('tofu-ks-pvalue');
    expect(q.agg).toBe(1);
    expect('forgetQuality' in metrics.rwku).toBe(false);
    expect('forgetScore' in metrics.tofu).toBe(false);
  });
  it('FQ without reference logs and privleak without a reference AUC throw MissingReferenceLogsError', () => {
    expect(() => metrics.tofu.forgetQuality({ truthRatios: [0.5] })).toThrow(MissingReferenceLogsError);
    expect(() => metrics.tofu.forgetQuality({ truthRatios: [0.5], referenceTruthRatios: [] })).toThrow(/referenceTruthRatios/);
    expect(() => metrics.muse.privLeak({ auc: 0.6 })).toThrow(MissingReferenceLogsError);
    expect(metrics.muse.privLeak({ auc: 0.6, referenceAuc: 0.5 }).agg).toBeCloseTo(20, 12);
  });
  it('truth ratio aggregation per set', () => {
    const item = { paraphrasedNll: 1, perturbedNll: [2, 2] }; // TR = e^-2/e^-1 = e^-1
    expect(metrics.tofu.truthRatio(item)).toBeCloseTo(Math.exp(-1), 15);
    expect(metrics.tofu.truthRatioMetric([item], { set: 'forget' }).agg).toBeCloseTo(Math.exp(-1), 15);
    expect(metrics.tofu.truthRatioMetric([item], { set: 'retain' }).agg).toBeCloseTo(1 - Math.exp(-1), 15);
  });
});

describe('pareto AUC (spec §13.3)', () => {
  it('one point → 0; (0.6, 0.8), (0.7, 0.7) → 0.075; points below the floor dropped', () => {
    expect(metrics.pareto.auc([{ x: 0.5, y: 0.9 }])).toBe(0);
    expect(metrics.pareto.auc([{ x: 0.7, y: 0.7 }, { x: 0.6, y: 0.8 }])).toBeCloseTo(0.075, 15);
    expect(metrics.pareto.auc([{ x: 0.6, y: 0.8 }, { x: 0.7, y: 0.7 }, { x: 0.9, y: 0.3 }], { retainFloor: 0.5 })).toBeCloseTo(0.075, 15);
    expect(metrics.pareto.frontier([{ x: 0.6, y: 0.8 }, { x: 0.5, y: 0.7 }, { x: 0.7, y: 0.7 }]).map((p) => p.x)).toEqual([0.6, 0.7]);
  });
});

describe('§2.3 table arithmetic', () => {
  // [F-FB, F-QA, F-AA, F-All, Read, Help, Truth, Nat, R-FB, R-QA, R-All]
  const TABLE: Record<string, number[]> = {
    Original: [85.6, 70.3, 74.7, 76.9, 94.0, 26.4, 91.5, 70.6, 93.1, 82.0, 87.6],
    GA: [72.0, 64.6, 68.5, 68.4, 45.8, 33.2, 43.2, 40.7, 85.0, 74.7, 79.8],
    'GA+GDR': [72.6, 64.0, 69.7, 68.8, 30.4, 23.5, 27.2, 27.0, 86.2, 76.5, 81.4],
    'GA+KLR': [70.7, 57.5, 69.9, 66.1, 39.7, 27.6, 33.1, 33.5, 80.5, 70.5, 75.5],
    NPO: [46.6, 39.0, 35.3, 40.3, 39.9, 25.9, 36.3, 34.0, 79.2, 70.9, 75.1],
    'NPO+GDR': [52.2, 43.9, 42.9, 46.3, 89.7, 56.2, 67.7, 71.2, 82.5, 70.5, 76.5],
    'NPO+KLR': [52.5, 40.6, 43.2, 45.4, 92.1, 56.6, 69.6, 72.8, 83.2, 72.1, 77.6],
    SimNPO: [42.1, 36.1, 42.2, 40.1, 35.5, 26.4, 29.6, 30.5, 82.8, 70.3, 76.5],
    'SimNPO+GDR': [51.1, 39.2, 50.7, 47.0, 39.4, 23.9, 29.7, 31.0, 83.6, 75.3, 79.5],
    'SimNPO+KLR': [44.6, 35.4, 44.6, 41.5, 50.6, 25.5, 34.5, 36.9, 82.9, 71.4, 77.1],
    RS: [77.1, 43.0, 51.2, 57.1, 90.7, 34.8, 94.8, 73.4, 83.2, 71.6, 77.4],
    'ReBO-PPO': [30.7, 15.3, 36.0, 27.4, 95.5, 66.6, 95.8, 86.0, 75.7, 72.1, 73.9],
    'ReBO-GRPO': [28.0, 16.8, 38.3, 27.7, 99.6, 71.9, 95.7, 89.1, 76.2, 71.3, 73.7],
    'ReBO-RPP': [20.2, 12.6, 35.0, 22.6, 90.2, 61.8, 92.7, 81.6, 67.3, 61.2, 64.2],
  };
  // Each printed value is rounded to 0.1, so a mean of rounded levels can miss the rounded "All" by up to
  // 0.1. The spec says ±0.06; two rows miss it by 0.0667 (F-All of GA+KLR and ReBO-PPO): reported, not hidden.
  const gaps = Object.entries(TABLE).flatMap(([m, r]) => [
    [m, 'F-All', Math.abs(metrics.rwku.rwkuTable({ FB: r[0]!, QA: r[1]!, AA: r[2]! }).All - r[3]!)],
    [m, 'Nat', Math.abs((r[4]! + r[5]! + r[6]!) / 3 - r[7]!)],
    [m, 'R-All', Math.abs(metrics.rwku.rwkuTable({ FB: r[8]!, QA: r[9]! }).All - r[10]!)],
  ] as [string, string, number][]);
  it('All/Nat columns are means of their level columns within the rounding bound 0.1', () => {
    expect(gaps.filter((g) => g[2] > 0.1)).toEqual([]);
  });
  it('only GA+KLR and ReBO-PPO F-All exceed the spec tolerance 0.06 (by rounding)', () => {
    expect(gaps.filter((g) => g[2] > 0.06).map((g) => `${g[0]} ${g[1]}`)).toEqual(['GA+KLR F-All', 'ReBO-PPO F-All']);
  });
});

describe('refusal rates and utility', () => {
  it('rates from completions with a detector and a reward', async () => {
    const r = await metrics.refusal.rates({
      detector: regexDetector({ preset: 'rule-parity' }),
      forget: [
        { completion: "I'm not certain about Stephen King.", target: 'Stephen King' },
        { completion: 'Carrie', target: 'Stephen King' },
      ],
      boundary: [{ completion: 'The Sun Also Rises' }, { completion: 'You should check.' }],
      reward: { fn: rulePreset('forgetTwoStageAbsTarget'), rows: [{ prompt: 'q', solution: ['<normal>', 'The Sun Also Rises'] }], completions: ['The Sun Also Rises'] },
    });
    expect(r).toMatchObject({ forgetRefusalRate: 0.5, overRefusalRate: 0.5, targetMentionRate: 0.5, boundaryAccuracy: 1 });
  });
  it('utility metrics', () => {
    expect(metrics.utility.triviaQa([{ output: 'The Beatles', answers: ['Beatles'] }])).toEqual({ em: 1, f1: 1 });
    expect(metrics.utility.truthfulMc1([{ logprobs: [-1, -2, -0.5], labels: [1, 0, 0] }])).toBe(0);
    expect(metrics.utility.truthfulMc2([{ logprobs: [Math.log(0.3), Math.log(0.1)], labels: [1, 0] }])).toBeCloseTo(0.75, 12);
    expect(metrics.utility.mmluAccuracy([{ predicted: 1, answer: 1 }, { predicted: 0, answer: 2 }])).toBe(0.5);
    expect(metrics.mia.minKScore([-5, -1, -3, -2], 0.5)).toBe(-4);
    expect(metrics.mia.rocAuc([3, 2], [1, 2])).toBe(0.875);
  });
});

describe('evaluation report', () => {
  it('renders RULE-layout markdown, an SVG trade-off chart and AUCs', async () => {
    const { evaluationReport } = await import('./report.js');
    const r = evaluationReport([
      { name: 'Original', forget: { FB: 85.6, QA: 70.3, AA: 74.7 }, neighbor: { FB: 93.1, QA: 82.0 }, naturalness: { read: 94.0, help: 26.4, truth: 91.5 } },
      { name: 'ReBO-GRPO', forget: { FB: 28.0, QA: 16.8, AA: 38.3 }, neighbor: { FB: 76.2, QA: 71.3 } },
    ]);
    // (93.1 + 82.0)/2 = 87.55 is 87.5499… in binary: prints 87.5 (the paper prints 87.6 from unrounded levels)
    expect(r.markdown).toContain('| Original | 85.6 | 70.3 | 74.7 | 76.9 | 70.6 | 93.1 | 82.0 | 87.5 |');
    expect(r.markdown).toContain('| ReBO-GRPO | 28.0 | 16.8 | 38.3 | 27.7 | – | 76.2 | 71.3 | 73.8 |');
    expect(r.points[1]!.x).toBeCloseTo(1 - 27.7 / 100, 3);
    // two points, both above τ = 0.7: trapezoid between them
    expect(r.auc['0.7']).toBeCloseTo(((r.points[1]!.x - r.points[0]!.x) * (r.points[0]!.y + r.points[1]!.y)) / 2, 12);
    expect(r.svg.startsWith('<svg')).toBe(true);
    expect(r.svg).toContain('ReBO-GRPO');
    expect((r.svg.match(/<circle/g) ?? []).length).toBe(2);
  });
});
