/** Step labels of one item, as the metrics see them (true = step judged correct). */
export interface Prediction {
  itemId: string;
  /** One label per step; may be shorter or longer than the steps. */
  labels?: boolean[];
  /** PRMBench redundancy labels (true = redundant); replace validity labels, inverted, for `redundency` / `circular`. */
  redundancyLabels?: boolean[];
  /** False: an invalid result (parse or request failure); official mode drops it. Default true. */
  valid?: boolean;
  /** ProcessBench-style critics: predicted earliest error (0-based) or −1, null when unparseable. Default: from `labels`. */
  firstError?: number | null;
}

/** Scoring mode: `official` reproduces the official scorer exactly; `strict` aligns labels to steps (see the README). */
export type MetricMode = 'official' | 'strict';

/** Index of predictions by item id (the last prediction of an id wins). */
export function indexPredictions(preds: Iterable<Prediction> | ReadonlyMap<string, Prediction>): ReadonlyMap<string, Prediction> {
  if (preds instanceof Map) return preds as ReadonlyMap<string, Prediction>;
  const map = new Map<string, Prediction>();
  for (const p of preds as Iterable<Prediction>) map.set(p.itemId, p);
  return map;
}

/** Earliest step labelled false, 0-based, or −1 when none (ProcessBench's prediction from labels). */
export function toFirstError(labels: readonly boolean[]): number {
  const i = labels.indexOf(false);
  return i;
}
