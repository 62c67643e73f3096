export { confusion, type Confusion } from './confusion.js';
export { indexPredictions, toFirstError, type MetricMode, type Prediction } from './prediction.js';
export { ratioMetrics, type Counts, type RatioMetrics } from './ratios.js';
export { scoreSteps, scoreAll, effectiveLabels, ScoreStepsOptionsSchema, type GroupMetrics, type ScoreStepsOptions } from './score-steps.js';
export { processBenchScore, goldFirstError, predictedFirstError, type ProcessBenchSplitScore } from './processbench-score.js';
export { detectionDelay, similarity, type DetectionDelay } from './detection-delay.js';
export { positionStats } from './position-stats.js';
