export type { ScorerInput, StepScorer, StepScoreResult } from './scorer.js';
export { applyDecision, DECISIONS, DecisionSchema, firstDifferences, redundancyLabels, type Decision } from './decisions.js';
export { createFunctionScorer } from './function-scorer.js';
