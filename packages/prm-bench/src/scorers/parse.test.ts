import { describe, expect, it } from 'vitest';
import { majorityVote, parseBoxedIndex, parsePrmBenchCritique, stripStepPrefix } from './parse.js';

describe('critic parsing (spec §11.5)', () => {
  it('JSON with // and # comments', () => {
    const text = '{\n "validity": [1, -0.5], // step 2 is off\n # a note\n "redundancy": [-1, 0.2]\n}';
    expect(parsePrmBenchCritique(text)).toEqual({ validity: [1, -0.5], redundancy: [-1, 0.2] });
  });
  it('JSON in code fences, with a "#" and "//" inside strings kept', () => {
    const text = 'Here:\n```json\n{"note": "see #2 // ok", "validity": [1], "redundancy": [0]}\n```';
    expect(parsePrmBenchCritique(text)).toEqual({ validity: [1], redundancy: [0] });
  });
  it('first block invalid, second valid', () => {
    expect(parsePrmBenchCritique('{not json} then {"validity": [0.5], "redundancy": [-1]}')).toEqual({ validity: [0.5], redundancy: [-1] });
  });
  it('missing redundancy → invalid (null)', () => {
    expect(parsePrmBenchCritique('{"validity": [1, 1]}')).toBeNull();
    expect(parsePrmBenchCritique('no json at all')).toBeNull();
  });
  it('nested braces: the outermost object is parsed', () => {
    expect(parsePrmBenchCritique('{"meta": {"a": {"b": 1}}, "validity": [1], "redundancy": [0]}')).toEqual({ validity: [1], redundancy: [0] });
  });
  it('\\boxed{3} then \\boxed{-1} → −1; \\boxed{x} → null; none → null', () => {
    expect(parseBoxedIndex('first \\boxed{3} later \\boxed{-1}')).toBe(-1);
    expect(parseBoxedIndex('\\boxed{x}')).toBeNull();
    expect(parseBoxedIndex('the answer is 2')).toBeNull();
    expect(parseBoxedIndex('\\boxed{ 4 }')).toBe(4);
  });
  it('as upstream extract_answer + int(): a box with nested braces ends at the first } and hides earlier boxes; +2 → 2; empty → null', () => {
    expect(parseBoxedIndex('\\boxed{3} then \\boxed{\\frac{1}{2}}')).toBeNull();
    expect(parseBoxedIndex('\\boxed{+2}')).toBe(2);
    expect(parseBoxedIndex('\\boxed{}')).toBeNull();
  });
  it('voting: majority, ties to the first seen, nulls ignored', () => {
    expect(majorityVote([2, 3, 3, null])).toBe(3);
    expect(majorityVote([3, 2, 2, 3])).toBe(3);
    expect(majorityVote([null, null])).toBeNull();
  });
  it('strips Step n. and n. prefixes but not Step n:', () => {
    expect(stripStepPrefix('Step 3. Add')).toBe('Add');
    expect(stripStepPrefix('step 12.x')).toBe('x');
    expect(stripStepPrefix('4. Multiply')).toBe('Multiply');
    expect(stripStepPrefix('Step 1: Restate')).toBe('Step 1: Restate');
  });
});
