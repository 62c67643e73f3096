import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { BenchItem } from '../load/bench-item.js';
import { goldFirstError, processBenchScore } from '../metrics/processbench-score.js';
import { parseBoxedIndex } from '../scorers/parse.js';
import { sharedPath } from '../test-utils/shared-data.js';
import { loadProcessBench } from './load-files.js';

// Loader + boxed-index parsing + ProcessBench F1 against the official QwenLM/ProcessBench
// run_eval.py, run as an oracle on rule-based critique texts (see the fixture's _note).
// Tolerance 1e-12; NaN (upstream 0/0) must come out as F1 0 with `degenerate: true`.
type SplitNumbers = { error_acc: number; correct_acc: number; f1: number | null };
type Oracle = Record<'sample' | 'full', Record<string, { printed: string[]; splits: Record<string, SplitNumbers> }>>;
const oracle = JSON.parse(readFileSync(new URL('./__fixtures__/processbench-oracle.json', import.meta.url), 'utf8')) as Oracle;
const samplePath = fileURLToPath(new URL('./__fixtures__/processbench-sample', import.meta.url));

const num = (item: BenchItem) => Number(item.id.split('-').pop());
const boxed = (p: number | string) => `The earliest error is in \\boxed{${p}}.`;
/** The critique text each rule "replies" for an item (mirrors the oracle harness's rules). */
const RULES: Record<string, (item: BenchItem, gold: number) => string> = {
  parity: (item, g) => boxed(num(item) % 2 === 0 ? g : g !== -1 ? -1 : 0),
  'all-correct': () => boxed(-1),
  'final-answer': (item) => boxed((item.raw as { final_answer_correct: boolean }).final_answer_correct ? -1 : item.steps.length - 1),
  'mixed-parse': (item, g) => [boxed(g), 'No boxed answer here.', boxed('x'), 'First \\boxed{3}, on reflection \\boxed{-1}'][num(item) % 4]!,
  none: () => 'I cannot tell.',
  'brace-edge': (item, g) =>
    [`\\boxed{${g}} then \\boxed{\\frac{1}{2}}`, g >= 0 ? `\\boxed{+${g}}` : boxed(-1), '\\boxed{}', `\\boxed{ ${g} }`][num(item) % 4]!,
};

async function check(path: string, which: 'sample' | 'full', rule: string) {
  const { items } = await loadProcessBench(path, { keepRaw: true });
  const preds = items.map((item) => ({ itemId: item.id, firstError: parseBoxedIndex(RULES[rule]!(item, goldFirstError(item))) }));
  const got = processBenchScore(items, preds);
  const want = oracle[which][rule]!.splits;
  expect(Object.keys(got.perSplit).sort()).toEqual(Object.keys(want).sort());
  for (const [split, w] of Object.entries(want)) {
    const s = got.perSplit[split]!;
    expect(Math.abs(s.errorAcc - w.error_acc), `${split} error_acc ${s.errorAcc} vs ${w.error_acc}`).toBeLessThan(1e-12);
    expect(Math.abs(s.correctAcc - w.correct_acc), `${split} correct_acc ${s.correctAcc} vs ${w.correct_acc}`).toBeLessThan(1e-12);
    if (w.f1 === null) expect([s.f1, s.degenerate], `${split} degenerate`).toEqual([0, true]);
    else expect(Math.abs(s.f1 - w.f1), `${split} f1 ${s.f1} vs ${w.f1}`).toBeLessThan(1e-12);
  }
  return { items, got };
}

describe('ProcessBench vs the official run_eval.py on the committed sample', () => {
  it('loads 32 records: 5 error and 3 correct per split', async () => {
    const { got } = await check(samplePath, 'sample', 'all-correct');
    expect(Object.fromEntries(Object.entries(got.perSplit).map(([k, v]) => [k, [v.errorCount, v.correctCount]]))).toEqual({
      gsm8k: [5, 3],
      math: [5, 3],
      olympiadbench: [5, 3],
      omnimath: [5, 3],
    });
  });
  it.each(Object.keys(RULES))('%s', async (rule) => {
    await check(samplePath, 'sample', rule);
  });
});

const data = sharedPath('processbench');
describe.skipIf(!data.available)(`ProcessBench vs the official run_eval.py on all 3,400 records${data.available ? '' : ` (${data.skip})`}`, () => {
  it.each(Object.keys(RULES))('%s', async (rule) => {
    await check(data.path, 'full', rule);
  });
});
