export { averageRanks, checkScoredLabels, rocAuc, type MetricWarning } from './roc-auc.js';
export { brierScore, calibrationBin, expectedCalibrationError } from './calibration.js';
export { averagePrecision, precisionRecallAt } from './average-precision.js';
export {
  constrainedRandomRate,
  meanOf,
  oracleDecisions,
  oracleGapClosure,
  randomAtRate,
  routedMetrics,
  type ModeOutcome,
  type RoutedMetrics,
} from './routed-metrics.js';
export { operatingPoint, paretoFront, thresholdSweep, type ThresholdPoint } from './pareto.js';
export { mean, sampleStd } from './stats.js';
