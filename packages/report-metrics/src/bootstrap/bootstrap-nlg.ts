import { bleuFromSampleStats, bleuStatsFromPrepared } from '../nlg/bleu.js';
import { ciderDFromPrepared } from '../nlg/cider-d.js';
import { prepareCorpus } from '../nlg/prepared-corpus.js';
import type { NlgKey } from '../nlg/nlg-scores.js';
import { rougeLFromPrepared } from '../nlg/rouge-l.js';
import type { Sample } from '../nlg/sample.js';
import { numpyMean } from '../text/numpy-sum.js';
import type { Preprocess } from '../text/preprocess.js';
import { ReportMetricsError } from '../errors/report-metrics-error.js';
import { bootstrap, resampleIndices } from './bootstrap.js';
import type { BootstrapOptions, Interval } from './bootstrap.js';

/**
 * Tokenizes once and returns a scorer of the six NLG metrics on any multiset of sample indices:
 * BLEU sums per-sample counts, ROUGE-L averages per-sample F, CIDEr-D recomputes its document
 * frequencies on the resample (spec §6).
 */
export function prepareNlgScorer(samples: readonly Sample[], options: { preprocess?: Preprocess } = {}): (indices?: Int32Array) => Record<NlgKey, number> {
  const prep = prepareCorpus(samples, { preprocess: options.preprocess, n: 4 });
  const b = bleuStatsFromPrepared(prep, 4);
  const r = rougeLFromPrepared(prep).perSample;
  const c = { ...prep, sigma: 6 };
  const gather = new Float64Array(samples.length);
  return (indices) => {
    const bl = bleuFromSampleStats(b, indices).corpus;
    let rouge: number;
    if (indices) {
      for (let i = 0; i < indices.length; i++) gather[i] = r[indices[i]!]!;
      rouge = numpyMean(gather.subarray(0, indices.length));
    } else rouge = numpyMean(r);
    return { BLEU_1: bl[0]!, BLEU_2: bl[1]!, BLEU_3: bl[2]!, BLEU_4: bl[3]!, ROUGE_L: rouge, CIDEr_D: ciderDFromPrepared(c, indices).corpus };
  };
}

/** Paired-bootstrap percentile intervals for BLEU-1..4, ROUGE-L and CIDEr-D. */
export function bootstrapNlg(samples: readonly Sample[], options: BootstrapOptions & { preprocess?: Preprocess } = {}): Record<NlgKey, Interval> {
  const { preprocess, ...rest } = options;
  return bootstrap(samples.length, prepareNlgScorer(samples, { preprocess }), rest);
}

/** Paired bootstrap comparison of two systems on one metric. */
export interface SystemComparison {
  a: number;
  b: number;
  /** b − a on all samples, with its bootstrap interval. */
  diff: Interval;
  /** Share of resamples where b − a ≤ 0 (one-sided paired bootstrap p-value for "b better"). */
  pNotBetter: number;
}

/**
 * Paired bootstrap comparison of two systems scored on the same samples (same ids and references,
 * same order): every resample draws the same indices for both.
 */
export function compareSystems(a: readonly Sample[], b: readonly Sample[], options: BootstrapOptions & { preprocess?: Preprocess } = {}): Record<NlgKey, SystemComparison> {
  if (a.length !== b.length) throw new ReportMetricsError('INVALID_SAMPLE', `compareSystems: system a has ${a.length} samples, b has ${b.length}`, { field: 'b' });
  a.forEach((s, i) => {
    if (s.id !== b[i]!.id) throw new ReportMetricsError('INVALID_SAMPLE', `compareSystems: sample ${i} has id ${s.id} in a but ${b[i]!.id} in b`, { record: i, field: 'id' });
  });
  const { preprocess, resamples = 1000, seed = 0, alpha = 0.05, signal } = options;
  const sa = prepareNlgScorer(a, { preprocess });
  const sb = prepareNlgScorer(b, { preprocess });
  const pa = sa();
  const pb = sb();
  const keys = Object.keys(pa) as NlgKey[];
  const draws = keys.map(() => new Float64Array(resamples));
  let r = 0;
  for (const idx of resampleIndices(a.length, resamples, seed)) {
    signal?.throwIfAborted();
    const x = sa(idx);
    const y = sb(idx);
    keys.forEach((k, j) => (draws[j]![r] = y[k] - x[k]));
    r++;
  }
  const out = {} as Record<NlgKey, SystemComparison>;
  keys.forEach((k, j) => {
    const d = draws[j]!.sort();
    let notBetter = 0;
    for (const v of d) if (v <= 0) notBetter++;
    const lo = (alpha / 2) * (d.length - 1);
    const hi = (1 - alpha / 2) * (d.length - 1);
    const interp = (p: number) => d[Math.floor(p)]! + (d[Math.ceil(p)]! - d[Math.floor(p)]!) * (p - Math.floor(p));
    out[k] = { a: pa[k], b: pb[k], diff: { estimate: pb[k] - pa[k], low: interp(lo), high: interp(hi) }, pNotBetter: notBetter / d.length };
  });
  return out;
}
