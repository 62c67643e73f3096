import { THINK_CLOSE } from './format.js';
import { exactAnswer, type Problem } from './problem.js';

/**
 * The answer in a model completion: the text after the last `</think>` (the whole completion when
 * there is none, as for NoThinking where the close tag is in the prompt), trimmed of whitespace.
 * `undefined` unless it is a plain non-negative integer with no leading zeros.
 */
export function extractAnswer(completion: string): string | undefined {
  const at = completion.lastIndexOf(THINK_CLOSE);
  const tail = (at >= 0 ? completion.slice(at + THINK_CLOSE.length) : completion).trim();
  return /^(0|[1-9]\d*)$/.test(tail) ? tail : undefined;
}

/** Exact answer check: the extracted answer equals the exact result, digit for digit. */
export function checkAnswer(problem: Problem, completion: string): boolean {
  return extractAnswer(completion) === String(exactAnswer(problem));
}
