import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { STORY_TEXT, TOKENIZER_GOLDENS } from '../test-utils/llama2c-goldens.js';
import { haveReferenceModel, readTokenizerBytes } from '../test-utils/shared-models.js';
import { createUtf8StreamDecoder } from '../tokenizer/utf8-stream.js';
import { type Llama2cTokenizer, parseLlama2cTokenizer } from './llama2c-tokenizer.js';
import { catchError } from '../test-utils/expect-error.js';

/** Naive O(n²) merge loop exactly as run.c: rescan all pairs, strict `>` keeps the leftmost. */
function naiveMerge(tok: Llama2cTokenizer, initial: readonly number[]): number[] {
  const key = (id: number) => String.fromCharCode(...tok.pieces[id]!.bytes);
  const tokens = [...initial];
  for (;;) {
    let best = -Infinity;
    let bestId = -1;
    let bestIdx = -1;
    for (let i = 0; i + 1 < tokens.length; i++) {
      const id = tok.lookup(key(tokens[i]!) + key(tokens[i + 1]!));
      if (id !== undefined && tok.score(id) > best) {
        best = tok.score(id);
        bestId = id;
        bestIdx = i;
      }
    }
    if (bestIdx < 0) return tokens;
    tokens.splice(bestIdx, 2, bestId);
  }
}

/** A small hand-made tokenizer file: pieces with scores. */
function buildTokenizerFile(pieces: ReadonlyArray<readonly [string, number]>, maxLen = 8): Uint8Array {
  const enc = new TextEncoder();
  const chunks = pieces.map(([p, s]) => {
    const b = enc.encode(p);
    const out = new Uint8Array(8 + b.length);
    const v = new DataView(out.buffer);
    v.setFloat32(0, s, true);
    v.setInt32(4, b.length, true);
    out.set(b, 8);
    return out;
  });
  const total = 4 + chunks.reduce((n, c) => n + c.length, 0);
  const file = new Uint8Array(total);
  new DataView(file.buffer).setInt32(0, maxLen, true);
  let o = 4;
  for (const c of chunks) {
    file.set(c, o);
    o += c.length;
  }
  return file;
}


describe('Llama2cTokenizer on a hand-made vocabulary', () => {
  // 0..2 specials, then 256 byte tokens, then merges with tied scores.
  const pieces: Array<[string, number]> = [
    ['<unk>', 0],
    ['\n<s>\n', 0],
    ['\n</s>\n', 0],
  ];
  for (let b = 0; b < 256; b++) pieces.push([`<0x${b.toString(16).toUpperCase().padStart(2, '0')}>`, 0]);
  pieces.push([' ', -1], ['a', -2], ['b', -2], ['ab', -5], ['ba', -5], [' a', -3], ['aba', -4]);
  const tok = parseLlama2cTokenizer(buildTokenizerFile(pieces), pieces.length, 'hand.bin');
  const id = (p: string) => tok.lookup(p)!;

  it('merges the leftmost pair among equal scores', () => {
    // "bab" → [" ", b, a, b]; "ba"(-5) and "ab"(-5) tie: leftmost " "+"b"? no piece; b+a wins.
    expect(tok.encode('bab', { bos: false })).toEqual([id(' '), id('ba'), id('b')]);
    expect(tok.encode('bab', { bos: false })).toEqual(naiveMerge(tok, tok.initialTokens(new TextEncoder().encode('bab'))));
  });

  it('prefers the higher score over position', () => {
    // " ab": " a" (-3) beats "ab" (-5) even though both start at the left.
    expect(tok.encode('ab', { bos: false })).toEqual([id(' a'), id('b')]);
  });

  it('matches the naive rescan on random strings over its alphabet', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'b', ' ', 'c', 'é') }), (s) => {
        const initial = tok.initialTokens(new TextEncoder().encode(s));
        expect(tok.merge(initial)).toEqual(naiveMerge(tok, initial));
        expect(tok.decode(tok.encode(s))).toBe(s);
      }),
      { numRuns: 500, seed: 42 },
    );
  });

  it('errors on a truncated file, naming the token index reached', () => {
    const file = buildTokenizerFile(pieces);
    const e = catchError(() => parseLlama2cTokenizer(file.subarray(0, file.length - 2), pieces.length, 'cut.bin'));
    expect(e.code).toBe('TOKENIZER_INVALID');
    expect(e.message).toContain(`token ${pieces.length - 1}`);
    expect(e.message).toContain('cut.bin');
    expect(e.details.record).toBe(pieces.length - 1);
  });

  it('errors when the vocab size disagrees with the file, stating the expected size', () => {
    const file = buildTokenizerFile(pieces);
    const small = catchError(() => parseLlama2cTokenizer(file, pieces.length - 3, 'tok.bin'));
    expect(small.code).toBe('TOKENIZER_INVALID');
    expect(small.message).toContain(`expected vocab size ${pieces.length - 3}`);
    expect(small.message).toContain(`holds ${pieces.length} tokens`);
    const big = catchError(() => parseLlama2cTokenizer(file, pieces.length + 1, 'tok.bin'));
    expect(big.message).toContain(`expected vocab size ${pieces.length + 1}`);
    expect(big.message).toContain(`token ${pieces.length}`);
  });
});

describe.skipIf(!haveReferenceModel)('Llama2cTokenizer on tok512 (spec §9.4)', () => {
  const tok = haveReferenceModel ? parseLlama2cTokenizer(readTokenizerBytes(), 512, 'tok512.bin') : undefined!;

  it('reads the vocabulary layout', () => {
    expect(tok.maxTokenLength).toBe(7);
    expect(tok.vocabSize).toBe(512);
    expect(tok.idToToken(1)).toBe('\n<s>\n');
    expect(tok.idToToken(13)).toBe('<0x0A>');
    expect(tok.idToToken(259)).toBe(' t');
    expect(tok.idToToken(410)).toBe(' ');
    expect(tok.idToToken(512)).toBeUndefined();
  });

  it.each(TOKENIZER_GOLDENS)('encodes %j to the golden ids and round-trips', (text, ids) => {
    expect(tok.encode(text)).toEqual(ids);
    expect(tok.decode(ids)).toBe(text);
  });

  it('adds EOS on request and decodes specials only when asked', () => {
    expect(tok.encode('Once', { bos: false, eos: true })).toEqual([403, 2]);
    expect(tok.decode([1, 403, 2], { skipSpecial: false })).toBe('\n<s>\nOnce\n</s>\n');
    // the leading space of a piece after BOS is dropped, but not elsewhere
    expect(tok.decode([403, 403])).toBe(' Once Once');
    expect(tok.decode([1, 403, 403])).toBe('Once Once');
  });

  it('decodes byte tokens to raw bytes and streams incomplete UTF-8 safely', () => {
    const ids = tok.encode('naïve café 🙂');
    const dec = createUtf8StreamDecoder();
    const chunks: string[] = [];
    let prev: number | undefined;
    for (const id of ids) {
      chunks.push(dec.push(tok.decodeBytes([id], { prev })));
      prev = id;
    }
    chunks.push(dec.flush());
    expect(chunks.join('')).toBe('naïve café 🙂');
    expect(chunks.every((c) => !c.includes('\uFFFD'))).toBe(true);
    // the emoji's 4 byte tokens yield text only with the last one
    expect(chunks.slice(-5, -1)).toEqual(['', '', '', '🙂']);
  });

  it('matches the naive merge loop and round-trips arbitrary unicode (fast-check)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }), fc.string()), (s) => {
        // lone surrogates are not encodable; they become U+FFFD like TextEncoder does
        const wellFormed = new TextDecoder().decode(new TextEncoder().encode(s));
        expect(tok.decode(tok.encode(s))).toBe(wellFormed);
        if (!/[\uD800-\uDFFF]/.test(s)) expect(wellFormed).toBe(s);
        const initial = tok.initialTokens(new TextEncoder().encode(s));
        expect(tok.merge(initial)).toEqual(naiveMerge(tok, initial));
      }),
      { numRuns: 1000, seed: 7 },
    );
  });

  it('round-trips long stories-like text', () => {
    const text = STORY_TEXT;
    const long = text.repeat(20);
    const ids = tok.encode(long);
    expect(tok.decode(ids)).toBe(long);
    const initial = tok.initialTokens(new TextEncoder().encode(text));
    expect(tok.merge(initial)).toEqual(naiveMerge(tok, initial));
  });
});
