import { describe, expect, it } from 'vitest';
import { mulberry32 } from '@reasonkit/core';
import { rocAuc } from '../metrics/roc-auc.js';
import { logistic } from '../signals/likelihood.js';
import { plattScale, probeFromJSON, trainProbe } from './train-probe.js';

function gaussian(rand: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}

/** Two Gaussian classes in d dims, mean separation `sep` along a random direction. */
function dataset(n: number, d: number, sep: number, seed: number) {
  // the class direction is fixed per dimension (train and test share it); samples vary with the seed
  const dirRand = mulberry32(1000 + d);
  const dir = Array.from({ length: d }, () => gaussian(dirRand));
  const rand = mulberry32(seed);
  const norm = Math.hypot(...dir);
  const xs: Float32Array[] = [];
  const ys: number[] = [];
  for (let i = 0; i < n; i++) {
    const y = rand() < 0.4 ? 1 : 0;
    xs.push(Float32Array.from(dir, (v) => ((y ? sep / 2 : -sep / 2) * v) / norm + gaussian(rand)));
    ys.push(y);
  }
  return { xs, ys };
}

/** Reference: unregularised logistic regression by Newton's method (IRLS) on standardised features. */
function newtonLogistic(xs: readonly Float32Array[], ys: readonly number[]): (x: Float32Array) => number {
  const d = xs[0]!.length + 1;
  const w = new Float64Array(d);
  const row = (x: Float32Array) => [...x, 1];
  for (let it = 0; it < 25; it++) {
    const g = new Float64Array(d);
    const H = Array.from({ length: d }, () => new Float64Array(d));
    for (let i = 0; i < xs.length; i++) {
      const r = row(xs[i]!);
      const p = logistic(r.reduce((a, v, k) => a + v * w[k]!, 0));
      for (let a = 0; a < d; a++) {
        g[a]! += (p - ys[i]!) * r[a]!;
        for (let b = 0; b < d; b++) H[a]![b]! += p * (1 - p) * r[a]! * r[b]!;
      }
    }
    for (let a = 0; a < d; a++) H[a]![a]! += 1e-8;
    // solve H·δ = g by Gaussian elimination
    const A = H.map((r, i) => [...r, g[i]!]);
    for (let c = 0; c < d; c++) {
      let p = c;
      for (let r = c + 1; r < d; r++) if (Math.abs(A[r]![c]!) > Math.abs(A[p]![c]!)) p = r;
      [A[c], A[p]] = [A[p]!, A[c]!];
      for (let r = 0; r < d; r++) {
        if (r === c) continue;
        const f = A[r]![c]! / A[c]![c]!;
        for (let k = c; k <= d; k++) A[r]![k]! -= f * A[c]![k]!;
      }
    }
    for (let a = 0; a < d; a++) w[a]! -= A[a]![d]! / A[a]![a]!;
  }
  return (x) => logistic(row(x).reduce((a, v, k) => a + v * w[k]!, 0));
}

describe('probe trainer (spec §11.2.5)', () => {
  it('separable Gaussians (d = 64) → AUC > 0.99', () => {
    const train = dataset(400, 64, 8, 1);
    const test = dataset(400, 64, 8, 2);
    const probe = trainProbe(train.xs, train.ys, { epochs: 40, seed: 1 });
    expect(rocAuc(test.xs.map((x) => probe.predict(x)[0]!), test.ys)).toBeGreaterThan(0.99);
  });

  it('noisy data: AUC within 0.02 of Newton-method logistic regression', () => {
    const train = dataset(600, 8, 1.2, 3);
    const test = dataset(2000, 8, 1.2, 4);
    const probe = trainProbe(train.xs, train.ys, { epochs: 100, seed: 2, weightDecay: 0, standardize: false });
    const ref = newtonLogistic(train.xs, train.ys);
    const ours = rocAuc(test.xs.map((x) => probe.predict(x)[0]!), test.ys)!;
    const theirs = rocAuc(test.xs.map(ref), test.ys)!;
    expect(theirs).toBeGreaterThan(0.7);
    expect(Math.abs(ours - theirs)).toBeLessThan(0.02);
  });

  it('larger α gives higher recall at 0.5', () => {
    const train = dataset(400, 8, 1.0, 5);
    const recall = (alpha: number) => {
      const p = trainProbe(train.xs, train.ys, { epochs: 30, seed: 3, alpha });
      let tp = 0;
      let pos = 0;
      for (let i = 0; i < train.xs.length; i++) {
        if (train.ys[i] !== 1) continue;
        pos++;
        if (p.predict(train.xs[i]!)[0]! > 0.5) tp++;
      }
      return tp / pos;
    };
    expect(recall(3)).toBeGreaterThan(recall(0.3));
  });

  it('same seed → identical weights; JSON round trip → identical predictions (logistic and MLP)', () => {
    const train = dataset(200, 16, 3, 6);
    for (const kind of ['logistic', 'mlp'] as const) {
      const a = trainProbe(train.xs, train.ys, { kind, epochs: 10, seed: 9 });
      const b = trainProbe(train.xs, train.ys, { kind, epochs: 10, seed: 9 });
      expect(a.toJSON()).toEqual(b.toJSON());
      const c = probeFromJSON(JSON.parse(JSON.stringify(a.toJSON())));
      for (const x of train.xs.slice(0, 20)) expect(c.predict(x)).toEqual(a.predict(x));
    }
  });

  it('regressor2 fits two pass rates', () => {
    const train = dataset(300, 8, 4, 7);
    const targets = train.ys.map((y) => [y ? 0.9 : 0.1, 0.95] as [number, number]);
    const r = trainProbe(train.xs, targets, { kind: 'regressor2', epochs: 60, seed: 1, lr: 3e-3 });
    const short = train.xs.map((x) => r.predict(x)[0]!);
    expect(rocAuc(short, train.ys)).toBeGreaterThan(0.95);
    expect(r.outputs).toBe(2);
  });

  it('Platt scaling lowers the log-loss of a mis-scaled score', () => {
    const rand = mulberry32(11);
    const s: number[] = [];
    const y: number[] = [];
    for (let i = 0; i < 1000; i++) {
      const p = rand();
      y.push(rand() < p ? 1 : 0);
      s.push(0.5 + (p - 0.5) * 0.2); // squashed toward 0.5
    }
    const logLoss = (f: (v: number) => number) => -s.reduce((a, v, i) => a + (y[i] ? Math.log(f(v)) : Math.log(1 - f(v))), 0) / s.length;
    const cal = plattScale(s, y);
    expect(logLoss(cal.apply)).toBeLessThan(logLoss((v) => v) - 0.01);
  });

  it('bad input names the field', () => {
    expect(() => trainProbe([[1, 2]], [2])).toThrow(/targets\.0|target 0/);
    expect(() => probeFromJSON({ format: 'reasonkit-probe@1', kind: 'logistic' })).toThrow(/inputSize/);
  });
});
