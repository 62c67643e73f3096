/**
 * TOFU metrics (`metrics.tofu`): answer probability, truth ratio, forget quality (KS p-value) and model utility.
 *
 * @module
 */
import { MissingReferenceLogsError } from '../errors/index.js';
import { hmean, mean } from '../stats/descriptive.js';
import { ks2samp } from '../stats/ks2samp.js';
import type { MetricResult } from './metric-result.js';

/** p(answer) = exp(−mean token NLL) (TOFU). */
export const probFromMeanNll = (meanNll: number): number => Math.exp(-meanNll);

/** One TOFU truth-ratio item: probabilities of the paraphrased and perturbed answers. */
export interface TruthRatioItem {
  /** Mean token NLL of the paraphrased (correct) answer. */
  paraphrasedNll: number;
  /** Mean token NLL of each perturbed (wrong) answer. */
  perturbedNll: number[];
}

/** TR = p̄_perturbed / p_paraphrased with p̄_perturbed = exp(−mean of the perturbed mean NLLs). */
export function truthRatio(item: TruthRatioItem): number {
  return Math.exp(-mean(item.perturbedNll)) / Math.exp(-item.paraphrasedNll);
}

/** Truth-ratio metric: forget set mean of min(TR, 1/TR); retain/real-authors/world-facts mean of max(0, 1 − TR). */
export function truthRatioMetric(items: readonly TruthRatioItem[], o: { set: 'forget' | 'retain' }): MetricResult<'tofu-truth-ratio'> {
  const trs = items.map(truthRatio);
  const byIndex = trs.map((tr) => (o.set === 'forget' ? Math.min(tr, 1 / tr) : Math.max(0, 1 - tr)));
  return { kind: 'tofu-truth-ratio', agg: mean(byIndex), byIndex, config: { set: o.set, aggregation: o.set === 'forget' ? 'min(TR,1/TR)' : 'max(0,1-TR)' } };
}

/**
 * TOFU Forget Quality (spec §8.1/§8.3): the KS-test **p-value** (higher better) between the unlearned model's
 * per-item forget truth ratios and the **retain model's**. Without the reference values it is undefined:
 * throws `MissingReferenceLogsError` (open-unlearning returns None, its issue #63).
 */
export function forgetQuality(o: { truthRatios: readonly number[]; referenceTruthRatios?: readonly number[]; method?: 'auto' | 'exact' | 'asymp' }): MetricResult<'tofu-ks-pvalue'> {
  if (!o.referenceTruthRatios || o.referenceTruthRatios.length === 0) throw new MissingReferenceLogsError('tofu.forgetQuality', 'referenceTruthRatios');
  const ks = ks2samp(o.truthRatios, o.referenceTruthRatios, { method: o.method });
  return { kind: 'tofu-ks-pvalue', agg: ks.pvalue, byIndex: [...o.truthRatios], config: { test: 'ks_2samp two-sided', method: ks.method, statistic: ks.statistic, n: o.truthRatios.length, nReference: o.referenceTruthRatios.length, betterIs: 'higher' } };
}

/** TOFU model utility: harmonic mean of the 9 {retain, real-authors, world-facts} × {probability, ROUGE-L, truth ratio} scores. */
export function modelUtility(scores: Record<string, number>): MetricResult<'tofu-model-utility'> {
  const vals = Object.values(scores);
  return { kind: 'tofu-model-utility', agg: hmean(vals), byIndex: vals, config: { components: Object.keys(scores) } };
}

/** Normalised probability for real-authors/world-facts: p_correct/(p_correct + Σ p_wrong). */
export function normalizedProbability(pCorrect: number, pWrong: readonly number[]): number {
  return pCorrect / (pCorrect + pWrong.reduce((s, v) => s + v, 0));
}
