/** The three operations of the task suite. */
export type Operation = 'add' | 'sub' | 'mul';

/** One arithmetic problem: `a op b`. Operands are non-negative integers of at most 5 digits. */
export interface Problem {
  readonly op: Operation;
  readonly a: number;
  readonly b: number;
}

/** Largest operand width (digits) the formats support. */
export const MAX_OPERAND_DIGITS = 5;
/** Width of the result field in the trace (5-digit sums and products need 6 digits). */
export const RESULT_WIDTH = 6;

export const OPERATION_SYMBOL: Readonly<Record<Operation, string>> = { add: '+', sub: '-', mul: '*' };

/** Exact answer. */
export function exactAnswer(p: Problem): number {
  switch (p.op) {
    case 'add':
      return p.a + p.b;
    case 'sub':
      return p.a - p.b;
    case 'mul':
      return p.a * p.b;
  }
}

/** `"347+85"`: the problem on one line, for humans and for PRM records. */
export function problemText(p: Problem): string {
  return `${p.a}${OPERATION_SYMBOL[p.op]}${p.b}`;
}

/**
 * Number of column carries when adding `p.a + p.b` (0 for other operations): the within-level
 * difficulty the graded model's NoThinking accuracy depends on, and mode-select's carry-count
 * baseline predictor.
 */
export function countCarries(p: Problem): number {
  if (p.op !== 'add') return 0;
  let a = p.a;
  let b = p.b;
  let carry = 0;
  let n = 0;
  while (a > 0 || b > 0) {
    carry = (a % 10) + (b % 10) + carry >= 10 ? 1 : 0;
    n += carry;
    a = Math.floor(a / 10);
    b = Math.floor(b / 10);
  }
  return n;
}
