// Spec §2.8 worked example (hand-computed golden values) and §13 targets 1–2.
import { mulberry32 } from '@reasonkit/core';
import { describe, expect, it } from 'vitest';
import { magnitudeScores, sparkChannelNorm, sparkScores, thinkScores } from './channel-scorers.js';
import { selectChannels } from './channel-selectors.js';
import { keepCount } from './keep-count.js';
import { restoreDense, restoreStats } from './restorers.js';

const D = 4;
const S = 3;
// Q_0 rows then Q_1 rows: [G=2, W=2, D=4]
const queries = Float32Array.from([2, 2, 3, 2, 2, 0, 1, 1, 0, 6, -3, 2, -2, 0, 1, -1]);
const keys = Float32Array.from([2, -1, 1, -0.5, 0.5, 1, -3, -0.25, 0, 3, 0.5, -1]);
const input = { keys, seqLen: S, headDim: D, queries, groupSize: 2, window: 2 };
const close = (actual: ArrayLike<number>, expected: number[], tol = 1e-6) => {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) expect(Math.abs(actual[i]! - expected[i]!), `index ${i}: ${actual[i]} vs ${expected[i]}`).toBeLessThanOrEqual(tol);
};
const keptSets = (mask: Uint8Array, s: number, d: number) =>
  Array.from({ length: s }, (_, t) => [...Array(d).keys()].filter((c) => mask[t * d + c] === 1));

describe('SparK golden example (spec §2.8)', () => {
  it('qn is the L2 norm of the signed GQA mean, not of averaged squares', () => {
    const qn = sparkChannelNorm(queries, 2, 2, D);
    close(qn, [1, 4, 1, 2]);
    // the wrong variant, sqrt(mean_g Σ_w Q_g[w,c]²), gives [2.449, 4.472, 3.162, 2.236]
    const wrong = [0, 1, 2, 3].map((c) => {
      let ss = 0;
      for (let i = 0; i < 4; i++) ss += queries[i * D + c]! ** 2;
      return Math.sqrt(ss / 2);
    });
    close(wrong, [2.449490, 4.472136, 3.162278, 2.236068]);
    for (let c = 0; c < D; c++) expect(Math.abs(qn[c]! - wrong[c]!)).toBeGreaterThan(0.2);
  });

  it('scores s = k²·qn', () => {
    close(sparkScores(input).perToken!, [4, 4, 1, 0.5, 0.25, 4, 9, 0.125, 0, 36, 0.25, 2]);
  });

  it('fixedRatio(0.5) keeps {0,1}, {1,2}, {1,3}', () => {
    const mask = selectChannels(sparkScores(input), S, D, { kind: 'fixedRatio', ratio: 0.5 });
    expect(keptSets(mask, S, D)).toEqual([[0, 1], [1, 2], [1, 3]]);
  });

  it('sparkMean gives a_t and k̂, with the zero key restored negative', () => {
    const sc = sparkScores(input);
    const mask = selectChannels(sc, S, D, { kind: 'fixedRatio', ratio: 0.5 });
    close(restoreStats(keys, mask, sc.channelNorm, S, D), [0.75, 0.1875, 0.125]);
    const kh = restoreDense(keys, mask, sc.channelNorm, { kind: 'sparkMean', sign: 'stored' }, S, D);
    close(kh, [2, -1, 0.866025, -0.612372, 0.433013, 1, -3, -0.306186, -0.353553, 3, 0.353553, -1]);
    expect(kh[8]).toBeLessThan(0);
    // energy of the pruned part per token is preserved: totals 1.5, 0.375, 0.25
    const qn = sc.channelNorm;
    for (const [t, e] of [1.5, 0.375, 0.25].entries()) {
      let before = 0;
      let after = 0;
      for (let c = 0; c < D; c++) {
        if (mask[t * D + c]) continue;
        before += keys[t * D + c]! ** 2 * qn[c]!;
        after += kh[t * D + c]! ** 2 * qn[c]!;
      }
      expect(before).toBeCloseTo(e, 6);
      expect(after).toBeCloseTo(e, 6);
    }
  });

  it('decode logits for q = [1,1,1,1]: SparK, dense and zero fill', () => {
    const sc = sparkScores(input);
    const mask = selectChannels(sc, S, D, { kind: 'fixedRatio', ratio: 0.5 });
    const dot = (k: Float32Array) => [0, 1, 2].map((t) => k[t * D]! + k[t * D + 1]! + k[t * D + 2]! + k[t * D + 3]!);
    close(dot(restoreDense(keys, mask, sc.channelNorm, { kind: 'sparkMean', sign: 'stored' }, S, D)), [1.253653, -1.873174, 2.0]);
    close(dot(keys), [1.5, -1.75, 2.5]);
    close(dot(restoreDense(keys, mask, sc.channelNorm, { kind: 'zero' }, S, D)), [1, -2, 2]);
  });

  it('ThinK scores channels [4.25, 36.6667, 17.0833, 1.09375] and prunes {0, 3} for all tokens', () => {
    const th = thinkScores(input);
    close(th.perChannel!, [4.25, 36.666667, 17.083333, 1.09375], 1e-5);
    const mask = selectChannels(th, S, D, { kind: 'structured', ratio: 0.5 });
    expect(keptSets(mask, S, D)).toEqual([[1, 2], [1, 2], [1, 2]]);
  });

  it('tie case: s = [4,1,1,0.5] keeps {0,1} (lower index wins) and a = 0.75, not the reference 0.5', () => {
    // k² · qn with qn = 1: keys sqrt of the scores
    const k = Float32Array.from([2, 1, 1, Math.SQRT1_2]);
    const sc = magnitudeScores({ keys: k, seqLen: 1, headDim: 4, groupSize: 1, window: 0 });
    close(sc.perToken!, [4, 1, 1, 0.5]);
    const mask = selectChannels(sc, 1, 4, { kind: 'fixedRatio', ratio: 0.5 });
    expect(keptSets(mask, 1, 4)).toEqual([[0, 1]]);
    close(restoreStats(k, mask, sc.channelNorm, 1, 4), [0.75]);
  });
});

describe('SparK invariants (spec §13 target 2)', () => {
  it('T = D − floor(r·D + 1e-9)', () => {
    const cases: [number, number, number][] = [
      [8, 0.5, 4], [8, 0.8, 2], [8, 0.29, 6],
      [64, 0.5, 32], [64, 0.8, 13], [64, 0.29, 46],
      [100, 0.5, 50], [100, 0.8, 20], [100, 0.29, 71],
      [128, 0.5, 64], [128, 0.8, 26], [128, 0.29, 91],
    ];
    for (const [d, r, t] of cases) expect(keepCount(d, r), `D=${d} r=${r}`).toBe(t);
  });

  for (const d of [8, 128]) {
    it(`energy preservation to 1e-5 relative on 1,000 seeded tokens, D = ${d}, and r = 0 is the identity`, () => {
      const rand = mulberry32(17 + d);
      const n = 1000;
      const k = Float32Array.from({ length: n * d }, () => (rand() - 0.5) * 4 * (rand() < 0.05 ? 8 : 1));
      const q = Float32Array.from({ length: 2 * 8 * d }, () => rand() - 0.5);
      const inp = { keys: k, seqLen: n, headDim: d, queries: q, groupSize: 2, window: 8 };
      const sc = sparkScores(inp);
      for (const r of [0.5, 0.8]) {
        const mask = selectChannels(sc, n, d, { kind: 'fixedRatio', ratio: r });
        const kh = restoreDense(k, mask, sc.channelNorm, { kind: 'sparkMean', sign: 'stored' }, n, d);
        let worst = 0;
        for (let t = 0; t < n; t++) {
          let before = 0;
          let after = 0;
          for (let c = 0; c < d; c++) {
            if (mask[t * d + c]) continue;
            before += k[t * d + c]! ** 2 * sc.channelNorm[c]!;
            after += kh[t * d + c]! ** 2 * sc.channelNorm[c]!;
          }
          worst = Math.max(worst, Math.abs(after - before) / (before + 1e-30));
        }
        expect(worst, `r = ${r}`).toBeLessThanOrEqual(1e-5);
      }
      const mask0 = selectChannels(sc, n, d, { kind: 'fixedRatio', ratio: 0 });
      expect(restoreDense(k, mask0, sc.channelNorm, { kind: 'sparkMean', sign: 'stored' }, n, d)).toEqual(k);
    });
  }
});
