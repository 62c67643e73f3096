import { parseLlama2cTokenizer } from '@reasonkit/core';
import { describe, expect, it } from 'vitest';
import { encodeExample } from '../corpus/training-corpus.js';
import { FAKE_THOUGHT, noThinkingPrompt, THINK_CLOSE, THINK_OPEN, thinkingCompletion, thinkingPrompt } from '../tasks/format.js';
import { generateLevelProblems, LEVELS } from '../tasks/levels.js';
import { solve } from '../tasks/solution.js';
import { testbedVocab, writeLlama2cTokenizer } from './testbed-vocab.js';

const pieces = testbedVocab();
const tok = parseLlama2cTokenizer(writeLlama2cTokenizer(pieces), pieces.length, 'testbed vocabulary');
const id = (text: string) => pieces.findIndex((p) => p.text === text);

describe('testbed vocabulary', () => {
  it('keeps the llama2.c layout: <unk>, BOS, EOS, byte tokens 3 + b', () => {
    expect(pieces).toHaveLength(405);
    expect(pieces.slice(0, 3).map((p) => p.text)).toEqual(['<unk>', '\n<s>\n', '\n</s>\n']);
    expect(pieces[3 + 0x0a]!.text).toBe('<0x0A>');
    expect(pieces[258]!.text).toBe('<0xFF>');
    expect(new Set(pieces.map((p) => p.text)).size).toBe(pieces.length);
  });

  it('encodes the think tags and the fake thought as single tokens, digits as characters', () => {
    expect(tok.encode(THINK_OPEN)).toEqual([1, id(' '), id(THINK_OPEN)]);
    expect(tok.encode(`${THINK_OPEN}${FAKE_THOUGHT}${THINK_CLOSE}\n\n`)).toEqual([1, id(' '), id(THINK_OPEN), id(FAKE_THOUGHT), id(THINK_CLOSE), 13, 13]);
    expect(tok.encode('12+7')).toEqual([1, id(' '), id('1'), id('2'), id('+'), id('7')]);
  });

  it('gives every prompt of a mode the same length, and prompt ids prefix the full sequence', () => {
    for (const level of LEVELS) {
      for (const p of generateLevelProblems(level, 50, 1)) {
        expect(tok.encode(thinkingPrompt(p))).toHaveLength(25);
        expect(tok.encode(noThinkingPrompt(p))).toHaveLength(29);
        const text = thinkingPrompt(p) + thinkingCompletion(solve(p));
        const ex = encodeExample(tok, thinkingPrompt(p), thinkingCompletion(solve(p)));
        expect(ex.lossStart).toBe(25);
        expect(tok.decode(ex.ids.slice(0, -1))).toBe(text);
      }
    }
  });
});
