import { mean } from '../stats/descriptive.js';
import { rougeLRecallMean } from '../text/rouge-pltrdy.js';
import type { MetricResult } from './metric-result.js';

/** A generated answer to an RWKU probe. */
export interface ProbeGeneration {
  /** The model's answer (greedy, cut at the first newline by the caller). */
  output: string;
  /** Gold answer(s). */
  answer: string | string[];
}

/**
 * RULE/RWKU "Forget Quality" (spec §8.1): pltrdy ROUGE-L **recall** ×100 of outputs vs gold, mean over probes.
 * **Lower is better** on forget probes; on neighbour probes the same number is a retain score (higher better).
 * Empty outputs count as `NOANSWER` (ROUGE 0), as RWKU's evaluator does.
 */
export function forgetScore(items: readonly ProbeGeneration[], o: { set?: 'forget' | 'neighbor'; level?: string } = {}): MetricResult<'rwku-forget-rouge'> {
  const byIndex = items.map((it) => 100 * rougeLRecallMean(it.output.trim() === '' ? 'NOANSWER' : it.output, Array.isArray(it.answer) ? it.answer : [it.answer]));
  return {
    kind: 'rwku-forget-rouge',
    agg: byIndex.length ? mean(byIndex) : Number.NaN,
    byIndex,
    config: { impl: 'pltrdy', stat: 'recall', stemmer: false, scale: 100, set: o.set ?? 'forget', level: o.level, betterIs: o.set === 'neighbor' ? 'higher' : 'lower', n: items.length },
  };
}

/** RWKU table columns: level scores and their unweighted mean ("All"). */
export function rwkuTable(levels: Record<string, number>): Record<string, number> & { All: number } {
  return { ...levels, All: mean(Object.values(levels)) };
}
