import { ReasonkitError } from '@reasonkit/core';

/** Called with a human-readable message when a metric is undefined on its input. */
export type MetricWarning = (message: string) => void;

/** Checks that scores and labels are parallel, finite, and labels are 0/1. */
export function checkScoredLabels(scores: readonly number[], labels: readonly number[], what: string): void {
  if (scores.length !== labels.length) {
    throw new ReasonkitError('INVALID_ARGUMENT', `${what}: ${scores.length} scores but ${labels.length} labels`, { field: 'labels' });
  }
  for (let i = 0; i < scores.length; i++) {
    if (!Number.isFinite(scores[i])) throw new ReasonkitError('INVALID_ARGUMENT', `${what}: score ${i} is not finite`, { field: `scores.${i}`, record: i });
    if (labels[i] !== 0 && labels[i] !== 1) throw new ReasonkitError('INVALID_ARGUMENT', `${what}: label ${i} must be 0 or 1 (got ${labels[i]})`, { field: `labels.${i}`, record: i });
  }
}

/**
 * Average ranks (1-based) of `values`, ties sharing the mean of their ranks. O(n log n).
 */
export function averageRanks(values: readonly number[]): Float64Array {
  const order = values.map((_, i) => i).sort((a, b) => values[a]! - values[b]!);
  const ranks = new Float64Array(values.length);
  let i = 0;
  while (i < order.length) {
    let j = i;
    while (j + 1 < order.length && values[order[j + 1]!] === values[order[i]!]) j++;
    const avg = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) ranks[order[k]!] = avg;
    i = j + 1;
  }
  return ranks;
}

/**
 * ROC-AUC of `scores` for positive `labels` (1), by the rank-sum (Mann–Whitney U) formula with
 * average ranks, so ties count ½ (spec §8.1). One class only → `null` and a warning (never NaN).
 */
export function rocAuc(scores: readonly number[], labels: readonly number[], warn?: MetricWarning): number | null {
  checkScoredLabels(scores, labels, 'rocAuc');
  let pos = 0;
  for (const y of labels) pos += y;
  const neg = labels.length - pos;
  if (pos === 0 || neg === 0) {
    warn?.(`ROC-AUC undefined: ${pos === 0 ? 'no positive' : 'no negative'} labels among ${labels.length}`);
    return null;
  }
  const ranks = averageRanks(scores);
  let sumPos = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] === 1) sumPos += ranks[i]!;
  return (sumPos - (pos * (pos + 1)) / 2) / (pos * neg);
}
