export type { ScorerInput, StepScorer, StepScoreResult } from './scorer.js';
export { applyDecision, DECISIONS, DecisionSchema, firstDifferences, redundancyLabels, type Decision } from './decisions.js';
export { createFunctionScorer } from './function-scorer.js';
export { createChatCritic, createOpenAICritic, ChatCriticOptionsSchema, OpenAICriticOptionsSchema, CRITIC_PRESETS, type ChatCriticOptions } from './chat-critic.js';
export type { CriticPreset } from './presets/critic-preset.js';
export { prmBenchCriticPreset, renderPrmBenchInstance } from './presets/prmbench-critic.js';
export { processBenchCriticPreset, renderProcessBenchPrompt, labelsFromFirstError } from './presets/processbench-critic.js';
export { parsePrmBenchCritique, parseBoxedIndex, majorityVote, stripStepPrefix, stripLineComments, balancedObjects } from './parse.js';
export * from './onnx/index.js';
