import { describe, expect, it } from 'vitest';
import { createHfTokenizer } from '../tokenizer/hf-tokenizer.js';
import { tinyWordLevelTokenizerJson } from './tiny-word-tokenizer.js';

const WORDS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', 'graph', 'nodes', 'a'];

describe('tinyWordLevelTokenizerJson', () => {
  it('wraps [CLS] … [SEP], maps unknown words to [UNK], lowercases when asked', () => {
    const plain = createHfTokenizer(tinyWordLevelTokenizerJson(WORDS), { pad_token: '[PAD]' });
    expect(plain.encode('graph Nodes zebra')).toEqual([2, 4, 1, 1, 3]);
    const lower = createHfTokenizer(tinyWordLevelTokenizerJson(WORDS, { lowercase: true }), { pad_token: '[PAD]' });
    expect(lower.encode('graph Nodes zebra')).toEqual([2, 4, 5, 1, 3]);
  });

  it('Whitespace splits punctuation off, WhitespaceSplit does not', () => {
    expect(createHfTokenizer(tinyWordLevelTokenizerJson(WORDS), { pad_token: '[PAD]' }).encode('graph,')).toEqual([2, 4, 1, 3]);
    expect(createHfTokenizer(tinyWordLevelTokenizerJson(WORDS, { preTokenizer: 'WhitespaceSplit' }), { pad_token: '[PAD]' }).encode('graph,')).toEqual([2, 1, 3]);
  });

  it('refuses a vocabulary without the four specials first', () => {
    expect(() => tinyWordLevelTokenizerJson(['graph', '[UNK]', '[CLS]', '[SEP]'])).toThrow(/words\[0\] must be \[PAD\]/);
  });
});
