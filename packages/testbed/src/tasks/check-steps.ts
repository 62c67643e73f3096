import { exactAnswer, type Problem } from './problem.js';
import { answerFromState, initialState, isTerminal, nextState, parseStateLine, renderStateLine, type ColumnState } from './solution.js';

/** Why a step is wrong. */
export type StepVerdict =
  | 'correct'
  | 'malformed'
  | 'wrong-restatement'
  | 'invalid-transition'
  | 'transcription-mismatch'
  | 'answer-before-end'
  | 'after-error';

export interface StepCheck {
  /** One label per step: true = correct. */
  readonly labels: readonly boolean[];
  readonly verdicts: readonly StepVerdict[];
  /** 0-based index of the first wrong step, or -1 when all are correct. */
  readonly firstError: number;
  /** 1-based indices of the wrong steps (PRMBench `error_steps` convention). */
  readonly errorSteps: readonly number[];
}

function sameState(x: ColumnState, y: ColumnState): boolean {
  return x.a === y.a && x.b === y.b && x.carry === y.carry && x.result === y.result;
}

/**
 * The exact step checker. `steps` are trace lines then the final answer (as in
 * {@link Solution.steps}). Step 0 must restate the problem; each later line must be the exact
 * one-column successor of the line before it; the last step must be the answer transcribed from
 * a finished (terminal) last line. A solution is only as good as its first error: every step from
 * the first wrong one on is labelled wrong (`after-error`), as PRMBench counts propagated errors.
 */
export function checkSteps(problem: Problem, steps: readonly string[]): StepCheck {
  const verdicts: StepVerdict[] = [];
  let prev: ColumnState | undefined;
  let failed = false;
  steps.forEach((step, i) => {
    if (failed) {
      verdicts.push('after-error');
      return;
    }
    const isLast = i === steps.length - 1 && i > 0;
    let verdict: StepVerdict;
    if (isLast) {
      if (prev === undefined || !isTerminal(problem.op, prev)) verdict = 'answer-before-end';
      else verdict = step === answerFromState(prev) && step === String(exactAnswer(problem)) ? 'correct' : 'transcription-mismatch';
    } else {
      const s = parseStateLine(problem.op, step);
      if (s === undefined || renderStateLine(problem.op, s) !== step) verdict = 'malformed';
      else if (prev === undefined) verdict = sameState(s, initialState(problem)) ? 'correct' : 'wrong-restatement';
      else if (isTerminal(problem.op, prev) || !sameState(s, nextState(problem.op, prev))) verdict = 'invalid-transition';
      else verdict = 'correct';
      prev = s;
    }
    if (verdict !== 'correct') failed = true;
    verdicts.push(verdict);
  });
  if (steps.length === 1) {
    // A lone step can be neither a full solution nor an answer after a finished trace.
    verdicts[0] = 'answer-before-end';
  }
  const labels = verdicts.map((v) => v === 'correct');
  const firstError = labels.indexOf(false);
  const errorSteps = labels.flatMap((ok, i) => (ok ? [] : [i + 1]));
  return { labels, verdicts, firstError, errorSteps };
}
