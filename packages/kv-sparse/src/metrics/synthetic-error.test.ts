// Spec §13 target 7: on the seeded synthetic fixture, E1 and the §10 ordering property.
import { describe, expect, it } from 'vitest';
import { attentionError } from './attention-error.js';
import { type RestoreVariant, restoreVariant } from './restore-variants.js';
import { syntheticHead } from './synthetic-fixture.js';

function meanRelErr(r: number): Record<RestoreVariant, number> {
  const out: Record<RestoreVariant, number> = { think: 0, tokenZero: 0, tokenConst: 0, sparkMean: 0 };
  const seeds = [1, 2, 3];
  for (const seed of seeds) {
    const h = syntheticHead(seed, { seqLen: 1024, headDim: 128, groupSize: 4, window: 32 });
    for (const v of Object.keys(out) as RestoreVariant[]) {
      const kh = restoreVariant(v, h.keys, h.seqLen, h.headDim, h.windowQueries, h.groupSize, h.window, r);
      for (let g = 0; g < h.groupSize; g++) {
        out[v] += attentionError(h.decodeQueries.subarray(g * 128, g * 128 + 128), h.keys, kh, h.values, h.seqLen, 128).relErr / (seeds.length * h.groupSize);
      }
    }
  }
  return out;
}

describe('synthetic attention error (E1 and the ordering property)', () => {
  it('r = 0.5: sparkMean < token-zero < ThinK, and sparkMean ≤ 0.6× token-zero', () => {
    const e = meanRelErr(0.5);
    expect(e.sparkMean).toBeLessThan(e.tokenZero);
    expect(e.tokenZero).toBeLessThan(e.think);
    expect(e.sparkMean).toBeLessThanOrEqual(0.6 * e.tokenZero);
  });
  it('r = 0.8: sparkMean ≤ 0.8× both token-zero and ThinK', () => {
    const e = meanRelErr(0.8);
    expect(e.sparkMean).toBeLessThanOrEqual(0.8 * Math.min(e.tokenZero, e.think));
  });
});
