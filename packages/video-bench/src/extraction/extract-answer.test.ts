import { describe, expect, it } from 'vitest';
import { extractAnswer, extractStageB } from './extract-answer.js';

describe('extractAnswer parity cascade (spec §4.3 table)', () => {
  it.each([
    ['The answer is [[C]].', 'C', 'C', 'brackets'],
    ['I think [[B]] ... final: [[D]]', 'B', 'B', 'brackets'],
    ['Final answer: \\boxed{E}', 'E', 'E', 'boxed'],
    ['After thinking, the answer is (G).', 'G', 'G', 'bare-letter'],
    ['I believe it is a trick.', 'A', 'A', 'bare-letter'],
    ['[[M]] is not valid; so B', 'B', 'B', 'bare-letter'],
    ['None of these.', null, 'E', 'any-char'],
    ['', null, null, null],
    ['answer: [[ c ]]', 'C', 'C', 'bare-letter'],
    ['Option (K) fits best, not (J)', 'J', 'J', 'bare-letter'],
    ['[[c]]', 'C', 'C', 'bare-letter'],
    ['The correct option is K because the man hides a lighter.', 'A', 'A', 'bare-letter'],
  ] as const)('%j → A=%s final=%s', (response, stageA, final, step) => {
    const r = extractAnswer(response);
    expect(r.stageA).toBe(stageA);
    expect(r.final).toBe(final);
    expect(r.step).toBe(step);
  });

  it('treats a missing response as empty', () => {
    expect(extractAnswer(null)).toEqual({ stageA: null, final: null, strict: null, step: null });
    expect(extractAnswer(undefined).final).toBeNull();
  });

  it('stage B on its own: last mixed bracket, else last A–L character anywhere', () => {
    // Any bracketed letter is also a standalone letter for stage A, so through extractAnswer the
    // paren step only matters for rows whose stage A was not run; test it directly.
    expect(extractStageB('x [a) then (b] y')).toEqual({ letter: 'B', step: 'paren' });
    expect(extractStageB('(C) or [D]')).toEqual({ letter: 'D', step: 'paren' });
    expect(extractStageB('nothing here')).toEqual({ letter: 'E', step: 'any-char' });
    expect(extractStageB('xyz 123')).toEqual({ letter: null, step: null });
  });

  it('bare-letter matching is Unicode-aware like Python (ÉA: no match; -A-: match)', () => {
    expect(extractAnswer('ÉA').stageA).toBeNull();
    expect(extractAnswer('-A-').stageA).toBe('A');
    expect(extractAnswer('٣B').stageA).toBeNull(); // Arabic-Indic digit is a word character
  });
});

describe('extractAnswer strict mode (spec §4.3, §11.4)', () => {
  it('takes the last [[X]]', () => {
    expect(extractAnswer('I think [[B]] ... final: [[D]]').strict).toBe('D');
    expect(extractAnswer('[[C]] then \\boxed{F}').strict).toBe('F');
  });
  it('invalid or absent markers are unanswered', () => {
    expect(extractAnswer('[[M]] is not valid; so B').strict).toBeNull();
    expect(extractAnswer('I believe it is a trick.').strict).toBeNull();
    expect(extractAnswer('[[c]]').strict).toBeNull();
  });
  it('a letter outside the record options is unanswered', () => {
    const letters = ['A', 'B', 'C', 'D'];
    expect(extractAnswer('The answer is [[E]].', { letters }).strict).toBeNull();
    expect(extractAnswer('The answer is [[D]].', { letters }).strict).toBe('D');
    expect(extractAnswer('The answer is [[E]].', { letters }).final).toBe('E');
  });
});
