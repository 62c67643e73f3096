export { countCarries, exactAnswer, MAX_OPERAND_DIGITS, OPERATION_SYMBOL, problemText, RESULT_WIDTH, type Operation, type Problem } from './problem.js';
export {
  AFTER_THINK,
  FAKE_THOUGHT,
  NO_THINKING_PREFILL,
  noThinkingCompletion,
  noThinkingPrompt,
  promptFor,
  renderQuestion,
  THINK_CLOSE,
  THINK_OPEN,
  thinkingCompletion,
  thinkingPrompt,
  type PromptMode,
} from './format.js';
export {
  answerFromState,
  assertValidProblem,
  initialState,
  isTerminal,
  nextState,
  parseStateLine,
  renderStateLine,
  solve,
  type ColumnState,
  type Solution,
} from './solution.js';
export { findLevel, generateLevelProblems, generateProblem, LEVELS, MODEL_LEVELS, randomNumber, type LevelSpec } from './levels.js';
export { checkAnswer, extractAnswer } from './check-answer.js';
export { checkSteps, type StepCheck, type StepVerdict } from './check-steps.js';
