import type { Tokenizer } from '@reasonkit/core';
import { cleanGeneratedText } from './clean-generated.js';

/**
 * PriorRG's aligned references [ref: mk-runner/PriorRG main_single_sample_github.py
 * obtain_reference_reports]: encode with the decoder's tokenizer (no BOS/EOS), keep the first
 * `maxTokens` (100 = the decoder's `max_length`), decode skipping special tokens, trim and delete
 * characters outside printable ASCII. Load the tokenizer with core's `loadTokenizer(dir)`.
 */
export function alignReferences(texts: readonly string[], options: { tokenizer: Pick<Tokenizer, 'encode' | 'decode'>; maxTokens?: number }): string[] {
  const max = options.maxTokens ?? 100;
  return texts.map((t) => cleanGeneratedText(options.tokenizer.decode(options.tokenizer.encode(t, { bos: false, eos: false }).slice(0, max), { skipSpecial: true })));
}
