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
