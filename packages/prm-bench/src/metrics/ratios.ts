import type { MetricMode } from './prediction.js';

/** Pooled counts of a group. */
export interface Counts {
  tp: number;
  fp: number;
  tn: number;
  fn: number;
  firstErrorHits: number;
  firstErrorDefined: number;
}

/** The ratio metrics of a group; `null` only in strict mode (official uses −1 sentinels). */
export interface RatioMetrics {
  prmScore: number | null;
  f1: number | null;
  f1Neg: number | null;
  precision: number | null;
  recall: number | null;
  negPrecision: number | null;
  negRecall: number | null;
  correctStepAcc: number | null;
  wrongStepAcc: number | null;
  totalStepAcc: number | null;
  firstErrorAcc: number | null;
  /** correctStepAcc − wrongStepAcc; null when either is undefined [our definition, spec §3.6]. */
  bias: number | null;
}

/**
 * Official: a zero denominator gives −1 and sentinels enter later formulas arithmetically
 * (P = −1, R = 0 → F1 = −0; P = R = −1 → F1 = −1); F1 = −1 when P + R = 0 [spec §3.4].
 * Same operation order as upstream, in float64.
 */
function officialRatios(c: Counts): RatioMetrics {
  const ratio = (a: number, b: number) => (b === 0 ? -1 : a / b);
  const f1Of = (p: number, r: number) => (p + r === 0 ? -1 : (2 * p * r) / (p + r));
  const precision = ratio(c.tp, c.tp + c.fp);
  const recall = ratio(c.tp, c.tp + c.fn);
  const negPrecision = ratio(c.tn, c.tn + c.fn);
  const negRecall = ratio(c.tn, c.tn + c.fp);
  const f1 = f1Of(precision, recall);
  const f1Neg = f1Of(negPrecision, negRecall);
  const correctStepAcc = ratio(c.tp, c.tp + c.fn);
  const wrongStepAcc = ratio(c.tn, c.tn + c.fp);
  return {
    prmScore: 0.5 * f1 + 0.5 * f1Neg,
    f1,
    f1Neg,
    precision,
    recall,
    negPrecision,
    negRecall,
    correctStepAcc,
    wrongStepAcc,
    totalStepAcc: ratio(c.tp + c.tn, c.tp + c.tn + c.fp + c.fn),
    firstErrorAcc: ratio(c.firstErrorHits, c.firstErrorDefined),
    bias: c.tp + c.fn > 0 && c.tn + c.fp > 0 ? correctStepAcc - wrongStepAcc : null,
  };
}

/** Strict: undefined ratios are null; F1 = 2TP/(2TP+FP+FN), F1_neg = 2TN/(2TN+FN+FP) [our choice, spec §3.5]. */
function strictRatios(c: Counts): RatioMetrics {
  const ratio = (a: number, b: number) => (b === 0 ? null : a / b);
  const f1 = ratio(2 * c.tp, 2 * c.tp + c.fp + c.fn);
  const f1Neg = ratio(2 * c.tn, 2 * c.tn + c.fn + c.fp);
  const correctStepAcc = ratio(c.tp, c.tp + c.fn);
  const wrongStepAcc = ratio(c.tn, c.tn + c.fp);
  return {
    prmScore: f1 === null || f1Neg === null ? null : 0.5 * f1 + 0.5 * f1Neg,
    f1,
    f1Neg,
    precision: ratio(c.tp, c.tp + c.fp),
    recall: ratio(c.tp, c.tp + c.fn),
    negPrecision: ratio(c.tn, c.tn + c.fn),
    negRecall: ratio(c.tn, c.tn + c.fp),
    correctStepAcc,
    wrongStepAcc,
    totalStepAcc: ratio(c.tp + c.tn, c.tp + c.tn + c.fp + c.fn),
    firstErrorAcc: ratio(c.firstErrorHits, c.firstErrorDefined),
    bias: correctStepAcc === null || wrongStepAcc === null ? null : correctStepAcc - wrongStepAcc,
  };
}

/** Ratio metrics of a group's counts in the given mode. */
export function ratioMetrics(c: Counts, mode: MetricMode): RatioMetrics {
  return mode === 'official' ? officialRatios(c) : strictRatios(c);
}
