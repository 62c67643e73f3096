export { DEER_TRIAL_STOPS, PROB_FLOOR, trialConfidence, truncateTrialAnswer, type ConfidenceAggregate } from './trial-confidence.js';
export { answerAfterOpenBrace, answerAgreement, consistentWindow, containsHedge, DEFAULT_HEDGE_WORDS, extractBoxed } from './answer-agreement.js';
export { logistic, meanEntropy, perplexity } from './likelihood.js';
export { parseConfidence, yesProbability, type TokenAlternative } from './verbal-parsers.js';
