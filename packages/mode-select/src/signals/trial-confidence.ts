import { ReasonkitError } from '@reasonkit/core';

/**
 * How DEER turns the trial answer's token probabilities into one confidence [ref: iie-ycx/DEER]:
 * - `avg1`: (1/n)·Σ p_t
 * - `avg2`: exp((1/n)·Σ log max(p_t, 1e-10)) (geometric mean; DEER's choice for Qwen3)
 * - `min`: min p_t
 */
export type ConfidenceAggregate = 'avg1' | 'avg2' | 'min';

/** DEER's floor on probabilities before the log in `avg2`. */
export const PROB_FLOOR = 1e-10;

/** Confidence of a trial answer from its tokens' probabilities (the chosen token's, greedy = max). Empty → 0. */
export function trialConfidence(probs: readonly number[], aggregate: ConfidenceAggregate): number {
  if (probs.length === 0) return 0;
  for (const [i, p] of probs.entries()) {
    if (!(p >= 0 && p <= 1)) throw new ReasonkitError('INVALID_ARGUMENT', `trialConfidence: probability ${i} must be in [0, 1] (got ${p})`, { field: `probs.${i}` });
  }
  switch (aggregate) {
    case 'avg1':
      return probs.reduce((a, b) => a + b, 0) / probs.length;
    case 'avg2':
      return Math.exp(probs.reduce((a, p) => a + Math.log(Math.max(p, PROB_FLOOR)), 0) / probs.length);
    case 'min':
      return Math.min(...probs);
  }
}

/**
 * Stop strings of DEER's trial answer: generation stops at the first closing brace of the boxed
 * answer, in the variants DEER lists (`}`, `}\n`, `}.`, `)}`…) [ref: iie-ycx/DEER].
 */
export const DEER_TRIAL_STOPS: readonly string[] = [')}', '}.', '}\n', '}'];

/**
 * Cuts a trial answer at the first stop string (the stop itself is dropped) and reports how many
 * leading tokens it keeps, given each token's text. The probabilities of later tokens are ignored.
 */
export function truncateTrialAnswer(tokens: readonly string[], stops: readonly string[] = DEER_TRIAL_STOPS): { text: string; keep: number } {
  let text = '';
  for (let i = 0; i < tokens.length; i++) {
    const next = text + tokens[i]!;
    let cut = -1;
    for (const s of stops) {
      const at = next.indexOf(s);
      if (at >= 0 && (cut < 0 || at < cut)) cut = at;
    }
    if (cut >= 0) return { text: next.slice(0, cut), keep: cut > text.length ? i + 1 : i };
    text = next;
  }
  return { text, keep: tokens.length };
}
