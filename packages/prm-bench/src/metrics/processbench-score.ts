import type { BenchItem } from '../load/bench-item.js';
import { indexPredictions, toFirstError, type Prediction } from './prediction.js';

/** ProcessBench scores of one split. */
export interface ProcessBenchSplitScore {
  /** % of error samples (label ≠ −1) whose prediction equals the label. */
  errorAcc: number;
  /** % of correct samples (label = −1) predicted −1. */
  correctAcc: number;
  /** 2·errorAcc·correctAcc/(errorAcc + correctAcc), on percentages. */
  f1: number;
  /** Both accuracies 0: upstream divides by zero; we return F1 0 [our choice]. */
  degenerate: boolean;
  errorCount: number;
  correctCount: number;
}

/** Gold ProcessBench label of an item: the 0-based earliest error or −1. */
export function goldFirstError(item: Pick<BenchItem, 'errorSteps1'>): number {
  return item.errorSteps1.length === 0 ? -1 : Math.min(...item.errorSteps1) - 1;
}

/** The prediction of an item: `firstError` if set (null = unparseable), else the first false label, else null. */
export function predictedFirstError(pred: Prediction | undefined): number | null {
  if (!pred || pred.valid === false) return null;
  if (pred.firstError !== undefined) return pred.firstError;
  return pred.labels ? toFirstError(pred.labels) : null;
}

/** ProcessBench metric per split (QwenLM/ProcessBench `run_eval.py`) and the arithmetic mean of split F1s. */
export function processBenchScore(
  items: readonly BenchItem[],
  predictions: Iterable<Prediction> | ReadonlyMap<string, Prediction>,
): { perSplit: Record<string, ProcessBenchSplitScore>; avgF1: number } {
  const preds = indexPredictions(predictions);
  const splits = new Map<string, { err: number[]; cor: number[] }>();
  for (const item of items) {
    const split = item.split ?? item.category;
    let s = splits.get(split);
    if (!s) splits.set(split, (s = { err: [], cor: [] }));
    const gold = goldFirstError(item);
    const match = predictedFirstError(preds.get(item.id)) === gold ? 1 : 0;
    (gold === -1 ? s.cor : s.err).push(match);
  }
  const mean = (xs: number[]) => (xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length);
  const perSplit: Record<string, ProcessBenchSplitScore> = {};
  for (const [split, s] of splits) {
    const errorAcc = mean(s.err) * 100;
    const correctAcc = mean(s.cor) * 100;
    const degenerate = errorAcc + correctAcc === 0;
    perSplit[split] = {
      errorAcc,
      correctAcc,
      f1: degenerate ? 0 : (2 * errorAcc * correctAcc) / (errorAcc + correctAcc),
      degenerate,
      errorCount: s.err.length,
      correctCount: s.cor.length,
    };
  }
  const f1s = Object.values(perSplit).map((s) => s.f1);
  return { perSplit, avgF1: f1s.length === 0 ? 0 : f1s.reduce((a, b) => a + b, 0) / f1s.length };
}
