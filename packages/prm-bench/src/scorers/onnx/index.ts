export { createOnnxStepClassifier, OnnxStepClassifierOptionsSchema, type OnnxStepClassifierOptions } from './onnx-step-classifier.js';
export { concatIds, tagged, separatorTokens, type BuiltInput, type InputBuilder } from './input-builders.js';
export { twoClassSoftmax, tokenPairSoftmax, sigmoid, threeClassSum, rawLogit, type Readout } from './readouts.js';
export { sessionTokenLogitsModel, type SessionTokenLogitsOptions, type TokenLogitsModel } from './token-logits-model.js';
