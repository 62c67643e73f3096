import { describe, expect, it } from 'vitest';
import type { BenchItem } from '../load/bench-item.js';
import { confusion } from './confusion.js';
import type { Prediction } from './prediction.js';
import { processBenchScore } from './processbench-score.js';
import { scoreSteps } from './score-steps.js';

// Hand-computed cases of spec §11.1 (official mode unless stated).
const T = true;
const F = false;
function item(id: string, nSteps: number, errorSteps1: number[], extra: Partial<BenchItem> = {}): BenchItem {
  return { id, benchmark: 'socratic', question: 'q', steps: Array.from({ length: nSteps }, (_, i) => `s${i}`), errorSteps1, firstError0: null, category: 'c', lang: 'en', warnings: [], ...extra };
}
const overall = (items: BenchItem[], preds: Prediction[], mode: 'official' | 'strict' = 'official') => scoreSteps(items, preds, { mode, maxMissing: 5 }).overall!;

describe('hand-computed metric cases (spec §11.1)', () => {
  it('A: [3,4], T,T,F,T,F → 2/1/1/1, PRM-Score 0.583333', () => {
    const m = overall([item('a', 5, [3, 4])], [{ itemId: 'a', labels: [T, T, F, T, F] }]);
    expect([m.tp, m.fp, m.tn, m.fn]).toEqual([2, 1, 1, 1]);
    expect(m.f1).toBeCloseTo(2 / 3, 9);
    expect(m.f1Neg).toBeCloseTo(0.5, 9);
    expect(m.prmScore).toBeCloseTo(0.583333333, 9);
    expect(m.correctStepAcc).toBeCloseTo(2 / 3, 9);
    expect(m.wrongStepAcc).toBeCloseTo(0.5, 9);
    expect(m.firstErrorAcc).toBe(1);
    const s = overall([item('a', 5, [3, 4])], [{ itemId: 'a', labels: [T, T, F, T, F] }], 'strict');
    expect(s.prmScore).toBeCloseTo(0.583333333, 9);
  });

  it('B: out-of-range gold index 5 is ignored (2/0/1/0, PRM-Score 1); strict reports it', () => {
    const m = overall([item('b', 3, [2, 5])], [{ itemId: 'b', labels: [T, F, T] }]);
    expect([m.tp, m.fp, m.tn, m.fn]).toEqual([2, 0, 1, 0]);
    expect(m.f1).toBe(1);
    expect(m.f1Neg).toBe(1);
    expect(m.prmScore).toBe(1);
    const s = overall([item('b', 3, [2, 5])], [{ itemId: 'b', labels: [T, F, T] }], 'strict');
    expect(s.ignoredGoldErrors).toBe(1);
    expect(s.prmScore).toBe(1);
  });

  it('C: an extra label on 2 steps counts as a gold-correct step (1/0/1/1, 0.666667); strict cuts it', () => {
    const m = overall([item('c', 2, [2])], [{ itemId: 'c', labels: [T, F, F] }]);
    expect([m.tp, m.fp, m.tn, m.fn]).toEqual([1, 0, 1, 1]);
    expect(m.f1).toBeCloseTo(2 / 3, 9);
    expect(m.f1Neg).toBeCloseTo(2 / 3, 9);
    expect(m.prmScore).toBeCloseTo(0.666666667, 9);
    const s = overall([item('c', 2, [2])], [{ itemId: 'c', labels: [T, F, F] }], 'strict');
    expect([s.tp, s.fp, s.tn, s.fn]).toEqual([1, 0, 1, 0]);
    expect(s.extraLabels).toBe(1);
    expect(s.prmScore).toBe(1);
  });

  it('D: truncated labels → F1_neg −1 and PRM-Score 0 (official); null in strict; first-error undefined', () => {
    const m = overall([item('d', 5, [4])], [{ itemId: 'd', labels: [T, T] }]);
    expect([m.tp, m.fp, m.tn, m.fn]).toEqual([2, 0, 0, 0]);
    expect(m.f1).toBe(1);
    expect(m.f1Neg).toBe(-1);
    expect(m.prmScore).toBe(0);
    expect(m.firstErrorAcc).toBe(-1);
    const s = overall([item('d', 5, [4])], [{ itemId: 'd', labels: [T, T] }], 'strict');
    expect(s.f1).toBe(1);
    expect(s.f1Neg).toBeNull();
    expect(s.prmScore).toBeNull();
    expect(s.firstErrorAcc).toBeNull();
    expect(s.missingLabels).toBe(3);
  });

  it('E: pooling, not the mean of per-sample scores (0.533333, not 0.458333)', () => {
    const items = [item('a', 5, [3, 4]), item('e', 2, [1])];
    const preds = [
      { itemId: 'a', labels: [T, T, F, T, F] },
      { itemId: 'e', labels: [T, T] },
    ];
    const m = overall(items, preds);
    expect([m.tp, m.fp, m.tn, m.fn]).toEqual([3, 2, 1, 1]);
    expect(m.f1).toBeCloseTo(2 / 3, 9);
    expect(m.f1Neg).toBeCloseTo(0.4, 9);
    expect(m.prmScore).toBeCloseTo(0.533333333, 9);
    const perSample = (overall([items[0]!], [preds[0]!]).prmScore! + overall([items[1]!], [preds[1]!]).prmScore!) / 2;
    expect(perSample).toBeCloseTo(0.458333333, 9);
  });

  it('F: sentinel arithmetic nP = −1, nR = 0 → F1_neg = −0, PRM-Score 0.333333', () => {
    const m = overall([item('f', 2, [1])], [{ itemId: 'f', labels: [T, T] }]);
    expect([m.tp, m.fp, m.tn, m.fn]).toEqual([1, 1, 0, 0]);
    expect(m.negPrecision).toBe(-1);
    expect(m.negRecall).toBe(0);
    expect(m.f1Neg === 0).toBe(true); // ±0: (2·−1·0)/(−1)
    expect(m.prmScore).toBeCloseTo(0.333333333, 9);
  });

  it('G: an invalid result is dropped in official mode, leaves scores unchanged, lowers the validity rate', () => {
    const items = [item('a', 5, [3, 4]), item('g', 3, [1])];
    const base = overall([items[0]!], [{ itemId: 'a', labels: [T, T, F, T, F] }]);
    const m = overall(items, [
      { itemId: 'a', labels: [T, T, F, T, F] },
      { itemId: 'g', labels: [F, F, F], valid: false },
    ]);
    expect(m.prmScore).toBe(base.prmScore);
    expect(m.validityRate).toBe(0.5);
    expect(base.validityRate).toBe(1);
    const strict = scoreSteps(items, [{ itemId: 'a', labels: [T, T, F, T, F] }, { itemId: 'g', labels: [], valid: false }], { mode: 'strict', invalid: 'all-negative' }).overall!;
    expect([strict.tp, strict.fp, strict.tn, strict.fn]).toEqual([2, 1, 2, 3]);
  });

  it('official mode throws naming the ids when 5 or more items have no result, tolerates 4', () => {
    const items = Array.from({ length: 6 }, (_, i) => item(`x${i}`, 2, [1]));
    expect(() => scoreSteps(items, [{ itemId: 'x0', labels: [T, F] }])).toThrow(/5 items have no result.*x1, x2, x3, x4, x5/);
    expect(scoreSteps(items, [{ itemId: 'x0', labels: [T, F] }, { itemId: 'x1', labels: [T, F] }]).overall!.missing).toBe(4);
  });

  it('confusion: first-error hit uses the smallest gold index even when it is beyond the steps (official)', () => {
    expect(confusion(item('z', 2, [3]), [T, T, F], 'official').firstErrorHit).toBe(1);
    expect(confusion(item('z', 2, [3]), [T, T, F], 'strict').firstErrorHit).toBeNull();
  });

  it('redundancy labels replace validity labels, inverted, only for redundency / circular', () => {
    const r = item('redundency:1', 3, [2], { category: 'redundency' });
    const c = item('confidence:1', 3, [2], { category: 'confidence' });
    const pred = (id: string): Prediction => ({ itemId: id, labels: [T, T, T], redundancyLabels: [F, T, F] });
    expect(overall([r], [pred('redundency:1')]).tn).toBe(1);
    expect(overall([c], [pred('confidence:1')]).tn).toBe(0);
  });

  it('macro aggregation averages sub-category metrics; pooled sums counts', () => {
    const items = [item('a', 5, [3, 4], { category: 'p1', pattern: 'Deduction' }), item('e', 2, [1], { category: 'p2', pattern: 'Deduction' })];
    const preds = [
      { itemId: 'a', labels: [T, T, F, T, F] },
      { itemId: 'e', labels: [T, T] },
    ];
    expect(scoreSteps(items, preds, { groupBy: 'pattern', aggregate: 'macro' }).Deduction!.prmScore).toBeCloseTo(0.458333333, 9);
    expect(scoreSteps(items, preds, { groupBy: 'pattern' }).Deduction!.prmScore).toBeCloseTo(0.533333333, 9);
  });
});

describe('ProcessBench metric (spec §11.1 unit case)', () => {
  const pb = (id: string, label: number): BenchItem => ({ ...item(id, 4, label >= 0 ? [label + 1] : []), split: 'gsm8k', category: 'gsm8k', benchmark: 'processbench' });
  it('error_acc 33.333…, correct_acc 50, F1 40', () => {
    const items = [pb('e1', 2), pb('e2', 0), pb('e3', 1), pb('c1', -1), pb('c2', -1)];
    const preds: Prediction[] = [
      { itemId: 'e1', firstError: 2 },
      { itemId: 'e2', firstError: 1 },
      { itemId: 'e3', firstError: null },
      { itemId: 'c1', firstError: -1 },
      { itemId: 'c2', firstError: 3 },
    ];
    const r = processBenchScore(items, preds);
    expect(r.perSplit.gsm8k!.errorAcc).toBeCloseTo(100 / 3, 9);
    expect(r.perSplit.gsm8k!.correctAcc).toBeCloseTo(50, 9);
    expect(r.perSplit.gsm8k!.f1).toBeCloseTo(40, 9);
    expect(r.avgF1).toBeCloseTo(40, 9);
  });
  it('labels give the earliest false as the prediction; both accuracies 0 → F1 0, degenerate', () => {
    const items = [pb('e1', 1), pb('c1', -1)];
    const r = processBenchScore(items, [
      { itemId: 'e1', labels: [T, T, F] },
      { itemId: 'c1', labels: [F, T] },
    ]);
    expect(r.perSplit.gsm8k).toMatchObject({ errorAcc: 0, correctAcc: 0, f1: 0, degenerate: true });
    const ok = processBenchScore(items, [
      { itemId: 'e1', labels: [T, F, F] },
      { itemId: 'c1', labels: [T, T] },
    ]);
    expect(ok.perSplit.gsm8k!.f1).toBe(100);
  });
});
