export {
  contentText,
  findImagePart,
  firstImagePart,
  type ChatMessage,
  type ChatRole,
  type ContentPart,
  type ImageContentPart,
  type TextContentPart,
  type Tokenizer,
} from './tokenizer.js';
export { ContentPartSchema, ImageContentPartSchema, TextContentPartSchema } from './chat-message-schema.js';
export { createUtf8StreamDecoder, decodeUtf8, encodeUtf8, incompleteUtf8Tail, type Utf8StreamDecoder } from './utf8-stream.js';
export { createHfTokenizer, HfTokenizer, tokenText, type HfTokenizerConfig } from './hf-tokenizer.js';
export {
  applyChat,
  ApplyChatOptionsSchema,
  renderChatTemplate,
  RenderChatTemplateOptionsSchema,
  type ApplyChatOptions,
  type FormatChat,
  type RenderChatTemplateOptions,
  type TextChatMessage,
} from './chat-template.js';
export {
  EncodeBatchOptionsSchema,
  encodeBatchParts,
  encodeBatchWith,
  encoderFromEncode,
  tokenToIdWith,
  truncateLongestFirst,
  type BatchEncoder,
  type EncodeBatchOptions,
  type EncodedBatch,
} from './encode-batch.js';
