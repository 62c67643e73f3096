import { describe, expect, it } from 'vitest';
import { buildSyntheticPrmSet, PRM_ERROR_KINDS } from '../prm/synthetic-prm.js';
import { createPrng, deriveSeed } from '../random/prng.js';
import { checkAnswer, extractAnswer } from './check-answer.js';
import { checkSteps } from './check-steps.js';
import { generateProblem, LEVELS } from './levels.js';
import { solve } from './solution.js';

describe('checkSteps', () => {
  it('labels every step of 10,000 generated solutions correct', () => {
    const prng = createPrng(deriveSeed(7, 'check-steps'));
    let steps = 0;
    for (let k = 0; k < 10_000; k++) {
      const level = LEVELS[k % LEVELS.length]!;
      const p = generateProblem(prng, level.op, prng.int(1, level.digits));
      const sol = solve(p);
      const check = checkSteps(p, sol.steps);
      expect(check.firstError, `${JSON.stringify(p)}`).toBe(-1);
      expect(check.labels.every(Boolean)).toBe(true);
      steps += check.labels.length;
    }
    expect(steps).toBeGreaterThan(40_000);
  });

  it('labels every injected error (and everything after it) as an error, in 10,000 records', () => {
    const items = buildSyntheticPrmSet({ seed: 3, count: 10_000 });
    const kinds = new Map<string, number>();
    for (const { record, problem } of items) {
      const check = checkSteps(problem, record.modified_process);
      expect(check.errorSteps, record.idx).toEqual(record.error_steps);
      expect(check.firstError + 1).toBe(record.modified_steps[0]);
      expect(checkSteps(problem, record.original_process).firstError).toBe(-1);
      kinds.set(record.classification, (kinds.get(record.classification) ?? 0) + 1);
    }
    expect([...kinds.keys()].sort()).toEqual([...PRM_ERROR_KINDS].sort());
  });

  it('names the fault of each kind of bad step (hand-built)', () => {
    const p = { op: 'add', a: 347, b: 85 } as const;
    const [l0, l1, l2, l3] = solve(p).lines as [string, string, string, string];
    expect(checkSteps(p, [l0, l1, l2, l3, '432']).verdicts.every((v) => v === 'correct')).toBe(true);
    expect(checkSteps(p, [l0, l1, l2, l3, '433']).verdicts).toEqual(['correct', 'correct', 'correct', 'correct', 'transcription-mismatch']);
    expect(checkSteps(p, [l0, l1, l3, '432']).verdicts).toEqual(['correct', 'correct', 'invalid-transition', 'after-error']);
    expect(checkSteps(p, [l0, l1, l2, '432']).verdicts).toEqual(['correct', 'correct', 'correct', 'answer-before-end']);
    expect(checkSteps(p, [l0, l1.replace('c1', 'c0'), l2, l3, '432']).verdicts[1]).toBe('invalid-transition');
    expect(checkSteps(p, [l0.replace('347', '346'), l1]).verdicts[0]).toBe('wrong-restatement');
    expect(checkSteps(p, [l0, 'garbage', l2]).verdicts).toEqual(['correct', 'malformed', 'after-error']);
    expect(checkSteps(p, [l0, l1, l2, l3, l3, '432']).verdicts[4]).toBe('invalid-transition');
    expect(checkSteps(p, ['432']).labels).toEqual([false]);
  });
});

describe('checkAnswer', () => {
  it('reads the answer after the last close tag, exactly', () => {
    const p = { op: 'add', a: 347, b: 85 } as const;
    expect(extractAnswer('\n  347+ ...\n</think>\n\n432')).toBe('432');
    expect(checkAnswer(p, '\nx\n</think>\n\n432')).toBe(true);
    expect(checkAnswer(p, '432')).toBe(true);
    expect(checkAnswer(p, ' 432 \n')).toBe(true);
    expect(checkAnswer(p, '0432')).toBe(false);
    expect(checkAnswer(p, '431')).toBe(false);
    expect(checkAnswer(p, '432 apples')).toBe(false);
    expect(checkAnswer(p, '\n</think>\n\n')).toBe(false);
    expect(checkAnswer({ op: 'sub', a: 5, b: 5 }, '0')).toBe(true);
  });
});
