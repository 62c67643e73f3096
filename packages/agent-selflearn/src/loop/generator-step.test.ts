import { mulberry32 } from '@reasonkit/core';
import { describe, expect, it } from 'vitest';
import { balancedGrmRows, isValidTask, keepForPool, parseGeneratorOutput } from './generator-step.js';

const attempts = (k: number, n = 10) => Array.from({ length: n }, (_, i) => ({ score: i < k ? 1 : 0, item: i }));

describe('PG step helpers (T13)', () => {
  it('parses the last question/answer and applies validity', () => {
    const t = parseGeneratorOutput('<question>draft?</question><question>Which city is the capital of France?</question><answer> Paris </answer>');
    expect(t).toEqual({ question: 'Which city is the capital of France?', answer: 'Paris' });
    expect(isValidTask(t)).toBe(true);
    expect(isValidTask({ question: 'Short?', answer: 'x' })).toBe(false); // < 10 chars
    expect(isValidTask({ question: 'Is this long enough? yes, it is', answer: 'x' })).toBe(false); // no ? in last 5
    expect(isValidTask({ question: 'Who wrote it? (1)', answer: 'x' })).toBe(true); // ? among the last 5
    expect(isValidTask({ question: 'Which city is it?' })).toBe(false);
    expect(isValidTask(parseGeneratorOutput('<question>   </question><answer>x</answer>'))).toBe(false);
  });
  it('keep filter: reward > 0, > 20 chars, ends with ?', () => {
    expect(keepForPool('Which city is the capital of France?', 0.5)).toBe(true);
    expect(keepForPool('Which city is the capital of France?', 0)).toBe(false);
    expect(keepForPool('Capital of France?', 0.5)).toBe(false);
    expect(keepForPool('Which city is the capital of France? ', 0.5)).toBe(false);
  });
  it('balanced GRM rows: 5/5 → 10, 7/3 → 6, 3/7 → 6, 10/0 → 0, 0/10 → 0', () => {
    const r = mulberry32(37);
    expect(balancedGrmRows(attempts(5), r)).toHaveLength(10);
    const seven = balancedGrmRows(attempts(7), r);
    expect(seven).toHaveLength(6);
    expect(seven.filter((x) => x.label === 'wrong')).toHaveLength(3);
    expect(new Set(seven.map((x) => x.item)).size).toBe(6);
    const three = balancedGrmRows(attempts(3), r);
    expect(three.filter((x) => x.label === 'correct')).toHaveLength(3);
    expect(three).toHaveLength(6);
    expect(balancedGrmRows(attempts(10), r)).toEqual([]);
    expect(balancedGrmRows(attempts(0), r)).toEqual([]);
  });
  it('sampling is seeded', () => {
    expect(balancedGrmRows(attempts(8), mulberry32(1))).toEqual(balancedGrmRows(attempts(8), mulberry32(1)));
  });
});
