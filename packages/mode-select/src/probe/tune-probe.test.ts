import { mulberry32 } from '@reasonkit/core';
import { describe, expect, it } from 'vitest';
import { REFERENCE_PROBE_GRID, splitIds, tuneProbe } from './tune-probe.js';

// 60 questions × 3 rows; label = [x0 + 0.5·x1 > 0] with a little noise-free margin.
function data(seed = 1) {
  const rand = mulberry32(seed);
  const features: Float32Array[] = [];
  const labels: number[] = [];
  const ids: string[] = [];
  for (let q = 0; q < 60; q++) {
    for (let r = 0; r < 3; r++) {
      const x = Float32Array.from({ length: 6 }, () => rand() * 2 - 1);
      features.push(x);
      labels.push(x[0]! + 0.5 * x[1]! > 0 ? 1 : 0);
      ids.push(`q${q}`);
    }
  }
  return { features, labels, ids };
}

describe('tuneProbe', () => {
  it('the default grid is the reference grid: 3 × 3 × 3 × 8 = 216 configurations', () => {
    const n = REFERENCE_PROBE_GRID.lr.length * REFERENCE_PROBE_GRID.hidden.length * REFERENCE_PROBE_GRID.weightDecay.length * REFERENCE_PROBE_GRID.alpha.length;
    expect(n).toBe(216);
  });

  it('splits by question id (seeded, 20% held out), never putting one id on both sides', () => {
    const { ids } = data();
    const a = splitIds(ids, 0.2, 7);
    const b = splitIds(ids, 0.2, 7);
    expect([...a.val]).toEqual([...b.val]);
    expect(a.val.size).toBe(12);
    expect(a.train.size).toBe(48);
    for (const id of a.val) expect(a.train.has(id)).toBe(false);
    expect([...splitIds(ids, 0.2, 8).val].sort()).not.toEqual([...a.val].sort());
  });

  it('tries every configuration and keeps the one with the best validation accuracy', () => {
    const { features, labels, ids } = data();
    const progress: number[] = [];
    const r = tuneProbe(features, labels, ids, {
      grid: { lr: [1e-5, 5e-2], hidden: [0, 4], weightDecay: [0.01], alpha: [1] },
      epochs: 30,
      batchSize: 16,
      onProgress: (p) => progress.push(p.done),
    });
    expect(r.trials).toHaveLength(4);
    expect(progress).toEqual([1, 2, 3, 4]);
    expect(r.best.valAccuracy).toBe(Math.max(...r.trials.map((t) => t.valAccuracy)));
    expect(r.best.config.lr).toBe(5e-2);
    expect(r.best.valAccuracy).toBeGreaterThan(0.9);
    // the tiny learning rate barely moves in 30 epochs
    const slow = r.trials.find((t) => t.config.lr === 1e-5 && t.config.hidden === 0)!;
    expect(slow.valAccuracy).toBeLessThan(r.best.valAccuracy);
    // the returned probe is the best one: its validation accuracy is reproduced
    const valRows = ids.flatMap((id, i) => (r.valIds.includes(id) ? [i] : []));
    const acc = valRows.filter((i) => Number(r.probe.predict(features[i]!)[0]! >= 0.5) === labels[i]).length / valRows.length;
    expect(acc).toBeCloseTo(r.best.valAccuracy, 12);
    expect(r.probe.kind).toBe(r.best.config.hidden === 0 ? 'logistic' : 'mlp');
  });

  it('select: "auc" keeps the best validation ROC-AUC', () => {
    const { features, labels, ids } = data(2);
    const r = tuneProbe(features, labels, ids, { grid: { lr: [1e-5, 5e-2], hidden: [0], weightDecay: [0.01], alpha: [1, 2] }, epochs: 20, select: 'auc' });
    expect(r.best.valAuc).toBe(Math.max(...r.trials.map((t) => t.valAuc ?? -1)));
  });

  it('rejects mismatched lengths, non-binary labels, a single id and a bad grid', () => {
    const { features, labels, ids } = data();
    expect(() => tuneProbe(features, labels.slice(1), ids)).toThrow(/labels/);
    expect(() => tuneProbe(features, labels, ids.slice(1))).toThrow(/ids/);
    expect(() => tuneProbe(features, labels.map(() => 0.5), ids)).toThrow(/label 0 must be 0 or 1/);
    expect(() => tuneProbe(features, labels, ids.map(() => 'q'))).toThrow(/2 distinct question ids/);
    expect(() => tuneProbe(features, labels, ids, { grid: { lr: [] } })).toThrow(/tuneProbe options/);
  });
});
