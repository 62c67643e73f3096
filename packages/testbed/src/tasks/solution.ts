import { ReasonkitError } from '@reasonkit/core';
import { exactAnswer, MAX_OPERAND_DIGITS, OPERATION_SYMBOL, RESULT_WIDTH, type Problem } from './problem.js';

/**
 * The state of the column method after some columns: the digits of each operand not yet used,
 * the carry (the borrow for subtraction), and the result digits written so far (reading order).
 * For multiplication `b` is the one-digit multiplier and is never consumed.
 */
export interface ColumnState {
  readonly a: string;
  readonly b: string;
  readonly carry: number;
  readonly result: string;
}

/** An exact step-by-step solution: one trace line per state, then the answer. */
export interface Solution {
  readonly problem: Problem;
  /** State 0 restates the problem; state i is the state after i columns. */
  readonly states: readonly ColumnState[];
  /** One line per state (no newline), see {@link renderStateLine}. */
  readonly lines: readonly string[];
  /** The final answer, the last state's result without leading zeros. */
  readonly answer: string;
  /** Steps as a PRM sees them: the trace lines then the answer. */
  readonly steps: readonly string[];
}

function padLeft(s: string, width: number): string {
  return s.length >= width ? s : ' '.repeat(width - s.length) + s;
}

/**
 * One trace line, fixed width (21 characters): remaining `a` right-aligned to 5, the operator,
 * remaining `b` right-aligned to 5, ` c` and the carry, a space, and the result left-aligned in 6:
 * `"   34+    8 c1 2     "`.
 */
export function renderStateLine(op: Problem['op'], s: ColumnState): string {
  return `${padLeft(s.a, MAX_OPERAND_DIGITS)}${OPERATION_SYMBOL[op]}${padLeft(s.b, MAX_OPERAND_DIGITS)} c${s.carry} ${s.result.padEnd(RESULT_WIDTH, ' ')}`;
}

/** Parses a trace line; `undefined` when it is not a well-formed line for `op`. */
export function parseStateLine(op: Problem['op'], line: string): ColumnState | undefined {
  const sym = OPERATION_SYMBOL[op].replace(/[+*]/, '\\$&');
  const m = new RegExp(`^( {0,5}\\d{0,5})${sym}( {0,5}\\d{0,5}) c(\\d) (\\d{0,6} {0,6})$`).exec(line);
  if (!m || line.length !== MAX_OPERAND_DIGITS * 2 + 4 + 1 + RESULT_WIDTH) return undefined;
  const [, a, b, c, r] = m as unknown as [string, string, string, string, string];
  if (a.length !== MAX_OPERAND_DIGITS || b.length !== MAX_OPERAND_DIGITS || r.length !== RESULT_WIDTH) return undefined;
  return { a: a.trim(), b: b.trim(), carry: Number(c), result: r.trimEnd() };
}

/** True when no column work is left. */
export function isTerminal(op: Problem['op'], s: ColumnState): boolean {
  return s.a === '' && (op === 'mul' || s.b === '') && s.carry === 0;
}

/** The initial state: the problem restated. */
export function initialState(p: Problem): ColumnState {
  return { a: String(p.a), b: String(p.b), carry: 0, result: '' };
}

/** One column of the method: the exact successor of `s`. */
export function nextState(op: Problem['op'], s: ColumnState): ColumnState {
  const da = s.a === '' ? 0 : Number(s.a[s.a.length - 1]);
  const a = s.a.slice(0, -1);
  if (op === 'mul') {
    const v = da * Number(s.b) + s.carry;
    return { a, b: s.b, carry: Math.floor(v / 10), result: `${v % 10}${s.result}` };
  }
  const db = s.b === '' ? 0 : Number(s.b[s.b.length - 1]);
  const b = s.b.slice(0, -1);
  if (op === 'add') {
    const v = da + db + s.carry;
    return { a, b, carry: Math.floor(v / 10), result: `${v % 10}${s.result}` };
  }
  let v = da - db - s.carry;
  const borrow = v < 0 ? 1 : 0;
  if (v < 0) v += 10;
  return { a, b, carry: borrow, result: `${v}${s.result}` };
}

/** The answer written from a terminal state: its result without leading zeros. */
export function answerFromState(s: ColumnState): string {
  const t = s.result.replace(/^0+(?=\d)/, '');
  return t === '' ? '0' : t;
}

/** Checks that `p` is inside the suite's range; throws a ReasonkitError naming the field. */
export function assertValidProblem(p: Problem): void {
  const bad = (field: string, why: string): never => {
    throw new ReasonkitError('INVALID_ARGUMENT', `problem.${field}: ${why} (got ${JSON.stringify(p)})`, { field, problem: p });
  };
  if (!Number.isInteger(p.a) || p.a < 0 || p.a > 99999) bad('a', 'must be an integer in [0, 99999]');
  if (!Number.isInteger(p.b) || p.b < 0 || p.b > 99999) bad('b', 'must be an integer in [0, 99999]');
  if (p.op === 'sub' && p.b > p.a) bad('b', 'must not exceed a for subtraction');
  if (p.op === 'mul' && p.b > 9) bad('b', 'must be one digit for multiplication');
  if (p.op !== 'add' && p.op !== 'sub' && p.op !== 'mul') bad('op', "must be 'add', 'sub' or 'mul'");
}

/** The exact column-method solution of `p`. */
export function solve(p: Problem): Solution {
  assertValidProblem(p);
  const states: ColumnState[] = [initialState(p)];
  let s = states[0]!;
  while (!isTerminal(p.op, s)) {
    s = nextState(p.op, s);
    states.push(s);
  }
  const answer = answerFromState(s);
  if (answer !== String(exactAnswer(p))) {
    throw new Error(`internal: column method disagrees with the exact answer for ${JSON.stringify(p)}`);
  }
  const lines = states.map((st) => renderStateLine(p.op, st));
  return { problem: p, states, lines, answer, steps: [...lines, answer] };
}
