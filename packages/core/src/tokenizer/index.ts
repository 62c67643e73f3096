export type { ChatMessage, Tokenizer } from './tokenizer.js';
export { createUtf8StreamDecoder, decodeUtf8, encodeUtf8, incompleteUtf8Tail, type Utf8StreamDecoder } from './utf8-stream.js';
