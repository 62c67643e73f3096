/** Options of `tinyWordLevelTokenizerJson`. */
export interface TinyWordLevelTokenizerOptions {
  /** Add a `Lowercase` normalizer. Default false. */
  lowercase?: boolean;
  /** `Whitespace` (splits punctuation off words) or `WhitespaceSplit` (spaces only). Default `Whitespace`. */
  preTokenizer?: 'Whitespace' | 'WhitespaceSplit';
}

/**
 * A BERT-shaped word-level `tokenizer.json` for tests with `buildTinyEncoder`: `words[0..3]` must be
 * `[PAD]`, `[UNK]`, `[CLS]`, `[SEP]` (ids 0–3, added as special tokens); every word is its own id;
 * sequences are wrapped as `[CLS] A [SEP]` and `[CLS] A [SEP] B [SEP]` (type ids 0 / 1). Pass it to
 * `createHfTokenizer(json, { pad_token: '[PAD]' })` or write it next to the model as `tokenizer.json`.
 */
export function tinyWordLevelTokenizerJson(words: readonly string[], options: TinyWordLevelTokenizerOptions = {}): Record<string, unknown> {
  const specials = ['[PAD]', '[UNK]', '[CLS]', '[SEP]'];
  specials.forEach((s, i) => {
    if (words[i] !== s) throw new Error(`tinyWordLevelTokenizerJson: words[${i}] must be ${s}, got ${JSON.stringify(words[i])}`);
  });
  const special = (id: string, typeId: number) => ({ SpecialToken: { id, type_id: typeId } });
  const seq = (id: 'A' | 'B', typeId: number) => ({ Sequence: { id, type_id: typeId } });
  return {
    added_tokens: specials.map((content, id) => ({ id, content, special: true, single_word: false, lstrip: false, rstrip: false, normalized: false })),
    ...(options.lowercase ? { normalizer: { type: 'Lowercase' } } : {}),
    pre_tokenizer: { type: options.preTokenizer ?? 'Whitespace' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [special('[CLS]', 0), seq('A', 0), special('[SEP]', 0)],
      pair: [special('[CLS]', 0), seq('A', 0), special('[SEP]', 0), seq('B', 1), special('[SEP]', 1)],
      special_tokens: { '[CLS]': { id: '[CLS]', ids: [2], tokens: ['[CLS]'] }, '[SEP]': { id: '[SEP]', ids: [3], tokens: ['[SEP]'] } },
    },
    model: { type: 'WordLevel', vocab: Object.fromEntries(words.map((w, i) => [w, i])), unk_token: '[UNK]' },
  };
}
