import { describe, expect, it } from 'vitest';
import { parseLlama2cTokenizer } from '../llama2c/llama2c-tokenizer.js';
import { catchError } from '../test-utils/expect-error.js';
import { haveReferenceModel, readTokenizerBytes } from '../test-utils/shared-models.js';
import { encodeBatchWith, tokenToIdWith, truncateLongestFirst } from './encode-batch.js';
import { createHfTokenizer } from './hf-tokenizer.js';
import type { Tokenizer } from './tokenizer.js';

const range = (n: number, from = 0) => Array.from({ length: n }, (_, i) => from + i);

/** A custom tokenizer without encodeBatch/tokenToId: one id per character code (a..z → 3..28), BOS 1, EOS 2. */
const charTokenizer: Tokenizer = {
  vocabSize: 29,
  bosId: 1,
  eosId: 2,
  encode(text, options = {}) {
    const ids = [...text].map((c) => c.charCodeAt(0) - 94);
    return [...(options.bos ?? true ? [1] : []), ...ids, ...(options.eos ? [2] : [])];
  },
  decode: (ids) => ids.map((id) => String.fromCharCode(id + 94)).join(''),
  idToToken: (id) => (id >= 3 && id < 29 ? String.fromCharCode(id + 94) : undefined),
};


describe('truncateLongestFirst (HF longest-first lengths, max 7)', () => {
  // [first length, second length] → kept lengths, from the HF `tokenizers` truncation tests.
  const table: [number, number, number, number][] = [
    [0, 8, 0, 7],
    [2, 8, 2, 5],
    [4, 4, 3, 4],
    [4, 8, 3, 4],
    [8, 2, 5, 2],
    [8, 4, 4, 3],
    [8, 8, 3, 4],
    [2, 4, 2, 4],
  ];
  it.each(table)('%i + %i tokens keep %i + %i', (n1, n2, k1, k2) => {
    const [a, b] = truncateLongestFirst(range(n1), range(n2, 100), 7, 'right');
    expect([a.length, b!.length]).toEqual([k1, k2]);
    expect(a).toEqual(range(k1));
    const [l] = truncateLongestFirst(range(n1), range(n2, 100), 7, 'left');
    expect(l).toEqual(range(k1, n1 - k1));
  });
});

describe('encodeBatchWith on a custom tokenizer (built on encode)', () => {
  it('adds BOS, pads with EOS on the right and masks pads', () => {
    const batch = encodeBatchWith(charTokenizer, ['ab', 'abcd', '']);
    expect(batch.inputIds).toEqual([
      [1, 3, 4, 2, 2],
      [1, 3, 4, 5, 6],
      [1, 2, 2, 2, 2],
    ]);
    expect(batch.attentionMask).toEqual([
      [1, 1, 1, 0, 0],
      [1, 1, 1, 1, 1],
      [1, 0, 0, 0, 0],
    ]);
    expect(batch.tokenTypeIds).toEqual([range(5).fill(0), range(5).fill(0), range(5).fill(0)]);
  });

  it('truncates left and pads left to max_length; pairs are <s> A <s> B with type ids 0/1', () => {
    const batch = encodeBatchWith(charTokenizer, ['abcdef', 'a'], { maxLength: 4, truncation: 'left', padding: 'max_length', padSide: 'left', padId: 0 });
    expect(batch.inputIds).toEqual([
      [1, 6, 7, 8],
      [0, 0, 1, 3],
    ]);
    expect(batch.attentionMask).toEqual([
      [1, 1, 1, 1],
      [0, 0, 1, 1],
    ]);
    const pairs = encodeBatchWith(charTokenizer, ['abc'], { pairs: ['de'], addSpecialTokens: true });
    expect(pairs.inputIds).toEqual([[1, 3, 4, 5, 1, 6, 7]]);
    expect(pairs.tokenTypeIds).toEqual([[0, 0, 0, 0, 1, 1, 1]]);
    const cut = encodeBatchWith(charTokenizer, ['abcdef'], { pairs: ['xyz'], maxLength: 6 });
    // 6 - 2 special tokens = 4 content tokens: both longer than half → 2 + 2.
    expect(cut.inputIds).toEqual([[1, 3, 4, 1, 26, 27]]);
  });

  it('rejects bad options naming the field', () => {
    expect(catchError(() => encodeBatchWith(charTokenizer, ['a'], { padding: 'max_length' })).details.field).toBe('maxLength');
    expect(catchError(() => encodeBatchWith(charTokenizer, ['a'], { truncation: 'left' })).details.field).toBe('maxLength');
    expect(catchError(() => encodeBatchWith(charTokenizer, ['a', 'b'], { pairs: ['x'] })).details.field).toBe('pairs');
    expect(catchError(() => encodeBatchWith(charTokenizer, ['a'], { maxLength: 1, pairs: ['b'] })).message).toMatch(/shorter than the 2 special tokens/);
    expect(catchError(() => encodeBatchWith(charTokenizer, ['a'], { maxLength: 0 })).code).toBe('INVALID_ARGUMENT');
    expect(catchError(() => encodeBatchWith(charTokenizer, ['a', 3 as unknown as string])).details.field).toBe('texts.1');
    const overflow = catchError(() => encodeBatchWith(charTokenizer, ['ab', 'abcdef'], { maxLength: 4, padding: 'max_length', truncation: false }));
    expect(overflow.code).toBe('CONTEXT_OVERFLOW');
    expect(overflow.details.field).toBe('texts.1');
  });

  it('tokenToIdWith finds single-token entries and rejects multi-token text', () => {
    expect(tokenToIdWith(charTokenizer, 'c')).toBe(5);
    expect(tokenToIdWith(charTokenizer, 'cd')).toBeUndefined();
  });
});

describe('HfTokenizer.tokenToId and defaults from tokenizer_config.json', () => {
  const json = {
    added_tokens: [
      { id: 0, content: '<pad>', special: true, single_word: false, lstrip: false, rstrip: false, normalized: false },
      { id: 5, content: '</think>', special: false, single_word: false, lstrip: false, rstrip: false, normalized: false },
    ],
    pre_tokenizer: { type: 'Whitespace' },
    model: { type: 'WordLevel', vocab: { '<pad>': 0, '[UNK]': 1, the: 2, cat: 3, sat: 4, '</think>': 5 }, unk_token: '[UNK]' },
  };

  it('maps vocabulary entries and added tokens to ids', () => {
    const tok = createHfTokenizer(json);
    expect(tok.tokenToId('cat')).toBe(3);
    expect(tok.tokenToId('</think>')).toBe(5);
    expect(tok.tokenToId('dog')).toBeUndefined();
    expect(tokenToIdWith(tok, '</think>')).toBe(5);
  });

  it('pads on the side and with the token the config names', () => {
    const tok = createHfTokenizer(json, { pad_token: '<pad>', padding_side: 'left', truncation_side: 'left' });
    expect(tok.padId).toBe(0);
    const batch = tok.encodeBatch(['the cat sat', 'cat'], { maxLength: 2 });
    expect(batch.inputIds).toEqual([
      [3, 4],
      [0, 3],
    ]);
    expect(encodeBatchWith(tok, ['cat'], { maxLength: 3, padding: 'max_length' }).attentionMask).toEqual([[0, 0, 1]]);
  });
});

describe.skipIf(!haveReferenceModel)('Llama2cTokenizer.encodeBatch and tokenToId on tok512', () => {
  const tok = haveReferenceModel ? parseLlama2cTokenizer(readTokenizerBytes(), 512, 'tok512.bin') : undefined!;

  it('encodes each text as encode() does, BOS first, EOS pads', () => {
    const texts = ['Once upon a time', 'Hi', 'The cat sat on the mat and looked at the dog.'];
    const batch = tok.encodeBatch(texts);
    const width = Math.max(...texts.map((t) => tok.encode(t).length));
    for (const [i, text] of texts.entries()) {
      const ids = tok.encode(text);
      expect(batch.inputIds[i]).toEqual([...ids, ...new Array<number>(width - ids.length).fill(2)]);
      expect(batch.attentionMask[i]!.reduce((a, b) => a + b, 0)).toBe(ids.length);
    }
  });

  it('looks up pieces by text', () => {
    expect(tok.tokenToId(' Once')).toBe(403);
    expect(tok.idToToken(tok.tokenToId('<0x0A>')!)).toBe('<0x0A>');
    expect(tok.tokenToId('definitely not a piece')).toBeUndefined();
  });
});
