export { Mt19937 } from './mt19937.js';
export { applyProcessors, type LogitsProcessor } from './logits-processor.js';
export {
  badWordsProcessor,
  minNewTokensProcessor,
  noRepeatNgramProcessor,
  repetitionPenaltyProcessor,
  suppressTokensProcessor,
  temperatureProcessor,
  topKProcessor,
  topPProcessor,
} from './logits-processors.js';
export { greedySampler, multinomialSampler, type Sampler } from './samplers.js';
export {
  GenerateOptionsSchema,
  type GenerateFinishReason,
  type GenerateOptions,
  type GenerateStepLogits,
  type GenerateStepOutputs,
  type ResolvedGenerateOptions,
} from './generate-options.js';
export type {
  BeforeStepContext,
  GenerationHooks,
  GenerationStep,
  MaybePromise,
  StepContext,
  StepDirective,
} from './generation-hooks.js';
export { TextStream } from './text-stream.js';
export { buildProcessors, streamGenerate, type GenerationResult, type GenerateStreamPart } from './stream-generate.js';
export { generate } from './generate.js';
