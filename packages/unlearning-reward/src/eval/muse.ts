/**
 * MUSE metrics (`metrics.muse`): VerbMem / KnowMem ROUGE-L F1 and PrivLeak.
 *
 * @module
 */
import { MissingReferenceLogsError } from '../errors/index.js';
import { mean } from '../stats/descriptive.js';
import { rougeLScoreStyle } from '../text/rouge-score-style.js';
import type { MetricResult } from './metric-result.js';

/** MUSE VerbMem / KnowMem: `rouge_score` ROUGE-L F1 ×100, no stemmer, mean over items (lower better on D_f). */
export function rougeF1Metric(items: readonly { output: string; reference: string }[], o: { kind: 'verbmem' | 'knowmem' }): MetricResult<'muse-verbmem' | 'muse-knowmem'> {
  const byIndex = items.map((it) => 100 * rougeLScoreStyle(it.output, it.reference).f);
  return { kind: o.kind === 'verbmem' ? 'muse-verbmem' : 'muse-knowmem', agg: mean(byIndex), byIndex, config: { impl: 'rouge-score', stat: 'f1', stemmer: false, scale: 100 } };
}

/**
 * MUSE PrivLeak = (AUC_unlearned − AUC_retrain)/AUC_retrain × 100 (Min-K 40 % MIA, forget vs holdout).
 * Needs the retrain model's AUC: throws `MissingReferenceLogsError` without it.
 */
export function privLeak(o: { auc: number; referenceAuc?: number }): MetricResult<'muse-privleak'> {
  if (o.referenceAuc === undefined) throw new MissingReferenceLogsError('muse.privLeak', 'referenceAuc');
  const v = ((o.auc - o.referenceAuc) / o.referenceAuc) * 100;
  return { kind: 'muse-privleak', agg: v, byIndex: [v], config: { auc: o.auc, referenceAuc: o.referenceAuc } };
}
