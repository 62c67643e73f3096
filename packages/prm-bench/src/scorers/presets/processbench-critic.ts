import { majorityVote, parseBoxedIndex } from '../parse.js';
import type { ScorerInput } from '../scorer.js';
import { withSystem, type CriticPreset } from './critic-preset.js';

/** Our own wording of the ProcessBench critique task (spec §4.2): paragraphs indexed from 0, the earliest error or −1 boxed. */
export function renderProcessBenchPrompt(question: string, steps: readonly string[]): string {
  const paragraphs = steps.map((s, k) => `<paragraph_${k}>\n${s}\n</paragraph_${k}>`).join('\n\n');
  return [
    'Below is a math problem followed by a proposed solution, split into paragraphs numbered from 0.',
    '',
    '[Problem]',
    question,
    '',
    '[Solution]',
    paragraphs,
    '',
    'Go through the paragraphs in order and critique each one. Find the first paragraph that contains a mistake (a wrong calculation, a false claim, or an unjustified step).',
    'End your reply with that paragraph number in \\boxed{}, for example \\boxed{2}; if every paragraph is correct, end with \\boxed{-1}.',
  ].join('\n');
}

/** Labels from a first-error index: correct before it, error from it on (−1: all correct). */
export function labelsFromFirstError(firstError: number, n: number): boolean[] {
  return Array.from({ length: n }, (_, i) => firstError < 0 || i < firstError);
}

/** `processbench-critic@1`: critique then `\boxed{index}`; several choices are majority-voted (ties: first seen). */
export const processBenchCriticPreset: CriticPreset = {
  id: 'processbench-critic@1',
  messages(item: ScorerInput, { systemRole }) {
    const turns = [{ role: 'user' as const, content: renderProcessBenchPrompt(item.question, item.steps) }];
    return systemRole === 'system' ? turns : withSystem('You are a careful grader of math solutions.', turns, 'user');
  },
  parse(texts, item) {
    const answer = majorityVote(texts.map(parseBoxedIndex));
    if (answer === null || answer < -1) return { valid: false, firstError0: null };
    return { valid: true, firstError0: answer, labels: labelsFromFirstError(answer, item.steps.length) };
  },
};
