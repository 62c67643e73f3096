import type { MetricWarning } from './roc-auc.js';
import { checkScoredLabels } from './roc-auc.js';

/**
 * PR-AUC as average precision: AP = Σ_k (R_k − R_{k−1})·P_k over the distinct thresholds in
 * descending order, no interpolation (spec §8.1, our choice; same as scikit-learn). No positives → `null`.
 */
export function averagePrecision(scores: readonly number[], labels: readonly number[], warn?: MetricWarning): number | null {
  checkScoredLabels(scores, labels, 'averagePrecision');
  let pos = 0;
  for (const y of labels) pos += y;
  if (pos === 0) {
    warn?.(`PR-AUC undefined: no positive labels among ${labels.length}`);
    return null;
  }
  const order = scores.map((_, i) => i).sort((a, b) => scores[b]! - scores[a]!);
  let tp = 0;
  let fp = 0;
  let prevRecall = 0;
  let ap = 0;
  let i = 0;
  while (i < order.length) {
    const s = scores[order[i]!]!;
    while (i < order.length && scores[order[i]!] === s) {
      if (labels[order[i]!] === 1) tp++;
      else fp++;
      i++;
    }
    const recall = tp / pos;
    ap += (recall - prevRecall) * (tp / (tp + fp));
    prevRecall = recall;
  }
  return ap;
}

/** Precision, recall and F1 of the positive class ("nothink") when predicting 1 iff s > λ. */
export function precisionRecallAt(scores: readonly number[], labels: readonly number[], threshold: number): { precision: number | null; recall: number | null; f1: number | null } {
  checkScoredLabels(scores, labels, 'precisionRecallAt');
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (let i = 0; i < scores.length; i++) {
    const d = scores[i]! > threshold;
    if (d && labels[i] === 1) tp++;
    else if (d) fp++;
    else if (labels[i] === 1) fn++;
  }
  const precision = tp + fp > 0 ? tp / (tp + fp) : null;
  const recall = tp + fn > 0 ? tp / (tp + fn) : null;
  const f1 = precision !== null && recall !== null && precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : null;
  return { precision, recall, f1 };
}
