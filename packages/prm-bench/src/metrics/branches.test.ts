import { describe, expect, it } from 'vitest';
import type { BenchItem } from '../load/bench-item.js';
import { detectionDelay, similarity } from './detection-delay.js';
import { positionStats } from './position-stats.js';
import { predictedFirstError, processBenchScore } from './processbench-score.js';
import { scoreAll, scoreSteps } from './score-steps.js';

// Every branch of metrics/: groupings, macro aggregation, empty and degenerate inputs.
const item = (id: string, n: number, err: number[], extra: Partial<BenchItem> = {}): BenchItem => ({
  id,
  benchmark: 'socratic',
  question: 'q',
  steps: Array.from({ length: n }, (_, i) => `s${i}`),
  errorSteps1: err,
  firstError0: err.length ? err[0]! - 1 : null,
  category: id.split(':')[0]!,
  lang: 'en',
  warnings: [],
  ...extra,
});
const T = true;
const F = false;

describe('metric groupings and aggregation', () => {
  const items = [
    item('counterfactual:1', 3, [2], { group: 'soundness', split: 'math' }),
    item('confidence:1', 2, [1], { group: 'soundness' }),
    item('circular:1', 2, [2], { group: 'simplicity', split: 'gsm8k' }),
    item('premise_redundancy:1', 2, [2], { pattern: 'Deduction' }),
    item('zz_unknown:1', 2, [1]),
  ];
  const preds = [
    { itemId: 'counterfactual:1', labels: [T, F, T] },
    { itemId: 'confidence:1', labels: [F, T] },
    { itemId: 'circular:1', labels: [T, T] },
    { itemId: 'premise_redundancy:1', labels: [T, F] },
    { itemId: 'zz_unknown:1', labels: [T, T] },
  ];
  it('groups by PRMBench group and by split; items without one are left out', () => {
    expect(Object.keys(scoreSteps(items, preds, { groupBy: 'group' }))).toEqual(['soundness', 'simplicity']);
    expect(scoreSteps(items, preds, { groupBy: 'group' }).soundness!.n).toBe(2);
    expect(Object.keys(scoreSteps(items, preds, { groupBy: 'split' }))).toEqual(['math', 'gsm8k']);
    expect(Object.keys(scoreSteps(items, preds, { groupBy: 'pattern' }))).toEqual(['Deduction']);
  });
  it('macro: group of several categories (each counted once), overall over categories, all-null metrics stay null', () => {
    const twice = [...items, item('confidence:2', 2, [1], { group: 'soundness' })];
    const m = scoreSteps(twice, [...preds, { itemId: 'confidence:2', labels: [F, T] }], { groupBy: 'group', aggregate: 'macro' });
    expect(m.soundness!.n).toBe(3);
    expect(m.soundness!.prmScore).toBeCloseTo((1 + 1) / 2, 12);
    const o = scoreSteps([...items, item('correct:1', 2, [], { twin: true })], preds, { aggregate: 'macro', maxMissing: 10 }).overall!;
    expect(o.n).toBe(5);
    const nulls = scoreSteps([item('a:1', 2, [])], [{ itemId: 'a:1', labels: [T, T] }], { mode: 'strict', groupBy: 'pattern', aggregate: 'macro' });
    expect(nulls).toEqual({});
    const strictMacro = scoreSteps([item('a:1', 2, [], { pattern: 'Regather' })], [{ itemId: 'a:1', labels: [T, T] }], { mode: 'strict', groupBy: 'pattern', aggregate: 'macro' });
    expect(strictMacro.Regather!.f1Neg).toBeNull();
    expect(strictMacro.Regather!.validityRate).toBe(1);
  });
  it('scoreAll: defaults, macro, taxonomy order with unknown keys last, empty input', () => {
    const all = scoreAll(items, preds);
    expect(Object.keys(all.byCategory)).toEqual(['premise_redundancy', 'counterfactual', 'confidence', 'circular', 'zz_unknown']);
    expect(scoreAll(items, preds, { aggregate: 'macro' }).byPattern.Deduction!.n).toBe(1);
    const empty = scoreAll([], []);
    expect(empty.overall).toMatchObject({ n: 0, validityRate: null, prmScore: -2 * 0.5 });
    expect(scoreAll([], [], { mode: 'strict' }).overall.prmScore).toBeNull();
  });
  it('the missing-results error truncates a long id list', () => {
    const many = Array.from({ length: 25 }, (_, i) => item(`c:${i}`, 1, []));
    expect(() => scoreSteps(many, [])).toThrow(/25 items have no result .*c:19, …$/);
  });
});

describe('delay, similarity, positions and ProcessBench edge cases', () => {
  it('skips invalid and missing predictions and empty label lists', () => {
    const items = [item('redundency:p', 2, [1]), item('correct:p', 2, [], { twin: true }), item('correct:z', 2, [], { twin: true }), item('x:q', 3, [1]), item('x:r', 2, [])];
    const preds = [
      { itemId: 'redundency:p', labels: [] as boolean[] },
      { itemId: 'correct:p', labels: [T, F] },
      { itemId: 'x:q', labels: [F, T, T], valid: false },
    ];
    expect(similarity(items, preds)).toBeNull();
    expect(detectionDelay(items, preds).considered).toBe(1);
    const pos = positionStats(items, preds, 4);
    expect(pos.accuracyByPosition).toEqual([1, null, 0, null]);
    expect(pos.firstErrorHistogram).toEqual({ 1: 2 });
  });
  it('ProcessBench: invalid or label-less predictions never match; a split without error samples; no items', () => {
    expect(predictedFirstError(undefined)).toBeNull();
    expect(predictedFirstError({ itemId: 'a', valid: false, firstError: 1 })).toBeNull();
    expect(predictedFirstError({ itemId: 'a' })).toBeNull();
    const items = [item('x:1', 2, []), item('x:2', 2, [])];
    const r = processBenchScore(items, [{ itemId: 'x:1', labels: [T, T] }]);
    expect(r.perSplit.x).toMatchObject({ errorAcc: 0, correctAcc: 50, f1: 0, degenerate: false, errorCount: 0, correctCount: 2 });
    expect(processBenchScore([], [])).toEqual({ perSplit: {}, avgF1: 0 });
  });
});
