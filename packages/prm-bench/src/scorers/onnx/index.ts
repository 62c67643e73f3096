export { createOnnxStepClassifier, OnnxStepClassifierOptionsSchema, type OnnxStepClassifierOptions } from './onnx-step-classifier.js';
export { concatIds, tagged, separatorTokens, type BuiltInput, type InputBuilder } from './input-builders.js';
export { twoClassSoftmax, tokenPairSoftmax, sigmoid, threeClassSum, rawLogit, type Readout } from './readouts.js';
export type { TokenLogitsModel } from './token-logits-model.js';
export { onnxModelTokenLogits, type OnnxModelTokenLogitsOptions } from './onnx-model-token-logits.js';
