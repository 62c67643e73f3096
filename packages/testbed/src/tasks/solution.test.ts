import { describe, expect, it } from 'vitest';
import { countCarries } from './problem.js';
import { createPrng } from '../random/prng.js';
import { noThinkingPrompt, thinkingCompletion, thinkingPrompt } from './format.js';
import { generateLevelProblems, LEVELS } from './levels.js';
import { exactAnswer } from './problem.js';
import { parseStateLine, renderStateLine, solve } from './solution.js';

describe('solve', () => {
  it('writes the column method for 347 + 85 exactly (hand-worked)', () => {
    const sol = solve({ op: 'add', a: 347, b: 85 });
    expect(sol.lines).toEqual([
      '  347+   85 c0       ',
      '   34+    8 c1 2     ',
      '    3+      c1 32    ',
      '     +      c0 432   ',
    ]);
    expect(sol.answer).toBe('432');
    expect(sol.steps).toEqual([...sol.lines, '432']);
    expect(thinkingPrompt({ op: 'add', a: 347, b: 85 }) + thinkingCompletion(sol)).toBe(
      '  347+   85 c0       \n<think>\n' + sol.lines.map((l) => `${l}\n`).join('') + '</think>\n\n432',
    );
    expect(noThinkingPrompt({ op: 'add', a: 347, b: 85 })).toBe(
      '  347+   85 c0       \n<think>Okay, I think I have finished thinking.</think>\n\n',
    );
  });

  it('handles a final carry, borrows and multiplication carries (hand-worked)', () => {
    expect(solve({ op: 'add', a: 99, b: 1 }).lines).toEqual([
      '   99+    1 c0       ',
      '    9+      c1 0     ',
      '     +      c1 00    ',
      '     +      c0 100   ',
    ]);
    expect(solve({ op: 'sub', a: 503, b: 47 }).lines).toEqual([
      '  503-   47 c0       ',
      '   50-    4 c1 6     ',
      '    5-      c1 56    ',
      '     -      c0 456   ',
    ]);
    expect(solve({ op: 'mul', a: 4096, b: 7 }).lines).toEqual([
      ' 4096*    7 c0       ',
      '  409*    7 c4 2     ',
      '   40*    7 c6 72    ',
      '    4*    7 c0 672   ',
      '     *    7 c2 8672  ',
      '     *    7 c0 28672 ',
    ]);
    expect(solve({ op: 'add', a: 0, b: 0 }).answer).toBe('0');
  });

  it('lines are fixed width and parse back to their state', () => {
    for (const level of LEVELS) {
      for (const p of generateLevelProblems(level, 200, 5)) {
        const sol = solve(p);
        expect(sol.answer).toBe(String(exactAnswer(p)));
        sol.states.forEach((s, i) => {
          expect(sol.lines[i]).toHaveLength(21);
          expect(parseStateLine(p.op, sol.lines[i]!)).toEqual(s);
          expect(renderStateLine(p.op, s)).toBe(sol.lines[i]);
        });
      }
    }
  });

  it('rejects problems outside the suite', () => {
    expect(() => solve({ op: 'sub', a: 3, b: 5 })).toThrow(/problem\.b/);
    expect(() => solve({ op: 'mul', a: 3, b: 12 })).toThrow(/one digit/);
    expect(() => solve({ op: 'add', a: 100000, b: 1 })).toThrow(/problem\.a/);
  });
});

describe('levels', () => {
  it('generate operands of the stated width, deterministically per seed', () => {
    for (const level of LEVELS) {
      const ps = generateLevelProblems(level, 300, 11);
      expect(generateLevelProblems(level, 300, 11)).toEqual(ps);
      expect(generateLevelProblems(level, 300, 12)).not.toEqual(ps);
      for (const p of ps) {
        expect(String(p.a)).toHaveLength(level.digits);
        if (level.op === 'mul') expect(p.b).toBeGreaterThanOrEqual(2);
        else expect(String(p.b)).toHaveLength(level.digits);
        if (level.op === 'sub') {
          expect(p.a).toBeGreaterThanOrEqual(p.b);
          if (level.digits > 1) expect(String(p.a - p.b)).toHaveLength(level.digits);
        }
      }
    }
  });

  it('the PRNG is mulberry32 (first outputs of seeds 0 and 42)', () => {
    // Reference outputs from an independent Python big-integer implementation of mulberry32.
    const u32 = (seed: number) => {
      const prng = createPrng(seed);
      return [prng.next(), prng.next(), prng.next()].map((x) => Math.round(x * 4294967296));
    };
    expect(u32(0)).toEqual([1144304738, 1416247, 958946056]);
    expect(u32(42)).toEqual([2581720956, 1925393290, 3661312704]);
  });
});

describe('countCarries', () => {
  it('counts column carries of additions (hand-worked)', () => {
    // 347 + 85: 7+5 = 12 (carry), 4+8+1 = 13 (carry), 3+0+1 = 4 → 2.
    expect(countCarries({ op: 'add', a: 347, b: 85 })).toBe(2);
    // 99999 + 1: every column carries → 5.
    expect(countCarries({ op: 'add', a: 99999, b: 1 })).toBe(5);
    expect(countCarries({ op: 'add', a: 123, b: 456 })).toBe(0);
    expect(countCarries({ op: 'add', a: 5, b: 5 })).toBe(1);
    // 909 + 91: 9+1 = 10 (carry), 0+9+1 = 10 (carry), 9+0+1 = 10 (carry) → 3.
    expect(countCarries({ op: 'add', a: 909, b: 91 })).toBe(3);
    expect(countCarries({ op: 'mul', a: 99, b: 9 })).toBe(0);
  });
});
