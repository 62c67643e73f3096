import type { BenchItem } from '../load/bench-item.js';
import { processBenchScore } from '../metrics/processbench-score.js';
import { scoreSteps } from '../metrics/score-steps.js';
import type { StepScoreResult } from './scorer.js';
import { applyDecision } from './decisions.js';

/**
 * Picks the threshold that maximises a metric on a calibration subset (items whose category or
 * split is `on`), as ProcessBench chose scalar-PRM thresholds on GSM8K (issue #3). Best F1 per
 * subset is only an upper bound; calibrate on one split and report on the others. Ties go to the
 * smaller threshold. Default grid: 0.00, 0.01, …, 1.00 [our choice].
 */
export function calibrateThreshold(
  items: readonly BenchItem[],
  results: ReadonlyMap<string, StepScoreResult>,
  o: { on: string; metric: 'processbench-f1' | 'prm-score'; grid?: readonly number[]; kind?: 'threshold' | 'delta' },
): { threshold: number; value: number } {
  const subset = items.filter((i) => i.category === o.on || i.split === o.on);
  const grid = o.grid ?? Array.from({ length: 101 }, (_, k) => k / 100);
  let best = { threshold: grid[0] ?? 0, value: -Infinity };
  for (const t of grid) {
    const preds = subset.flatMap((item) => {
      const r = results.get(item.id);
      if (!r) return [];
      const labels = applyDecision(r, { kind: o.kind ?? 'threshold', threshold: t });
      return [{ itemId: item.id, valid: labels !== undefined, ...(labels ? { labels } : {}) }];
    });
    const value =
      o.metric === 'processbench-f1' ? processBenchScore(subset, preds).avgF1 : (scoreSteps(subset, preds, { mode: 'strict', invalid: 'drop' }).overall?.prmScore ?? -Infinity);
    if (value > best.value) best = { threshold: t, value };
  }
  return best;
}
