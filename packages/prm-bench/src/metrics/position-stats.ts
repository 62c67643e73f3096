import type { BenchItem } from '../load/bench-item.js';
import { indexPredictions, type Prediction } from './prediction.js';
import { effectiveLabels } from './score-steps.js';

/** Step accuracy by relative position (step i of n falls in bin ⌊bins·i/n⌋), and the gold first-error position histogram. */
export function positionStats(
  items: readonly BenchItem[],
  predictions: Iterable<Prediction> | ReadonlyMap<string, Prediction>,
  bins = 10,
): { accuracyByPosition: (number | null)[]; firstErrorHistogram: Record<number, number> } {
  const preds = indexPredictions(predictions);
  const hit = new Array<number>(bins).fill(0);
  const tot = new Array<number>(bins).fill(0);
  const firstErrorHistogram: Record<number, number> = {};
  for (const item of items) {
    if (item.firstError0 !== null) firstErrorHistogram[item.firstError0 + 1] = (firstErrorHistogram[item.firstError0 + 1] ?? 0) + 1;
    const pred = preds.get(item.id);
    const labels = pred && pred.valid !== false ? effectiveLabels(item, pred) : undefined;
    if (!labels) continue;
    const gold = new Set(item.errorSteps1.map((e) => e - 1));
    const n = item.steps.length;
    for (let i = 0; i < Math.min(n, labels.length); i++) {
      const b = Math.min(bins - 1, Math.floor((bins * i) / n));
      tot[b]!++;
      if (labels[i] === !gold.has(i)) hit[b]!++;
    }
  }
  return { accuracyByPosition: tot.map((t, b) => (t === 0 ? null : hit[b]! / t)), firstErrorHistogram };
}
