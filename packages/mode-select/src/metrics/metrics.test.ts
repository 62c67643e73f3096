import { describe, expect, it } from 'vitest';
import { mulberry32 } from '@reasonkit/core';
import { averagePrecision } from './average-precision.js';
import { brierScore, calibrationBin, expectedCalibrationError } from './calibration.js';
import { rocAuc } from './roc-auc.js';
import { constrainedRandomRate, oracleDecisions, oracleGapClosure, randomAtRate, routedMetrics, type ModeOutcome } from './routed-metrics.js';
import { operatingPoint, paretoFront, thresholdSweep } from './pareto.js';
import { mean, sampleStd } from './stats.js';

const close = (a: number | null, b: number) => expect(Math.abs((a ?? NaN) - b)).toBeLessThan(1e-9);

describe('classifier metrics (spec §11.1, hand-computed)', () => {
  it('ROC-AUC cases', () => {
    close(rocAuc([0.9, 0.8, 0.2, 0.1], [1, 1, 0, 0]), 1);
    close(rocAuc([0.5, 0.5, 0.5, 0.5], [1, 0, 1, 0]), 0.5);
    close(rocAuc([0.9, 0.8, 0.8, 0.3], [1, 1, 0, 0]), 0.875);
    close(rocAuc([0.2, 0.6, 0.6, 0.6, 0.9], [0, 1, 0, 1, 1]), 5 / 6);
  });

  it('ROC-AUC with one class is null with a warning, never NaN', () => {
    const warnings: string[] = [];
    expect(rocAuc([0.1, 0.7], [1, 1], (w) => warnings.push(w))).toBeNull();
    expect(warnings[0]).toMatch(/no negative/);
  });

  it('rank-sum AUC equals the O(n²) pairwise definition on 2,000 tied scores', () => {
    const rand = mulberry32(7);
    const s = Array.from({ length: 2000 }, () => Math.floor(rand() * 20) / 20);
    const y = s.map((v) => (rand() < 0.3 + 0.5 * v ? 1 : 0));
    let num = 0;
    let pairs = 0;
    for (let i = 0; i < s.length; i++) {
      if (y[i] !== 1) continue;
      for (let j = 0; j < s.length; j++) {
        if (y[j] !== 0) continue;
        pairs++;
        num += s[i]! > s[j]! ? 1 : s[i] === s[j] ? 0.5 : 0;
      }
    }
    expect(Math.abs(rocAuc(s, y)! - num / pairs)).toBeLessThan(1e-12);
  });

  it('ECE and Brier cases', () => {
    close(expectedCalibrationError([0.25, 0.25, 0.25, 0.25], [1, 0, 0, 0]), 0);
    close(expectedCalibrationError([0.15, 0.15, 0.85, 0.85], [0, 1, 1, 1]), 0.25);
    close(brierScore([0.15, 0.15, 0.85, 0.85], [0, 1, 1, 1]), 0.1975);
    close(expectedCalibrationError([0.05, 0.95, 0.05, 0.95], [0, 1, 0, 1]), 0.05);
    close(brierScore([0.05, 0.95, 0.05, 0.95], [0, 1, 0, 1]), 0.0025);
  });

  it('ECE bin edges: 0.1 → bin 1, 1.0 → bin 9, 0 → bin 0', () => {
    expect(calibrationBin(0.1)).toBe(1);
    expect(calibrationBin(1.0)).toBe(9);
    expect(calibrationBin(0)).toBe(0);
    // a score of exactly 1.0 shares bin 9 with 0.95: |mean y − mean s| over both
    close(expectedCalibrationError([0.95, 1.0], [1, 1]), 0.025);
  });

  it('average precision', () => {
    close(averagePrecision([0.9, 0.8, 0.8, 0.3], [1, 1, 0, 0]), 5 / 6);
  });
});

const toy: ModeOutcome[] = [
  { yNoThink: 1, yThink: 1, lenNoThink: 100, lenThink: 1000 },
  { yNoThink: 0, yThink: 1, lenNoThink: 150, lenThink: 2000 },
  { yNoThink: 1, yThink: 0, lenNoThink: 120, lenThink: 3000 },
  { yNoThink: 0, yThink: 1, lenNoThink: 80, lenThink: 1500 },
];

describe('routed toy set (spec §11.1)', () => {
  it('routed metrics at d = [1, 0, 1, 1]', () => {
    const m = routedMetrics(toy, [1, 0, 1, 1]);
    close(m.routedAcc, 0.75);
    close(m.avgTokens, 575);
    close(m.cr!, 0.306666666666667);
    close(m.saved!, 0.693333333333333);
    close(m.deltaAcc, 0);
    close(m.noThinkRate, 0.75);
    const think = routedMetrics(toy, [0, 0, 0, 0]);
    close(think.routedAcc, 0.75);
    close(think.avgTokens, 1875);
  });

  it('oracle, random and oracle-gap closure', () => {
    expect(oracleDecisions(toy)).toEqual([1, 0, 1, 0]);
    const o = routedMetrics(toy, oracleDecisions(toy));
    close(o.routedAcc, 1);
    close(o.avgTokens, 930);
    close(o.saved!, 0.504);
    const r = randomAtRate(toy, 0.75);
    close(r.acc, 0.5625);
    close(r.avgTokens, 553.125);
    close(constrainedRandomRate(toy), 0.04);
    close(randomAtRate(toy, 0.04).saved!, 0.0376);
    close(oracleGapClosure(toy, routedMetrics(toy, [1, 0, 1, 1]).saved), (0.693333333333333333 - 0.0376) / (0.504 - 0.0376));
    // the spec prints G rounded to six decimals
    expect(oracleGapClosure(toy, routedMetrics(toy, [1, 0, 1, 1]).saved)).toBeCloseTo(1.405946, 6);
  });

  it('threshold sweep, Pareto front and operating point', () => {
    const s = [0.9, 0.2, 0.7, 0.5];
    const sweep = thresholdSweep(toy, s);
    expect(sweep.map((p) => p.threshold)).toEqual([0.9, 0.7, 0.5, 0.2, 0]);
    // λ = 0.5 → d = [1, 0, 1, 0] (the oracle)
    const at05 = sweep.find((p) => p.threshold === 0.5)!;
    close(at05.routedAcc, 1);
    close(at05.avgTokens, 930);
    // the sweep equals routedMetrics at each threshold
    for (const p of sweep) {
      const m = routedMetrics(toy, s.map((v) => (v > p.threshold ? 1 : 0)));
      close(p.routedAcc, m.routedAcc);
      close(p.avgTokens, m.avgTokens);
    }
    const front = paretoFront(sweep);
    for (let i = 1; i < front.length; i++) expect(front[i]!.routedAcc).toBeGreaterThan(front[i - 1]!.routedAcc);
    const op = operatingPoint(sweep, 0.01)!;
    // all-nothink (λ = 0) has acc 0.5 (ΔAcc −0.25), λ = 0.2 gives d = [1, 0, 1, 1]: ΔAcc 0, saved 0.6933
    expect(op.threshold).toBe(0.2);
    close(op.saved!, 0.693333333333333);
  });

  it('sample standard deviation', () => {
    close(sampleStd([1, 2, 3, 4])!, Math.sqrt(5 / 3));
    expect(sampleStd([1])).toBeNull();
    expect(mean([])).toBeNull();
  });
});
