import { describe, expect, it } from 'vitest';
import type { BenchItem } from '../load/bench-item.js';
import { calibrateThreshold } from '../scorers/calibrate-threshold.js';
import { exportPrmBenchResults } from '../run/run-benchmark.js';
import { detectionDelay, similarity } from './detection-delay.js';
import { positionStats } from './position-stats.js';
import { toFirstError } from './prediction.js';
import { scoreSteps } from './score-steps.js';

const item = (id: string, n: number, err: number[], extra: Partial<BenchItem> = {}): BenchItem => ({
  id,
  benchmark: 'prmbench',
  question: 'q',
  steps: Array.from({ length: n }, (_, i) => `s${i}`),
  errorSteps1: err,
  firstError0: err.length ? Math.min(...err.filter((e) => e <= n)) - 1 : null,
  category: id.split(':')[0]!,
  lang: 'en',
  warnings: [],
  ...extra,
});

describe('detection delay, similarity, positions', () => {
  it('delay = first flagged − first gold error; missed when nothing is flagged', () => {
    const items = [item('a:1', 5, [3]), item('a:2', 5, [2]), item('a:3', 4, [4]), item('a:4', 3, [])];
    const d = detectionDelay(items, [
      { itemId: 'a:1', labels: [true, true, true, false, true] },
      { itemId: 'a:2', labels: [false, true, true, true, true] },
      { itemId: 'a:3', labels: [true, true, true, true] },
      { itemId: 'a:4', labels: [false, true, true] },
    ]);
    expect(d.histogram).toEqual({ 1: 1, '-1': 1 });
    expect(d.meanDelay).toBe(0);
    expect(d.missedRate).toBeCloseTo(1 / 3, 12);
    expect(detectionDelay(items, []).meanDelay).toBeNull();
  });

  it('similarity pairs every item with the correct twin of its raw idx; twins with mean 0 are skipped as upstream', () => {
    const items = [item('redundency:p0', 4, [2], { category: 'redundency' }), item('circular:p0', 2, [1], { category: 'circular' }), item('correct:p0', 4, [], { category: 'correct', twin: true }), item('confidence:p1', 2, [1])];
    const preds = [
      { itemId: 'redundency:p0', labels: [true, false, true, true] },
      { itemId: 'circular:p0', labels: [true, true] },
      { itemId: 'correct:p0', labels: [true, true, true, false] },
      { itemId: 'confidence:p1', labels: [true, false] },
    ];
    expect(similarity(items, preds)).toBeCloseTo((0 + 0.25) / 2, 12);
    expect(similarity(items, preds.map((p) => (p.itemId === 'correct:p0' ? { ...p, labels: [false, false, false, false] } : p)))).toBeNull();
    // twins are scored under their own category, never in overall
    expect(scoreSteps(items, preds, { groupBy: 'category' }).correct!.n).toBe(1);
    expect(scoreSteps(items, preds).overall!.n).toBe(3);
  });

  it('accuracy by relative position and the gold first-error histogram', () => {
    const items = [item('a:1', 2, [2]), item('a:2', 4, [1])];
    const s = positionStats(items, [
      { itemId: 'a:1', labels: [true, true] },
      { itemId: 'a:2', labels: [false, true, false, true] },
    ], 2);
    expect(s.accuracyByPosition).toEqual([3 / 3, 1 / 3]);
    expect(s.firstErrorHistogram).toEqual({ 1: 1, 2: 1 });
    expect(toFirstError([true, false, false])).toBe(1);
    expect(toFirstError([true])).toBe(-1);
  });

  it('calibrateThreshold picks the best threshold on the calibration split', () => {
    const items = [item('gsm8k:1', 3, [2], { split: 'gsm8k' }), item('gsm8k:2', 3, [], { split: 'gsm8k' }), item('math:1', 3, [1], { split: 'math' })];
    const results = new Map([
      ['gsm8k:1', { valid: true, scores: [0.9, 0.3, 0.2] }],
      ['gsm8k:2', { valid: true, scores: [0.8, 0.7, 0.6] }],
      ['math:1', { valid: true, scores: [0.1, 0.1, 0.1] }],
    ]);
    const r = calibrateThreshold(items, results, { on: 'gsm8k', metric: 'processbench-f1', grid: [0.1, 0.5, 0.65, 0.75] });
    expect(r).toEqual({ threshold: 0.5, value: 100 });
    expect(calibrateThreshold(items, results, { on: 'gsm8k', metric: 'prm-score', grid: [0.5, 0.95] }).threshold).toBe(0.5);
  });

  it('exportPrmBenchResults writes upstream result lines', () => {
    const items = [item('redundency:p0', 2, [2]), item('correct:p0', 2, [], { twin: true, category: 'correct' })];
    const text = exportPrmBenchResults(items, {
      predictions: [
        { itemId: 'redundency:p0', scorerId: 's', cached: false, result: { valid: true, scores: [0.9, -0.2] }, labels: [true, false], redundancyLabels: [false, true] },
        { itemId: 'correct:p0', scorerId: 's', cached: false, result: { valid: false } },
      ],
    });
    const [a, b] = text.trim().split('\n').map((l) => JSON.parse(l));
    expect(a).toEqual({ idx: 'redundency_p0', classification: 'redundency', scores: { step_level_validity_labels: [true, false], step_level_redundancy_labels: [false, true], step_level_validity_scores: [0.9, -0.2] }, validity: true });
    expect(b).toMatchObject({ idx: 'correct_p0', validity: false });
  });
});
