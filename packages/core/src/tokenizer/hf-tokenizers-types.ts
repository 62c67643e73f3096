/**
 * The parts of an `@huggingface/tokenizers` `Tokenizer` that core's public types expose
 * (`HfTokenizer.hf`, its constructor), re-declared here so that core's declarations never import
 * that library's: its `.d.ts` files use extensionless relative imports, which a consumer's `tsc`
 * rejects under `moduleResolution: node16 | nodenext` with `skipLibCheck: false` (TS2834). A real
 * `@huggingface/tokenizers` `Tokenizer` satisfies it; cast to the library's type for the rest.
 */
export interface HfTokenizersTokenizer {
  /** Encodes text to ids. */
  encode(text: string, options?: { add_special_tokens?: boolean }): { ids: number[] };
  /** Decodes ids to text. */
  decode(tokenIds: number[], options?: { skip_special_tokens?: boolean }): string;
  /** Returns the id of a token (undefined when unknown). */
  token_to_id(token: string): number | undefined;
  /** Returns the token of an id (undefined when out of range). */
  id_to_token(id: number): string | undefined;
  /** Returns the vocabulary (token to id). */
  get_vocab(withAddedTokens?: boolean): Map<string, number>;
}
