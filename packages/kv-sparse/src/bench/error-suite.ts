import { attentionError } from '../metrics/attention-error.js';
import { type RestoreVariant, restoreVariant } from '../metrics/restore-variants.js';
import { syntheticHead } from '../metrics/synthetic-fixture.js';

/** Mean attention error per (variant, r) on the seeded synthetic fixture (spec §12 E1). */
export interface ErrorRow {
  ratio: number;
  variant: RestoreVariant;
  relErr: number;
  kl: number;
  top10: number;
  logitRmse: number;
}

export function errorSuite(seeds = [1, 2, 3, 4, 5], seqLen = 2048): ErrorRow[] {
  const variants: RestoreVariant[] = ['think', 'tokenZero', 'tokenConst', 'sparkMean'];
  const rows: ErrorRow[] = [];
  for (const ratio of [0.5, 0.8]) {
    for (const variant of variants) {
      const acc = { relErr: 0, kl: 0, top10: 0, logitRmse: 0 };
      let n = 0;
      for (const seed of seeds) {
        const h = syntheticHead(seed, { seqLen, headDim: 128, groupSize: 4, window: 32 });
        const kh = restoreVariant(variant, h.keys, h.seqLen, 128, h.windowQueries, 4, 32, ratio);
        for (let g = 0; g < 4; g++) {
          const e = attentionError(h.decodeQueries.subarray(g * 128, (g + 1) * 128), h.keys, kh, h.values, h.seqLen, 128);
          acc.relErr += e.relErr;
          acc.kl += e.kl;
          acc.top10 += e.top10;
          acc.logitRmse += e.logitRmse;
          n++;
        }
      }
      rows.push({ ratio, variant, relErr: acc.relErr / n, kl: acc.kl / n, top10: acc.top10 / n, logitRmse: acc.logitRmse / n });
    }
  }
  return rows;
}
