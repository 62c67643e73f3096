/** A text tokenizer. Implemented for llama2.c `.bin` files and HF `tokenizer.json`. */
export interface Tokenizer {
  readonly vocabSize: number;
  readonly bosId?: number;
  readonly eosId?: number;
  encode(text: string, options?: { bos?: boolean; eos?: boolean }): number[];
  decode(ids: readonly number[], options?: { skipSpecial?: boolean }): string;
  /** Text of one token as it appears after `prev` (streaming-safe pieces as raw bytes). */
  decodeBytes?(ids: readonly number[]): Uint8Array;
  /** Vocabulary string of one id (for logprob reporting). */
  idToToken(id: number): string | undefined;
}

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}
