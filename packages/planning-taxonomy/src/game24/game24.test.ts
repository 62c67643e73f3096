import { describe, expect, it } from 'vitest';
import { createScriptedLM } from '../testing/index.js';
import { beamSearch } from '../strategies/beam-search.js';
import { bestFirstSearch } from '../strategies/best-first.js';
import { evaluateExact } from './expression.js';
import type { Game24State, Game24Step } from './game24.js';
import { checkGame24Answer, game24Init, game24OracleConfig, game24Steps, game24WorldModel, parseGame24Step, solveGame24, solveGame24FromState, game24Apply } from './game24.js';
import { game24Puzzles, parseGame24Csv, sampleGame24Puzzles, totGame24TestSet } from './puzzles.js';
import { add, div, eq, formatRational, mul, parseRational, rational, sub } from './rational.js';
import { totGame24 } from './tot-game24.js';

describe('exact rationals', () => {
  it('arithmetic in lowest terms', () => {
    expect(formatRational(add(rational(1, 3), rational(1, 6)))).toBe('1/2');
    expect(formatRational(sub(rational(3), rational(8, 3)))).toBe('1/3');
    expect(formatRational(mul(rational(-2, 4), rational(6)))).toBe('-3');
    expect(formatRational(div(rational(8), rational(1, 3))!)).toBe('24');
    expect(div(rational(1), rational(0))).toBeUndefined();
    expect(() => rational(1, 0)).toThrow(/zero denominator/);
    expect(parseRational('8/3')).toEqual(rational(8, 3));
    expect(parseRational('2.5')).toEqual(rational(5, 2));
    expect(parseRational('-4')).toEqual(rational(-4));
    expect(parseRational('1/0')).toBeUndefined();
    expect(parseRational('abc')).toBeUndefined();
  });
});

describe('G4 — Game of 24 with exact arithmetic', () => {
  it('{3, 3, 8, 8} via 8/(3−8/3) is a success; floating point gives 23.99999999999999', () => {
    expect(8 / (3 - 8 / 3)).toBe(23.99999999999999);
    const ev = evaluateExact('8/(3-8/3)');
    expect(ev.ok && formatRational(ev.value)).toBe('24');
    expect(checkGame24Answer('8/(3-8/3)', [3, 3, 8, 8])).toEqual({ success: true });
    expect(checkGame24Answer('8 / (3 − 8 / 3) = 24', [8, 3, 8, 3]).success).toBe(true);
  });
  it("ToT's test: last line, 'answer:' stripped, numbers as a multiset, value exactly 24", () => {
    expect(checkGame24Answer('Steps:\n4 + 8 = 12 (left: 4 6 12)\nAnswer: (4 + 8) * (6 - 4) = 24', [4, 4, 6, 8])).toEqual({ success: true });
    expect(checkGame24Answer('Answer: (4 + 8) * (6 - 4) = 24', [4, 4, 6, 9]).reason).toBe('uses 4 4 6 8, expected 4 4 6 9');
    expect(checkGame24Answer('Answer: (4 + 8) * (6 - 4) + 4 = 28', [4, 4, 6, 8]).success).toBe(false);
    expect(checkGame24Answer('(4 + 8) * (6 - 4) - 4', [4, 4, 6, 8, 4]).reason).toBe('equals 20, not 24');
    expect(checkGame24Answer('4 / (4 - 4) * 6', [4, 4, 4, 6]).reason).toMatch(/division by zero/);
    expect(checkGame24Answer('(4 + 8', [4, 8]).reason).toMatch(/expected '\)'/);
  });
  it('the solver finds an exactly checked expression for {3,3,8,8}, {1,5,5,5}, {3,3,7,7}; none for {1,1,1,1}', () => {
    for (const p of [
      [3, 3, 8, 8],
      [1, 5, 5, 5],
      [3, 3, 7, 7],
      [4, 4, 6, 8],
    ]) {
      const e = solveGame24(p);
      expect(e, p.join(' ')).not.toBeNull();
      expect(checkGame24Answer(e!, p), `${p.join(' ')}: ${e}`).toEqual({ success: true });
    }
    expect(solveGame24([1, 1, 1, 1])).toBeNull();
    expect(solveGame24([1, 1, 1, 2])).toBeNull();
  });
});

/** Naive reference: floating point with a tolerance, every pair and operation, no memo. */
function naiveSolvable(xs: number[]): boolean {
  if (xs.length === 1) return Math.abs(xs[0]! - 24) < 1e-9;
  for (let i = 0; i < xs.length; i++)
    for (let j = 0; j < xs.length; j++) {
      if (i === j) continue;
      const rest = xs.filter((_, k) => k !== i && k !== j);
      const a = xs[i]!;
      const b = xs[j]!;
      const cands = [a + b, a - b, a * b];
      if (b !== 0) cands.push(a / b);
      for (const c of cands) if (naiveSolvable([...rest, c])) return true;
    }
  return false;
}

describe('Game-of-24 puzzles', () => {
  const all = game24Puzzles();
  it('1,362 of the 1,820 multisets from 1–13 are solvable (the size of ToT’s 24.csv); every solution checks exactly', () => {
    expect(all).toHaveLength(1362);
    expect(all[0]).toEqual([1, 1, 1, 8]);
    for (const p of all) expect(checkGame24Answer(solveGame24(p)!, p).success).toBe(true);
  });
  it('agrees with a naive floating-point brute force on all 1,820 multisets', () => {
    const solvable = new Set(all.map((p) => p.join()));
    let n = 0;
    for (let a = 1; a <= 13; a++)
      for (let b = a; b <= 13; b++)
        for (let c = b; c <= 13; c++)
          for (let d = c; d <= 13; d++) {
            n++;
            expect(solvable.has([a, b, c, d].join()), [a, b, c, d].join()).toBe(naiveSolvable([a, b, c, d]));
          }
    expect(n).toBe(1820);
  });
  it('seeded samples are deterministic; the CSV parser keeps file order and reports bad rows', () => {
    expect(sampleGame24Puzzles(5, 42)).toEqual(sampleGame24Puzzles(5, 42));
    expect(sampleGame24Puzzles(5, 42)).not.toEqual(sampleGame24Puzzles(5, 43));
    const csv = 'Rank,Puzzles,AMT (s),Solved rate,1-sigma Mean (s),1-sigma STD (s)\n1,1 1 4 6,4.4,99.20%,4.67,1.48\n2,1 1 11 11,4.41,99.60%,4.68,1.45\n3,oops,1,1,1,1\n';
    expect(parseGame24Csv(csv)).toEqual({ puzzles: [[1, 1, 4, 6], [1, 1, 11, 11]], badRows: [4] });
    expect(totGame24TestSet(all).length).toBe(100);
  });
});

describe('Game of 24 as a world model / search task', () => {
  it('parses ToT proposal lines exactly against the state', () => {
    const s = game24Init([2, 8, 8, 14]);
    const ok = parseGame24Step('2 + 8 = 10 (left: 8 10 14)', s);
    expect(ok.ok && game24Apply(s, ok.step)!.steps).toEqual(['2 + 8 = 10 (left: 8 10 14)']);
    expect(parseGame24Step('2 + 8 = 11 (left: 8 11 14)', s)).toEqual({ ok: false, error: "'2 + 8 = 11 (left: 8 11 14)' is wrong: 2 + 8 = 10" });
    expect(parseGame24Step('3 + 8 = 11', s).ok).toBe(false);
    expect(parseGame24Step('8 - 8 = 0 (left: 0 2 14)', s).ok).toBe(true); // both 8s
    expect(parseGame24Step('14 - 2 = 12 (left: 8 12)', s)).toEqual({ ok: false, error: "'14 - 2 = 12 (left: 8 12)' lists the wrong numbers left (should be 8 8 12)" });
    expect(parseGame24Step('Let us think', s).ok).toBe(false);
    const t = game24Init([3, 3, 8, 8]);
    const frac = parseGame24Step('8 / 3 = 8/3 (left: 3 8 8/3)', t);
    expect(frac.ok).toBe(true);
    expect(parseGame24Step('8 / 3 = 2.67 (left: 3 8 2.67)', t).ok).toBe(false); // not exact
  });
  it('beam search and bestFirstSearch with the exact oracle solve {3,3,8,8}', async () => {
    const wm = game24WorldModel();
    const init = await wm.init([3, 3, 8, 8]);
    const r = await beamSearch<Game24State, Game24Step>({ beamSize: 1, maxDepth: 3 }).run(wm, game24OracleConfig(), init);
    const last = r.trace.states.at(-1)!;
    expect(r.terminal).toBe(true);
    expect(checkGame24Answer(last.exprs[0]!, [3, 3, 8, 8]).success).toBe(true);
    const bf = await bestFirstSearch<Game24State, Game24Step>({
      mode: 'gbfs',
      h: (s) => (solveGame24FromState(s) ? s.numbers.length - 1 : Infinity),
      key: (s) => s.numbers.map(formatRational).sort().join(' '),
    }).run({ ...wm, isTerminal: (s) => s.numbers.length === 1 && eq(s.numbers[0]!, rational(24)) }, game24OracleConfig(), init);
    expect(bf.terminal).toBe(true);
    expect(bf.trace.actions).toHaveLength(3);
    expect(game24Steps(init).length).toBeGreaterThan(0);
  });
});

describe('totGame24 (ScriptedLM)', () => {
  const replies = (p: string) => {
    if (p.includes('Possible next steps')) {
      const input = /Input: (.*)\nPossible next steps:\n$/.exec(p)![1]!;
      if (input === '3 3 8 8') return '3 + 3 = 6 (left: 6 8 8)\n8 / 3 = 8/3 (left: 3 8 8/3)\n3 * 8 = 25 (left: 3 8 25)';
      if (input === '8/3 3 8') return '3 - 8/3 = 1/3 (left: 1/3 8)\n8 + 3 = 11 (left: 8/3 11)';
      if (input === '1/3 8') return '8 / 1/3 = 24 (left: 24)';
      if (input === '6 8 8') return '8 - 6 = 2 (left: 2 8)';
      if (input === '2 8') return '8 * 2 = 16 (left: 16)';
      return '';
    }
    const nums = /Numbers: (.*)\n$/.exec(p)![1]!;
    return ['8/3 3 8', '1/3 8'].includes(nums) ? 'sure' : nums === '6 8 8' ? 'likely' : 'impossible';
  };
  it('propose → value → top b finds 8 / (3 − 8/3); wrong proposals are rejected exactly', async () => {
    const lm = createScriptedLM({ replies });
    const r = await totGame24({ b: 2, nEvaluate: 3 })([3, 3, 8, 8], lm);
    expect(r.success).toBe(true);
    expect(r.expression).toBe('(8 / (3 - (8 / 3)))');
    expect(checkGame24Answer(r.expression!, [3, 3, 8, 8]).success).toBe(true);
    // Steps are re-rendered canonically (numbers left ascending: 8/3 < 3).
    expect(r.steps).toEqual(['8 / 3 = 8/3 (left: 8/3 3 8)', '3 - 8/3 = 1/3 (left: 1/3 8)', '8 / 1/3 = 24 (left: 24)']);
    expect(r.invalidProposals).toEqual(["'3 * 8 = 25 (left: 3 8 25)' is wrong: 3 * 8 = 24"]);
    expect(r.stopReason).toBe('terminal');
    // Calls: depth 0: 1 propose + 2 values; depth 1 (2 states): 2 proposes + 3 values (8+3, 3−8/3, 8−6); depth 2: 2 proposes, no LM value for the last step.
    // Each value is nEvaluate = 3 samples, i.e. 3 calls (spec §5.5: "nEvaluate 3 calls per candidate").
    expect(r.usage.llmCalls).toBe(1 + 2 * 3 + 2 + 3 * 3 + 2);
    expect(r.usage.llmCalls).toBe(lm.prompts.length);
  });
  it('an llmCalls budget stops it with a stopReason', async () => {
    const r = await totGame24({ b: 2, budget: { llmCalls: 1 } })([3, 3, 8, 8], createScriptedLM({ replies }));
    expect(r.success).toBe(false);
    expect(r.stopReason).toBe('budget-llm-calls');
  });
});
