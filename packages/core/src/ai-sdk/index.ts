// @reasonkit/core/ai-sdk: structural adapter from AI SDK language models (v2/v3/v4) to TextModel.
export { fromAiSdk, FromAiSdkOptionsSchema, normalizeAiSdkFinishReason, normalizeAiSdkUsage, readOpenAILogprobs, type FromAiSdkOptions } from './from-ai-sdk.js';
export type {
  AiSdkCallOptions,
  AiSdkContentPart,
  AiSdkFinishReason,
  AiSdkGenerateResult,
  AiSdkJsonObject,
  AiSdkJsonValue,
  AiSdkLanguageModel,
  AiSdkPromptMessage,
  AiSdkSpecificationVersion,
  AiSdkStreamPart,
  AiSdkUsage,
} from './ai-sdk-types.js';
