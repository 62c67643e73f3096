import { mulberry32 } from '@reasonkit/core';
import { describe, expect, it } from 'vitest';
import { sparkScores } from './channel-scorers.js';
import { selectChannels } from './channel-selectors.js';
import { restoreSampledDense } from './sampled-restore.js';

describe('sampled restoration (ablation)', () => {
  const rand = mulberry32(4);
  const S = 50;
  const D = 16;
  const keys = Float32Array.from({ length: S * D }, () => rand() - 0.5);
  const input = { keys, seqLen: S, headDim: D, queries: Float32Array.from({ length: 2 * 4 * D }, () => rand() - 0.5), groupSize: 2, window: 4 };
  const sc = sparkScores(input);
  const mask = selectChannels(sc, S, D, { kind: 'fixedRatio', ratio: 0.5 });
  for (const dist of ['exponential', 'normal'] as const) {
    it(`${dist}: seeded, kept entries untouched, signs kept, 'threshold' caps pruned energy at the T-th score`, () => {
      const a = restoreSampledDense(keys, sc.perToken!, mask, sc.channelNorm, S, D, { dist, cap: 'threshold', seed: 1 });
      expect(restoreSampledDense(keys, sc.perToken!, mask, sc.channelNorm, S, D, { dist, cap: 'threshold', seed: 1 })).toEqual(a);
      expect(restoreSampledDense(keys, sc.perToken!, mask, sc.channelNorm, S, D, { dist, cap: 'threshold', seed: 2 })).not.toEqual(a);
      for (let t = 0; t < S; t++) {
        const s = [...sc.perToken!.subarray(t * D, t * D + D)];
        const keptScores = s.filter((_, c) => mask[t * D + c]);
        const threshold = Math.min(...keptScores);
        for (let c = 0; c < D; c++) {
          const i = t * D + c;
          if (mask[i]) expect(a[i]).toBe(keys[i]);
          else {
            expect(Math.sign(a[i]!) || -1).toBe(keys[i]! > 0 ? 1 : -1);
            expect(a[i]! ** 2 * sc.channelNorm[c]!).toBeLessThanOrEqual(threshold * (1 + 1e-5));
          }
        }
      }
    });
  }
});
