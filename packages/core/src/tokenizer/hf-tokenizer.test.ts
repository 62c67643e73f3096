import { describe, expect, it } from 'vitest';
import { ReasonkitError } from '../errors/reasonkit-error.js';
import { createHfTokenizer } from './hf-tokenizer.js';

/** Hand-written six-word WordLevel + Whitespace tokenizer (spec core §5.5). */
const wordLevel = {
  version: '1.0',
  added_tokens: [
    { id: 0, content: '[UNK]', special: true, single_word: false, lstrip: false, rstrip: false, normalized: false },
    { id: 1, content: '[BOS]', special: true, single_word: false, lstrip: false, rstrip: false, normalized: false },
  ],
  normalizer: null,
  pre_tokenizer: { type: 'Whitespace' },
  post_processor: null,
  decoder: null,
  model: { type: 'WordLevel', vocab: { '[UNK]': 0, '[BOS]': 1, the: 2, cat: 3, sat: 4, on: 5 }, unk_token: '[UNK]' },
};

describe('createHfTokenizer', () => {
  it('encodes "the cat sat on the mat" as [2,3,4,5,2,0] with a WordLevel + Whitespace tokenizer (spec §5.5)', () => {
    const tok = createHfTokenizer(wordLevel);
    expect(tok.encode('the cat sat on the mat')).toEqual([2, 3, 4, 5, 2, 0]);
    expect(tok.vocabSize).toBe(6);
    expect(tok.bosId).toBeUndefined();
    expect(tok.idToToken(3)).toBe('cat');
    // no decoder: HF joins tokens with spaces; specials are skipped by default
    expect(tok.decode([2, 3, 0])).toBe('the cat');
    expect(tok.decode([2, 3, 0], { skipSpecial: false })).toBe('the cat [UNK]');
    expect(tok.decode([])).toBe('');
  });

  it('takes BOS/EOS ids from the config and adds them on request', () => {
    const tok = createHfTokenizer(wordLevel, { bos_token: { content: '[BOS]' }, eos_token: '[UNK]' });
    expect(tok.bosId).toBe(1);
    expect(tok.eosId).toBe(0);
    expect(tok.encode('the cat')).toEqual([1, 2, 3]);
    expect(tok.encode('the cat', { bos: false, eos: true })).toEqual([2, 3, 0]);
  });

  it('fills omitted optional sections and reports unsupported JSON clearly', () => {
    const { normalizer: _n, decoder: _d, post_processor: _p, ...partial } = wordLevel;
    expect(createHfTokenizer(partial).encode('on the')).toEqual([5, 2]);
    const bad = (() => {
      try {
        createHfTokenizer({ ...wordLevel, decoder: { type: 'Nope' } }, {}, 'x/tokenizer.json');
      } catch (e) {
        return e as ReasonkitError;
      }
      return undefined;
    })();
    expect(ReasonkitError.is(bad, 'TOKENIZER_INVALID')).toBe(true);
    expect(bad!.message).toMatch(/x\/tokenizer\.json.*Nope/);
    expect(() => createHfTokenizer({ added_tokens: [] })).toThrowError(/missing "model"/);
    expect(() => createHfTokenizer(wordLevel).decode([6])).toThrowError(/ids\.0 is 6/);
  });
});
