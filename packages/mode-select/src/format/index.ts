export {
  createThinkFormat,
  FAKE_THOUGHT_PRESETS,
  FakeThoughtSchema,
  noThinkingPromptFor,
  R1_MATH_INSTRUCTION,
  resolveFakeThought,
  THINK_FORMAT_PRESETS,
  ThinkFormatOptionsSchema,
  type FakeThought,
  type FakeThoughtPresetId,
  type ThinkFormat,
  type ThinkFormatOptions,
} from './think-format.js';
