import type { BenchItem } from '../load/bench-item.js';
import { indexPredictions, type Prediction } from './prediction.js';
import { effectiveLabels } from './score-steps.js';

/** How many steps after the first error a scorer flags one. */
export interface DetectionDelay {
  /** delay (p − e) → items; p = first step labelled false, e = first in-range gold error (both 1-based). */
  histogram: Record<number, number>;
  meanDelay: number | null;
  /** Items with a gold error but no step labelled false / items with a gold error and a valid result. */
  missedRate: number | null;
  considered: number;
  missed: number;
}

/** Error-detection delay [our definition, spec §3.6]: negative = flagged too early. */
export function detectionDelay(items: readonly BenchItem[], predictions: Iterable<Prediction> | ReadonlyMap<string, Prediction>): DetectionDelay {
  const preds = indexPredictions(predictions);
  const histogram: Record<number, number> = {};
  let considered = 0;
  let missed = 0;
  let sum = 0;
  let found = 0;
  for (const item of items) {
    if (item.firstError0 === null) continue;
    const pred = preds.get(item.id);
    const labels = pred && pred.valid !== false ? effectiveLabels(item, pred) : undefined;
    if (!labels) continue;
    considered++;
    const p = labels.slice(0, item.steps.length).indexOf(false);
    if (p < 0) {
      missed++;
      continue;
    }
    const d = p - item.firstError0;
    histogram[d] = (histogram[d] ?? 0) + 1;
    sum += d;
    found++;
  }
  return { histogram, meanDelay: found === 0 ? null : sum / found, missedRate: considered === 0 ? null : missed / considered, considered, missed };
}

/**
 * PRMBench similarity (upstream `evaluate_function`): for every modified item whose raw `idx` has
 * a scored correct twin (`correct:<idx>`, built from the `redundency` record of that idx), across
 * all classes, |mean(labels) − mean(twin labels)|, averaged. As upstream: the item's labels are the
 * ones scored (redundancy labels inverted for `redundency` / `circular`), an item with no labels is
 * skipped, and a twin whose mean is 0 is skipped (upstream tests it for truthiness).
 */
export function similarity(items: readonly BenchItem[], predictions: Iterable<Prediction> | ReadonlyMap<string, Prediction>): number | null {
  const preds = indexPredictions(predictions);
  const acc = (xs: readonly boolean[]) => (xs.length === 0 ? -1 : xs.reduce((s, x) => s + (x ? 1 : 0), 0) / xs.length);
  const twinAcc = new Map<string, number>();
  for (const item of items) {
    if (!item.twin) continue;
    const p = preds.get(item.id);
    const labels = p && p.valid !== false ? effectiveLabels(item, p) : undefined;
    if (labels) twinAcc.set(item.id, acc(labels));
  }
  let sum = 0;
  let n = 0;
  for (const item of items) {
    if (item.twin) continue;
    const p = preds.get(item.id);
    const labels = p && p.valid !== false ? effectiveLabels(item, p) : undefined;
    if (!labels) continue;
    const twin = twinAcc.get(`correct:${item.id.slice(item.id.indexOf(':') + 1)}`);
    const a = acc(labels);
    if (!twin || a === -1) continue;
    sum += Math.abs(a - twin);
    n++;
  }
  return n === 0 ? null : sum / n;
}
