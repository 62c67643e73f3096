import { checkScoredLabels } from './roc-auc.js';

/** Bin of a score among `bins` equal-width bins: min(⌊bins·s⌋, bins − 1) (spec §8.1, our convention). */
export function calibrationBin(score: number, bins = 10): number {
  return Math.max(0, Math.min(Math.floor(bins * score), bins - 1));
}

/**
 * Expected calibration error with `bins` equal-width bins (default 10, as ProbeConf):
 * Σ_b (|B_b|/n)·|mean(y ∈ B_b) − mean(s ∈ B_b)|; empty bins contribute 0.
 */
export function expectedCalibrationError(scores: readonly number[], labels: readonly number[], bins = 10): number {
  checkScoredLabels(scores, labels, 'expectedCalibrationError');
  if (scores.length === 0) return 0;
  const count = new Float64Array(bins);
  const sumY = new Float64Array(bins);
  const sumS = new Float64Array(bins);
  for (let i = 0; i < scores.length; i++) {
    const b = calibrationBin(scores[i]!, bins);
    count[b]! += 1;
    sumY[b]! += labels[i]!;
    sumS[b]! += scores[i]!;
  }
  let ece = 0;
  for (let b = 0; b < bins; b++) if (count[b]! > 0) ece += Math.abs(sumY[b]! - sumS[b]!) / scores.length;
  return ece;
}

/** Brier score (1/n)·Σ (s − y)². */
export function brierScore(scores: readonly number[], labels: readonly number[]): number {
  checkScoredLabels(scores, labels, 'brierScore');
  if (scores.length === 0) return 0;
  let sum = 0;
  for (let i = 0; i < scores.length; i++) sum += (scores[i]! - labels[i]!) ** 2;
  return sum / scores.length;
}
