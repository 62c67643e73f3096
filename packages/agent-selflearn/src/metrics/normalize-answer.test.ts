import { mulberry32 } from '@reasonkit/core';
import { describe, expect, it } from 'vitest';
import { exactMatch, normalizeAnswer, subExactMatch, tokenF1 } from './normalize-answer.js';

describe('normalizeAnswer (T2, Search-R1 / SQuAD definition)', () => {
  it.each([
    ['The Eiffel Tower', 'eiffel tower'],
    ['an apple', 'apple'],
    ['A', ''],
    ['theatre', 'theatre'],
    ['  Paris,   France. ', 'paris france'],
    ["Don't", 'dont'],
    ['U.S.A.', 'usa'],
    ['the the the', ''],
    ['Tab\tand\nnewline', 'tab and newline'],
    ['Café Müller', 'café müller'],
    ['«quoted»', '«quoted»'],
    ['1,000', '1000'],
    ['Mother-in-law', 'motherinlaw'],
    ['AN Answer', 'answer'],
    ['ÉCOLE', 'école'],
  ])('%j → %j', (input, want) => {
    expect(normalizeAnswer(input)).toBe(want);
  });
});

describe('EM / subEM / F1 (T2)', () => {
  it.each([
    ['Paris', ['paris'], 1, 1],
    ['The Paris', ['Paris'], 1, 1],
    ['Paris, France', ['Paris'], 0, 1],
    ['Lyon', ['Paris'], 0, 0],
    ['conclusion: incorrect', ['correct'], 0, 1],
    ['', ['Paris'], 0, 0],
    ['Barack Obama', ['Obama', 'Barack Obama'], 1, 1],
  ] as const)('%j vs %j → EM %i subEM %i', (a, golds, em, sub) => {
    expect(exactMatch(a, golds)).toBe(em);
    expect(subExactMatch(a, golds)).toBe(sub);
  });
  it('token F1 as SQuAD', () => {
    expect(tokenF1('Barack Obama', ['Obama'])).toBeCloseTo((2 * 0.5 * 1) / 1.5, 12);
    expect(tokenF1('the cat sat', ['a cat sat down'])).toBeCloseTo((2 * 1 * (2 / 3)) / (1 + 2 / 3), 12);
    expect(tokenF1('x', ['y'])).toBe(0);
    expect(tokenF1('a b a', ['a a'])).toBeCloseTo(0, 12); // "a" is an article: both normalise to "b" and ""
  });
  it('EM ⇒ subEM on random pairs', () => {
    const random = mulberry32(7);
    const words = ['the', 'a', 'Paris', 'paris,', 'France', 'an', 'x', 'X.', ' '];
    const pick = () => Array.from({ length: 1 + Math.floor(random() * 4) }, () => words[Math.floor(random() * words.length)]).join(' ');
    let ems = 0;
    for (let i = 0; i < 5000; i++) {
      const a = pick();
      const g = [pick(), pick()];
      if (exactMatch(a, g)) {
        ems++;
        expect(subExactMatch(a, g)).toBe(1);
      }
    }
    expect(ems).toBeGreaterThan(50);
  });
});
