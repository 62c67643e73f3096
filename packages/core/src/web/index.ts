export {
  WebLoadCausalLMOptionsSchema,
  importOrtWeb,
  loadCausalLM,
  loadModelDir,
  loadTokenizer,
  type WebLoadCausalLMOptions,
  type WebModelDir,
  type WebModelSource,
} from './load-model.js';
export { WebLoadOnnxModelOptionsSchema, loadOnnxModel, type WebLoadOnnxModelOptions, type WebOnnxModelSource } from './load-onnx-model.js';
