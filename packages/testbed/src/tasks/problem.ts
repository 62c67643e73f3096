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
