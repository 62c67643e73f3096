import type { Problem } from './problem.js';
import { initialState, renderStateLine, type Solution } from './solution.js';

/**
 * Prompt formats: the contract between the testbed model and its users (mode-select, kv-sparse,
 * demos). Both formats are trained into the one model.
 *
 * The question is written in the trace's own fixed-width line layout (the state before any
 * column, {@link renderStateLine}): `"  347+   85 c0       "`. Every digit sits at a fixed
 * position, and the first trace line is an exact copy of the question at a fixed distance, so a
 * tiny model reads columns with fixed-offset attention (our choice: with a two-line question the
 * committed 272K model miscopied digits when restating it; see the testbed README).
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

/**
 * The question in the trace's line layout (the state before any column, {@link renderStateLine}),
 * then a newline: `"  347+   85 c0       \n"`.
 */
export function renderQuestion(p: Problem): string {
  return `${renderStateLine(p.op, initialState(p))}\n`;
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

/** The Thinking completion after the `<think>` prompt: steps, close tag, `\n\n`, answer (no EOS). */
export function thinkingCompletion(sol: Solution): string {
  return `\n${sol.lines.map((l) => `${l}\n`).join('')}${THINK_CLOSE}${AFTER_THINK}${sol.answer}`;
}

/** The NoThinking completion after the prefilled fake thought: just the answer. */
export function noThinkingCompletion(sol: Solution): string {
  return sol.answer;
}
