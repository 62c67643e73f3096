import type { BenchItem } from '../load/bench-item.js';
import type { MetricMode } from './prediction.js';

/** Per-item confusion counts. Positive class = "step is correct" [spec §3.2, pitfall 1]. */
export interface Confusion {
  tp: number;
  fp: number;
  tn: number;
  fn: number;
  /** 1 when the first gold error is labelled false, 0 when labelled true, null when it has no label. */
  firstErrorHit: 0 | 1 | null;
  /** Labels scored. */
  scored: number;
  /** Gold error indices beyond the steps (ignored in both modes). */
  ignoredGoldErrors: number;
  /** Labels beyond the steps (official: scored as gold-correct; strict: cut). */
  extraLabels: number;
  /** Steps without a label (never scored). */
  missingLabels: number;
}

/**
 * Confusion counts of one item. `official` follows the upstream loop over **labels**
 * (ssmisya/PRMBench `prmtest_classified/task.py`): gold indices ≥ len(labels) are ignored, labels
 * past the last step count as gold-correct steps, first-error accuracy is defined when the
 * smallest gold index (in range or not) has a label. `strict` aligns labels to steps instead.
 */
export function confusion(item: Pick<BenchItem, 'steps' | 'errorSteps1'>, labels: readonly boolean[], mode: MetricMode): Confusion {
  const nSteps = item.steps.length;
  const gold: number[] = [];
  let minGold = Infinity;
  let minInRange = Infinity;
  let ignoredGoldErrors = 0;
  for (const e of item.errorSteps1) {
    const i = e - 1;
    gold.push(i);
    if (i < minGold) minGold = i;
    if (i < nSteps) {
      if (i < minInRange) minInRange = i;
    } else ignoredGoldErrors++;
  }
  const limit = mode === 'official' ? labels.length : Math.min(labels.length, nSteps);
  let tp = 0;
  let fp = 0;
  let tn = 0;
  let fn = 0;
  for (let i = 0; i < limit; i++) {
    const predCorrect = labels[i] === true;
    if (gold.includes(i)) {
      if (predCorrect) fp++;
      else tn++;
    } else if (predCorrect) tp++;
    else fn++;
  }
  const first = mode === 'official' ? minGold : minInRange;
  const firstErrorHit: 0 | 1 | null = first < limit ? (labels[first] === false ? 1 : 0) : null;
  return {
    tp,
    fp,
    tn,
    fn,
    firstErrorHit,
    scored: limit,
    ignoredGoldErrors,
    extraLabels: Math.max(0, labels.length - nSteps),
    missingLabels: Math.max(0, nSteps - labels.length),
  };
}
