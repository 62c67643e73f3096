import { sparkScores, thinkScores } from '../channel/channel-scorers.js';
import { selectChannels } from '../channel/channel-selectors.js';
import { type Restorer, restoreDense } from '../channel/restorers.js';

/** The compared key restorations of one head at ratio r (spec §12 table): restored `[S, D]` keys. */
export type RestoreVariant = 'think' | 'tokenZero' | 'tokenConst' | 'sparkMean';

/** Restored keys of `variant` at ratio `r` for one head with window queries `[G, W, D]`. */
export function restoreVariant(variant: RestoreVariant, keys: Float32Array, S: number, D: number, windowQueries: Float32Array, G: number, W: number, r: number): Float32Array {
  const input = { keys, seqLen: S, headDim: D, queries: windowQueries, groupSize: G, window: W };
  if (variant === 'think') {
    const sc = thinkScores(input);
    return restoreDense(keys, selectChannels(sc, S, D, { kind: 'structured', ratio: r }), sc.channelNorm, { kind: 'zero' }, S, D);
  }
  const sc = sparkScores(input);
  const mask = selectChannels(sc, S, D, { kind: 'fixedRatio', ratio: r });
  const restorer: Restorer = variant === 'tokenZero' ? { kind: 'zero' } : variant === 'tokenConst' ? { kind: 'constant', eps: 0.01, sign: 'stored' } : { kind: 'sparkMean', sign: 'stored' };
  return restoreDense(keys, mask, sc.channelNorm, restorer, S, D);
}
