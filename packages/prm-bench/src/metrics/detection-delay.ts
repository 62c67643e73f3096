import type { BenchItem } from '../load/bench-item.js';
import { indexPredictions, type Prediction } from './prediction.js';
import { effectiveLabels } from './score-steps.js';

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
 * PRMBench similarity: mean over every modified item whose raw `idx` has a scored correct twin
 * (`correct:<idx>`, built from the `redundency` record of that idx) of |mean(labels) − mean(twin
 * labels)| (upstream `model_response_acc` difference). Twins are matched by raw idx across all
 * classes, not only `redundency`: this reproduces the reference value 0.0235284443 of spec §11.3
 * (restricting to `redundency` gives 0.0370) [checked against the reference value].
 */
export function similarity(items: readonly BenchItem[], predictions: Iterable<Prediction> | ReadonlyMap<string, Prediction>): number | null {
  const preds = indexPredictions(predictions);
  const byId = new Map(items.map((i) => [i.id, i]));
  const mean = (xs: readonly boolean[]) => xs.reduce((s, x) => s + (x ? 1 : 0), 0) / xs.length;
  let sum = 0;
  let n = 0;
  for (const item of items) {
    if (item.twin) continue;
    const twinId = `correct:${item.id.slice(item.id.indexOf(':') + 1)}`;
    if (!byId.has(twinId)) continue;
    const a = preds.get(item.id);
    const b = preds.get(twinId);
    if (!a?.labels || !b?.labels || a.valid === false || b.valid === false || a.labels.length === 0 || b.labels.length === 0) continue;
    sum += Math.abs(mean(a.labels) - mean(b.labels));
    n++;
  }
  return n === 0 ? null : sum / n;
}
