export { evaluateModel, EvaluateOptionsSchema, formatTable, solveWithModel, TESTBED_EOS_ID, type EvaluateOptions, type LevelResult } from './evaluate.js';
