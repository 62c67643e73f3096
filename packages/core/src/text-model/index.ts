export type {
  FinishReason,
  GenerateChoice,
  StopCause,
  GenerateRequest,
  GenerateResult,
  ScoreRequest,
  ScoreResult,
  StreamPart,
  TextModel,
  TextModelCapabilities,
  TokenLogprob,
  TopLogprob,
  Usage,
} from './text-model.js';
export {
  ChatMessageSchema,
  GenerateRequestSchema,
  ScoreRequestSchema,
  validateGenerateRequest,
  validateScoreRequest,
} from './generate-request-schema.js';
export { createUsageTracker, UsageTrackerOptionsSchema, type Pricing, type UsageTracker, type UsageTrackerOptions, type UsageTotals } from './usage-tracker.js';
export { extractJsonCandidates } from './extract-json.js';
export {
  generateObject,
  GenerateObjectOptionsSchema,
  type GenerateObjectOptions,
  type GenerateObjectResult,
  type ObjectAttemptFailure,
} from './generate-object.js';
export { createConcurrencyLimit, type ConcurrencyLimit } from './concurrency-limit.js';
export { createOpenAICompatible, OpenAICompatibleOptionsSchema, serverMessage, type OpenAICompatibleModel, type OpenAICompatibleOptions } from './openai-compatible.js';
export { parseRetryAfter, RETRYABLE_STATUSES, retryDelayMs } from './retry-policy.js';
export { parseSSE } from './sse-parser.js';
export { createLocalTextModel, LocalTextModelDefaultsSchema, type LocalTextModelOptions } from './local-text-model.js';
export { abortError, sleep, throwIfAborted } from './abort.js';
