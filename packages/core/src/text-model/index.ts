export type {
  FinishReason,
  GenerateRequest,
  GenerateResult,
  StreamPart,
  TextModel,
  TextModelCapabilities,
  TokenLogprob,
  Usage,
} from './text-model.js';
