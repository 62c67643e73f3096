import type { ChatMessage } from '@reasonkit/core';
import { parsePrmBenchCritique, stripStepPrefix } from '../parse.js';
import type { ScorerInput } from '../scorer.js';
import { withSystem, type CriticPreset } from './critic-preset.js';

// Our own wording of the PRMBench critic contract (spec §4.1): two scores per step, strict JSON.
const SYSTEM = [
  'You check worked solutions to math problems one step at a time.',
  'For each step give two numbers between -1 and 1:',
  '- "validity": 1 if the step is entirely right, 0 if it is partly right, -1 if it is wrong (values in between are allowed);',
  '- "redundancy": -1 if the step is essential to reach the answer, 1 if removing it would lose nothing (values in between are allowed).',
  'Answer with a single JSON object and nothing else: {"validity": [...], "redundancy": [...]}, one number per step, in step order, each array exactly as long as the list of steps.',
].join('\n');

/** The instance layout of the contract: `Question: q`, blank line, `Solutions: `, then `Step k: text ` and a blank line per step. */
export function renderPrmBenchInstance(question: string, steps: readonly string[]): string {
  return `Question: ${question}\n\nSolutions: ${steps.map((s, k) => `Step ${k + 1}: ${stripStepPrefix(s)} \n\n`).join('')}`;
}

// Two few-shot examples written for this package.
const SHOTS: [question: string, steps: string[], answer: string][] = [
  [
    'A jacket costs $80. It is discounted by 25%, and then a $5 coupon is applied. What is the final price?',
    ['25% of 80 is 20.', 'After the discount the jacket costs 80 - 20 = 60 dollars.', 'The coupon takes off 5 dollars, so the price is 60 + 5 = 65 dollars.', 'The final price is $65.'],
    '{"validity": [1, 1, -1, -1], "redundancy": [-1, -1, -1, -1]}',
  ],
  [
    'Two fair six-sided dice are rolled. What is the probability that the sum is 7?',
    [
      'There are 6 * 6 = 36 equally likely outcomes.',
      'Dice are cubes with six faces.',
      'The pairs summing to 7 are (1,6), (2,5), (3,4), (4,3), (5,2), (6,1): 6 outcomes.',
      'The probability is 6/36 = 1/6.',
      'So the answer is 1/6.',
    ],
    '{"validity": [1, 1, 1, 1, 1], "redundancy": [-1, 0.9, -1, -1, 0.6]}',
  ],
];

/** `prmbench-critic@1`: validity/redundancy JSON; label = validity > 0 (`DECISIONS.llmCritic`). */
export const prmBenchCriticPreset: CriticPreset = {
  id: 'prmbench-critic@1',
  messages(item: ScorerInput, { systemRole }) {
    const turns: ChatMessage[] = SHOTS.flatMap(([q, steps, answer]) => [
      { role: 'user' as const, content: renderPrmBenchInstance(q, steps) },
      { role: 'assistant' as const, content: answer },
    ]);
    turns.push({ role: 'user', content: renderPrmBenchInstance(item.question, item.steps) });
    return withSystem(SYSTEM, turns, systemRole);
  },
  parse(texts) {
    const parsed = parsePrmBenchCritique(texts[0] ?? '');
    return parsed ? { valid: true, scores: parsed.validity, redundancy: parsed.redundancy } : { valid: false };
  },
};
