export { verdictEntropy } from './entropy.js';
export { formatReward, renderChatml, type FormatRewardInput } from './format-reward.js';
export { generatorReward, GeneratorRewardOptionsSchema, type GeneratorReward, type GeneratorRewardKind, type GeneratorRewardOptions } from './generator-reward.js';
export { labelScore, parseVerdict, rankingLetter, type GrmMode, type ParseVerdictOptions, type Verdict } from './parse-verdict.js';
export { grmReward, policyReward, type GrmRewardOptions, type PolicyRewardOptions } from './role-rewards.js';
