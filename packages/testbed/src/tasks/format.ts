import { MAX_OPERAND_DIGITS, OPERATION_SYMBOL, type Problem } from './problem.js';

/**
 * Prompt formats: the contract between the testbed model and its users (mode-select, kv-sparse,
 * demos). Both formats are trained into the one model.
 *
 * The question is written in columns, as on paper, right-aligned in a fixed width of 5 digits:
 *
 * ```
 *    347
 * +   85
 * ```
 *
 * The fixed layout puts every digit at a fixed position, so a tiny model can read columns with
 * fixed-offset attention (our choice).
 */

/** Opens the thinking block. */
export const THINK_OPEN = '<think>';
/** Closes the thinking block. */
export const THINK_CLOSE = '</think>';
/** Body of the NoThinking fake thought (mode-select preset `ma2025-finished`, Ma et al. 2025). */
export const FAKE_THOUGHT = 'Okay, I think I have finished thinking.';
/** What follows the close tag before the answer (mode-select default: `\n\n`). */
export const AFTER_THINK = '\n\n';
/** The NoThinking prefill: `<think>` + fake thought + `</think>` + `\n\n`. */
export const NO_THINKING_PREFILL = `${THINK_OPEN}${FAKE_THOUGHT}${THINK_CLOSE}${AFTER_THINK}`;

export type PromptMode = 'thinking' | 'no-thinking';

function padLeft(s: string, width: number): string {
  return s.length >= width ? s : ' '.repeat(width - s.length) + s;
}

/** The question in columns: `' ' + a` and `op + b`, each right-aligned to 5 digits, one line each. */
export function renderQuestion(p: Problem): string {
  return ` ${padLeft(String(p.a), MAX_OPERAND_DIGITS)}\n${OPERATION_SYMBOL[p.op]}${padLeft(String(p.b), MAX_OPERAND_DIGITS)}\n`;
}

/** Thinking prompt: the question then `<think>`; the model writes its steps, `</think>`, `\n\n` and the answer. */
export function thinkingPrompt(p: Problem): string {
  return `${renderQuestion(p)}${THINK_OPEN}`;
}

/** NoThinking prompt: the question then the fake thought and close tag; the model writes the answer. */
export function noThinkingPrompt(p: Problem): string {
  return `${renderQuestion(p)}${NO_THINKING_PREFILL}`;
}

export function promptFor(p: Problem, mode: PromptMode): string {
  return mode === 'thinking' ? thinkingPrompt(p) : noThinkingPrompt(p);
}
