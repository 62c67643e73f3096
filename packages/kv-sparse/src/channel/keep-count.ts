import { checkRatio } from '../errors/kv-sparse-error.js';

/**
 * Channels each token keeps at ratio `r`: `T = D − floor(r·D + 1e-9)` (spec §2.3; the epsilon
 * is our choice, §2.4, so that 0.29·100 = 28.999… still prunes 29 channels).
 */
export function keepCount(headDim: number, ratio: number): number {
  checkRatio(ratio, 'ratio');
  return headDim - Math.floor(ratio * headDim + 1e-9);
}
