export {};
export { createOpenAIServer, type OpenAIServer, type OpenAIServerOptions } from './openai-server.js';
export { ChatCompletionRequestSchema, CompletionRequestSchema, OpenAIServerOptionsSchema } from './openai-server-schemas.js';
