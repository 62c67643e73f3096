import { ReasonkitError } from '@reasonkit/core';
import type { SearchConfig, WorldModel } from '../strategies/search-core.js';
import { evaluateExact } from './expression.js';
import type { Rational } from './rational.js';
import { add, cmp, div, eq, formatRational, mul, parseRational, rational, sub } from './rational.js';

/** A Game-of-24 arithmetic operator. */
export type Game24Op = '+' | '-' | '*' | '/';
/** The Game-of-24 target, 24. */
export const GAME24_TARGET = rational(24);

/** The numbers left (exact), each with the expression that produced it, and the steps so far. */
export interface Game24State {
  readonly numbers: readonly Rational[];
  readonly exprs: readonly string[];
  readonly steps: readonly string[];
}

/** Combine numbers[i] and numbers[j] (i ≠ j, in that order) with `op`. */
export interface Game24Step {
  readonly i: number;
  readonly j: number;
  readonly op: Game24Op;
}

/** The initial Game-of-24 state of a puzzle. */
export function game24Init(puzzle: readonly number[]): Game24State {
  if (puzzle.length === 0 || puzzle.some((x) => !Number.isInteger(x))) {
    throw new ReasonkitError('INVALID_ARGUMENT', `game24: a puzzle is a non-empty list of integers, got [${puzzle.join(', ')}]`, { field: 'puzzle' });
  }
  return { numbers: puzzle.map((x) => rational(x)), exprs: puzzle.map(String), steps: [] };
}

/** Applies `op` to `a` and `b` (undefined for division by zero). */
export function applyOp(a: Rational, b: Rational, op: Game24Op): Rational | undefined {
  return op === '+' ? add(a, b) : op === '-' ? sub(a, b) : op === '*' ? mul(a, b) : div(a, b);
}

/** Numbers left, ascending, as ToT writes them: `8 10 14`. */
export function formatLeft(numbers: readonly Rational[]): string {
  return [...numbers].sort(cmp).map(formatRational).join(' ');
}

/** Applies a step; undefined for an illegal one (bad index, i = j, division by zero). */
export function game24Apply(s: Game24State, st: Game24Step): Game24State | undefined {
  const { i, j, op } = st;
  const a = s.numbers[i];
  const b = s.numbers[j];
  if (a === undefined || b === undefined || i === j) return undefined;
  const r = applyOp(a, b, op);
  if (!r) return undefined;
  const keep = (_: unknown, k: number) => k !== i && k !== j;
  const numbers = [...s.numbers.filter(keep), r];
  const exprs = [...s.exprs.filter(keep), `(${s.exprs[i]} ${op} ${s.exprs[j]})`];
  const line = `${formatRational(a)} ${op} ${formatRational(b)} = ${formatRational(r)} (left: ${formatLeft(numbers)})`;
  return { numbers, exprs, steps: [...s.steps, line] };
}

/** All legal steps: + and * once per unordered pair, − and / both ways; duplicates by value skipped (our choice). */
export function game24Steps(s: Game24State): Game24Step[] {
  const out: Game24Step[] = [];
  const seen = new Set<string>();
  const n = s.numbers.length;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (i === j) continue;
      for (const op of ['+', '-', '*', '/'] as const) {
        if ((op === '+' || op === '*') && j < i) continue;
        const key = `${formatRational(s.numbers[i]!)}${op}${formatRational(s.numbers[j]!)}`;
        if (seen.has(key)) continue;
        seen.add(key);
        if (op === '/' && s.numbers[j]!.n === 0n) continue;
        out.push({ i, j, op });
      }
    }
  }
  return out;
}

/** True when one number is left and it is 24. */
export const game24IsSolved = (s: Game24State) => s.numbers.length === 1 && eq(s.numbers[0]!, GAME24_TARGET);

/** The Game of 24 as a world model: state = numbers left; terminal when one number is left. */
export function game24WorldModel(): WorldModel<Game24State, Game24Step, readonly number[]> {
  return {
    init: (puzzle) => game24Init(puzzle),
    step: async (s, a) => {
      const t = game24Apply(s, a);
      if (!t) throw new ReasonkitError('INVALID_ARGUMENT', `game24: illegal step ${JSON.stringify(a)} in state (${formatLeft(s.numbers)})`, { field: 'action' });
      return { state: t };
    },
    isTerminal: (s) => s.numbers.length <= 1,
  };
}

/** Exact solver: an expression over the puzzle's numbers equal to `target` exactly, or null. */
export function solveGame24(puzzle: readonly number[], target: Rational = GAME24_TARGET): string | null {
  return solveGame24FromState(game24Init(puzzle), target);
}

const multiset = (xs: readonly number[]) => [...xs].sort((a, b) => a - b).join(' ');

/**
 * ToT's success test, exactly: the answer is the last line, without `answer:` and anything from
 * `=` on; its integer literals must be the puzzle's numbers (as a multiset) and its exact value 24.
 */
export function checkGame24Answer(output: string, puzzle: readonly number[]): { success: boolean; reason?: string } {
  const last = output.trim().split('\n').pop() ?? '';
  const expr = last.toLowerCase().replace('answer:', '').split('=')[0]!.trim();
  const ev = evaluateExact(expr);
  if (!ev.ok) return { success: false, reason: `not an expression: ${ev.error}` };
  if (multiset(ev.numbers) !== multiset(puzzle)) return { success: false, reason: `uses ${multiset(ev.numbers)}, expected ${multiset(puzzle)}` };
  if (!eq(ev.value, GAME24_TARGET)) return { success: false, reason: `equals ${formatRational(ev.value)}, not 24` };
  return { success: true };
}

/**
 * Parses one ToT proposal line `a op b = c (left: …)` against the state: a and b must be numbers
 * left (exact), c must equal a op b exactly (fractions `8/3` or finite decimals accepted), and
 * the `(left: …)` part, when present, must list the numbers that would be left. Returns the step.
 */
export function parseGame24Step(line: string, s: Game24State): { ok: true; step: Game24Step } | { ok: false; error: string } {
  const num = String.raw`-?\d+(?:\.\d+)?(?:/\d+)?`;
  const m = new RegExp(String.raw`^\s*(?:\d+[.)]\s+)?(${num})\s*([-+*/×÷x−])\s*(${num})\s*=\s*(${num})\s*(?:\(left:\s*([^)]*)\))?`).exec(line);
  if (!m) return { ok: false, error: `not a step: '${line.trim()}'` };
  const opMap: Record<string, Game24Op> = { '+': '+', '-': '-', '−': '-', '*': '*', x: '*', '×': '*', '/': '/', '÷': '/' };
  const op = opMap[m[2]!]!;
  const a = parseRational(m[1]!);
  const b = parseRational(m[3]!);
  const c = parseRational(m[4]!);
  if (!a || !b || !c) return { ok: false, error: `bad number in '${line.trim()}'` };
  const i = s.numbers.findIndex((x) => eq(x, a));
  const j = s.numbers.findIndex((x, k) => k !== i && eq(x, b));
  if (i < 0 || j < 0) return { ok: false, error: `'${line.trim()}' uses numbers not left (${formatLeft(s.numbers)})` };
  const r = applyOp(a, b, op);
  if (!r || !eq(r, c)) return { ok: false, error: `'${line.trim()}' is wrong: ${formatRational(a)} ${op} ${formatRational(b)} = ${r ? formatRational(r) : 'undefined'}` };
  const step: Game24Step = { i, j, op };
  if (m[5] !== undefined) {
    const claimed = m[5].trim().split(/\s+/).filter(Boolean).map(parseRational);
    const t = game24Apply(s, step)!;
    if (claimed.some((x) => !x) || formatLeft(claimed as Rational[]) !== formatLeft(t.numbers)) {
      return { ok: false, error: `'${line.trim()}' lists the wrong numbers left (should be ${formatLeft(t.numbers)})` };
    }
  }
  return { ok: true, step };
}

/**
 * A symbolic search config for the Game of 24 (tests and baselines): every legal step, reward 1
 * when the exact solver says 24 is still reachable from the next state, else 0.
 */
export function game24OracleConfig(): SearchConfig<Game24State, Game24Step> {
  const reach = (s: Game24State) => solveGame24FromState(s) !== null;
  return {
    actions: async (s) => game24Steps(s),
    reward: async (s, a) => {
      const t = game24Apply(s, a);
      return t && reach(t) ? 1 : 0;
    },
  };
}

/**
 * Depth-first exact search from any state (its expressions are reused), memoised on the sorted
 * multiset of numbers left. Returns an expression equal to `target`, or null.
 */
export function solveGame24FromState(s0: Game24State, target: Rational = GAME24_TARGET): string | null {
  const dead = new Set<string>();
  const go = (s: Game24State): string | null => {
    if (s.numbers.length === 1) return eq(s.numbers[0]!, target) ? s.exprs[0]! : null;
    const key = formatLeft(s.numbers);
    if (dead.has(key)) return null;
    for (const st of game24Steps(s)) {
      const t = game24Apply(s, st);
      const r = t && go(t);
      if (r) return r;
    }
    dead.add(key);
    return null;
  };
  return go(s0);
}
