export type { ChatMessage, Tokenizer } from './tokenizer.js';
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
} from './chat-template.js';
