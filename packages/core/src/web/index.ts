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
