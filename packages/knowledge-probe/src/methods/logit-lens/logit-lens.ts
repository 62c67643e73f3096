import { matvec, softmax, topK, type Tensor, type Tokenizer } from '@reasonkit/core';
import type { ProbeWeights } from '../../model/probe-model.js';
import { tokenText, type ScoredToken } from '../common.js';

/** Which rows get the final norm (spec §4.1). */
export type FinalNormMode = 'all' | 'knowmri';

/**
 * The logit lens over rows `h_0 … h_L` of one position (spec §4.1): `p_ℓ = softmax(W_U · v_ℓ)`
 * with `v_ℓ = norm(h_ℓ)` for every row (`'all'`, the standard lens) or only for the last row
 * (`'knowmri'`, what Hugging Face `hidden_states` give Know-MRI). Returns every row's distribution.
 */
export function logitLensDistributions(hidden: readonly Float32Array[], weights: Pick<ProbeWeights, 'unembedding' | 'finalNorm'>, finalNorm: FinalNormMode): Float32Array[] {
  const last = hidden.length - 1;
  return hidden.map((h, l) => softmax(matvec(weights.unembedding as Tensor<'float32'>, finalNorm === 'all' || l === last ? weights.finalNorm(h) : h)));
}

/** The `k` most probable tokens of each distribution. */
export function topTokensPerRow(probs: readonly Float32Array[], k: number, tokenizer: Tokenizer): ScoredToken[][] {
  return probs.map((p) => {
    const top = topK(p, k);
    return Array.from(top.indices, (id, i) => ({ id, text: tokenText(tokenizer, id), p: top.values[i]! }));
  });
}
