export { createOpenAIServer, type OpenAIServer, type OpenAIServerOptions } from './openai-server.js';
export { ChatCompletionRequestSchema, CompletionRequestSchema, OpenAIServerOptionsSchema } from './openai-server-schemas.js';
export {
  LoadCausalLMOptionsSchema,
  importOrt,
  loadCausalLM,
  loadGenerationConfig,
  loadModelConfig,
  loadModelDir,
  loadTokenizer,
  type LoadCausalLMOptions,
  type ModelDir,
} from './load-model.js';
export { ConvertLlama2cOptionsSchema, convertLlama2c, type ConvertLlama2cOptions, type ConvertLlama2cResult } from './convert-llama2c.js';
export { writeFileAtomic } from './atomic-write.js';
export { LoadOnnxModelOptionsSchema, loadOnnxModel, type LoadOnnxModelOptions } from './load-onnx-model.js';
