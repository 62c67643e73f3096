import type { EncodeBatchOptions, EncodedBatch } from './encode-batch.js';

/** A text tokenizer. Implemented for llama2.c `.bin` files and HF `tokenizer.json`. */
export interface Tokenizer {
  readonly vocabSize: number;
  readonly bosId?: number;
  readonly eosId?: number;
  /** Encodes text to token ids; `bos` / `eos` add the begin / end-of-sequence tokens. */
  encode(text: string, options?: { bos?: boolean; eos?: boolean }): number[];
  /** Decodes token ids to text; `skipSpecial` drops special tokens. */
  decode(ids: readonly number[], options?: { skipSpecial?: boolean }): string;
  /** Text of one token as it appears after `prev` (streaming-safe pieces as raw bytes). */
  decodeBytes?(ids: readonly number[]): Uint8Array;
  /** Vocabulary string of one id (for logprob reporting). */
  idToToken(id: number): string | undefined;
  /**
   * Id of one vocabulary entry given as text (`'</think>'`, `'[CLS]'`), or undefined. Optional so
   * custom tokenizers stay valid; call `tokenToIdWith(tokenizer, text)` to work with any tokenizer.
   */
  tokenToId?(text: string): number | undefined;
  /**
   * Encodes texts (and optional pairs) into a padded batch with attention masks and token type
   * ids. Optional so custom tokenizers stay valid; `encodeBatchWith(tokenizer, texts, options)`
   * falls back to one built on `encode`.
   */
  encodeBatch?(texts: readonly string[], options?: EncodeBatchOptions): EncodedBatch;
}

/** A text part of a chat message's content (OpenAI's `{ type: 'text', text }`). */
export interface TextContentPart {
  type: 'text';
  text: string;
}

/**
 * An image part of a chat message's content, in OpenAI's wire shape:
 * `{ type: 'image_url', image_url: { url: 'data:image/png;base64,…' | 'https://…', detail? } }`.
 */
export interface ImageContentPart {
  type: 'image_url';
  image_url: { url: string; detail?: 'auto' | 'low' | 'high' };
}

/** One part of a multi-part message content. */
export type ContentPart = TextContentPart | ImageContentPart;

/** The roles a chat message may have; `tool` carries a tool's result back to the model. */
export type ChatRole = 'system' | 'user' | 'assistant' | 'tool';

/**
 * One chat message. `content` is a string, or OpenAI-style parts (text and `image_url` images),
 * sent as-is to OpenAI-compatible servers. A `tool` message answers a tool call: `toolCallId`
 * (wire and chat-template name `tool_call_id`) and optionally the tool's `name`.
 */
export interface ChatMessage {
  role: ChatRole;
  content: string | ContentPart[];
  /** For `role: 'tool'`: the id of the call this message answers (`tool_call_id` on the wire). */
  toolCallId?: string;
  /** For `role: 'tool'`: the tool's name (some templates print it). */
  name?: string;
}

/** The text of a message's content: the string itself, or its text parts joined (images dropped). */
export function contentText(content: string | readonly ContentPart[]): string {
  if (typeof content === 'string') return content;
  let out = '';
  for (const part of content) if (part.type === 'text') out += part.text;
  return out;
}

/** Index of the first image part in `content`, or -1. */
export function firstImagePart(content: string | readonly ContentPart[]): number {
  return typeof content === 'string' ? -1 : content.findIndex((part) => part.type === 'image_url');
}

/**
 * Where the first image part in `messages` is, as a field path (`messages.2.content.1`), or
 * undefined when there is none.
 */
export function findImagePart(messages: readonly ChatMessage[]): string | undefined {
  for (const [i, message] of messages.entries()) {
    const at = firstImagePart(message.content);
    if (at >= 0) return `messages.${i}.content.${at}`;
  }
  return undefined;
}
