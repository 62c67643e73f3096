// Parses what a person types into the page ("48195+73928", "347 + 85") into a testbed problem.
import { assertValidProblem, MAX_OPERAND_DIGITS, type Problem } from '@reasonkit/testbed';

/**
 * `"a+b"` (spaces allowed) → an addition problem, or an error message naming what is wrong. The
 * testbed model is trained on additions of at most {@link MAX_OPERAND_DIGITS}-digit operands only.
 */
export function parseProblem(text: string): { problem: Problem } | { error: string } {
  const m = /^\s*(\d+)\s*\+\s*(\d+)\s*$/.exec(text);
  if (!m) return { error: `"${text.trim()}" is not an addition like 48195+73928` };
  const [a, b] = [m[1]!, m[2]!];
  for (const d of [a, b]) {
    if (d.length > 1 && d.startsWith('0')) return { error: `${d}: no leading zeros` };
    if (d.length > MAX_OPERAND_DIGITS) return { error: `${d}: at most ${MAX_OPERAND_DIGITS} digits per operand (the testbed model's range)` };
  }
  const problem: Problem = { op: 'add', a: Number(a), b: Number(b) };
  assertValidProblem(problem);
  return { problem };
}
