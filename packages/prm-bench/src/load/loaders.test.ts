import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PrmBenchError } from '../errors/prm-bench-error.js';
import { loadPrmBench, loadProcessBench, loadSocratic } from '../node/load-files.js';
import { detectFormat, loadProcessBenchRecords, loadSocraticRecords, loadTrlRecords } from './index.js';
import { unescapeNewlines } from './unescape-newlines.js';

// Hand-written micro-fixtures in the Socratic / PRMBench record format (spec §2.2, quirks §2.5).
const rec = (o: Record<string, unknown> = {}) => ({
  original_question: 'What is 2+2?',
  modified_question: 'What is 2+2?',
  question: 'What is 2+2?',
  original_process: ['Step 1: 2+2', 'Step 2: = 4'],
  modified_process: ['Step 1: 2+2', 'Step 2: = 5'],
  modified_steps: [2],
  error_steps: [2],
  reason: 'wrong sum',
  idx: 'gsm8k_test#1',
  classification: 'conclusion_invalidity',
  ...o,
});

function dir(files: Record<string, string>): string {
  const d = mkdtempSync(join(tmpdir(), 'prm-bench-load-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(d, name), text);
  return d;
}
const jsonl = (...rs: unknown[]) => rs.map((r) => JSON.stringify(r)).join('\n') + '\n';

async function rejects(p: Promise<unknown>): Promise<PrmBenchError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(PrmBenchError);
    return e as PrmBenchError;
  }
  throw new Error('expected a rejection');
}

describe('Socratic / PRMBench loader quirks (micro-fixtures)', () => {
  it('keys on classification + idx (idx repeats across classes), collects out-of-range / empty / unchanged warnings', async () => {
    const d = dir({
      'test_conclusion_invalidity.jsonl': jsonl(rec(), rec({ idx: 'x#2', modified_process: ['a', ''], error_steps: [2, 7, 9] })),
      'test_premise_redundancy.jsonl': jsonl(rec({ classification: 'premise_redundancy', modified_process: ['Step 1: 2+2', 'Step 2: = 4'] })),
    });
    const { items, report } = await loadSocratic(d);
    expect(items.map((i) => i.id)).toEqual(['conclusion_invalidity:gsm8k_test#1', 'conclusion_invalidity:x#2', 'premise_redundancy:gsm8k_test#1']);
    expect(items[1]!.firstError0).toBe(1);
    expect(items[1]!.pattern).toBe('Deduction');
    expect(report.counts).toEqual({ error_index_out_of_range: 1, empty_step: 1, unchanged_process: 1 });
    const oob = report.warnings.find((w) => w.code === 'error_index_out_of_range')!;
    expect(oob.indices).toEqual([7, 9]);
    expect(oob.message).toContain('test_conclusion_invalidity.jsonl:2: field error_steps');
  });

  it('keeps literal backslash-n byte for byte; the opt-in unescape leaves LaTeX commands alone', async () => {
    const step = 'Step 1: $x \\neq 1$\\nthen \\nabla f and \\nu';
    const { items } = await loadSocraticRecords([rec({ modified_process: [step] })]);
    expect(items[0]!.steps[0]).toBe(step);
    expect(unescapeNewlines(step)).toBe('Step 1: $x \\neq 1$\nthen \\nabla f and \\nu');
    const { items: un } = await loadSocraticRecords([rec({ modified_process: [step] })], { unescapeNewlines: true });
    expect(un[0]!.steps[0]).toContain('$\nthen');
  });

  it('uses modified_question, never question; detects Chinese questions', async () => {
    const { items } = await loadSocraticRecords([rec({ question: '求 $2+2$ 的值', modified_question: 'M', original_question: 'O' })]);
    expect(items[0]!.question).toBe('M');
    expect(items[0]!.lang).toBe('zh');
  });

  it('rejects a zero or negative index, a non-string step, an unknown classification (strict), naming file, line and field', async () => {
    const bad: [Record<string, unknown>, RegExp][] = [
      [{ error_steps: [0] }, /bad\.jsonl:2: invalid socratic record: field error_steps\.0/],
      [{ error_steps: [-1] }, /bad\.jsonl:2: .*field error_steps\.0/],
      [{ modified_process: ['a', 3] }, /bad\.jsonl:2: .*field modified_process\.1/],
      [{ classification: 'made_up' }, /bad\.jsonl:2: .*field classification/],
    ];
    for (const [o, re] of bad) {
      const d = dir({ 'bad.jsonl': jsonl(rec(), rec(o)) });
      const e = await rejects(loadSocratic(d));
      expect(e.message).toMatch(re);
      expect(e.details.record).toBe(2);
    }
    const { items, report } = await loadSocraticRecords([rec({ classification: 'made_up' })], { validate: 'warn' });
    expect(items[0]!.category).toBe('made_up');
    expect(report.counts.unknown_classification).toBe(1);
  });

  it('a malformed JSONL line names file and line; a missing path and a directory without JSONL are clear errors', async () => {
    const d = dir({ 'a.jsonl': jsonl(rec()) + '{"idx": \n' });
    expect((await rejects(loadSocratic(d))).message).toMatch(/a\.jsonl:2: malformed JSON line/);
    const missing = join(d, 'nope');
    const e = await rejects(loadSocratic(missing));
    expect(e.code).toBe('FILE_NOT_FOUND');
    expect(e.message).toContain(missing);
    const empty = mkdtempSync(join(tmpdir(), 'prm-bench-empty-'));
    mkdirSync(join(empty, 'sub'));
    writeFileSync(join(empty, 'notes.txt'), 'x');
    expect((await rejects(loadSocratic(empty))).message).toMatch(/no \.jsonl files in directory/);
  });

  it('PRMBench: drops exact duplicate keys (first kept, warned) and builds correct twins from redundency records', async () => {
    const d = dir({
      'p.jsonl': jsonl(
        rec({ classification: 'redundency', idx: 'prm_test_p1_0' }),
        rec({ classification: 'multi_solutions', idx: 'm1', error_steps: [], ground_truth: '4', original_response: 'r' }),
        rec({ classification: 'multi_solutions', idx: 'm1', error_steps: [], modified_process: ['other'] }),
      ),
    });
    const { items, report } = await loadPrmBench(d);
    expect(items.map((i) => i.id)).toEqual(['redundency:prm_test_p1_0', 'multi_solutions:m1', 'correct:prm_test_p1_0']);
    expect(items[1]!.steps).toEqual(['Step 1: 2+2', 'Step 2: = 5']);
    expect(items[2]).toMatchObject({ twin: true, category: 'correct', steps: ['Step 1: 2+2', 'Step 2: = 4'], errorSteps1: [], question: 'What is 2+2?' });
    expect(items[0]!.group).toBe('simplicity');
    expect(report.counts.duplicate_id).toBe(1);
  });

  it('the testbed source accepts its four classes that strict PRMBench rejects', async () => {
    const d = dir({ 't.jsonl': jsonl(rec({ classification: 'wrong_carry', idx: 'testbed-L1#0' })) });
    expect((await rejects(loadPrmBench(d))).message).toMatch(/t\.jsonl:1: .*field classification/);
    const { items } = await loadPrmBench(d, { source: 'testbed' });
    expect(items[0]).toMatchObject({ id: 'wrong_carry:testbed-L1#0', benchmark: 'testbed' });
  });
});

describe('ProcessBench and TRL loaders', () => {
  const pb = (id: string, label: number, n = 3) => ({ id, generator: 'g', problem: 'p', steps: Array.from({ length: n }, (_, i) => `s${i}`), final_answer_correct: label === -1, label });
  it('reads JSON arrays by split, with step labels and 0-based labels as 1-based error steps', async () => {
    const d = dir({ 'gsm8k.json': JSON.stringify([pb('gsm8k-0', 1), pb('gsm8k-1', -1)]), 'math.json': JSON.stringify([pb('math-0', 0)]) });
    const { items } = await loadProcessBench(d);
    expect(items.map((i) => [i.id, i.split, i.errorSteps1, i.firstError0])).toEqual([
      ['gsm8k-0', 'gsm8k', [2], 1],
      ['gsm8k-1', 'gsm8k', [], null],
      ['math-0', 'math', [1], 0],
    ]);
    expect(items[0]!.stepLabels).toEqual([true, false, null]);
    expect((await loadProcessBench(d, { splits: ['math'] })).items).toHaveLength(1);
  });
  it('rejects a label below −1 naming file, record and field', async () => {
    const d = dir({ 'math.json': JSON.stringify([pb('math-0', 0), pb('math-1', -2)]) });
    expect((await rejects(loadProcessBench(d))).message).toMatch(/math\.json:2: invalid processbench record: field label/);
  });
  it('TRL stepwise records and format detection', async () => {
    const { items } = await loadTrlRecords([{ prompt: 'p', completions: ['a', 'b', 'c'], labels: [true, false, false] }]);
    expect(items[0]).toMatchObject({ id: 'trl:1', errorSteps1: [2, 3], firstError0: 1 });
    expect(detectFormat(rec())).toBe('stepwise');
    expect(detectFormat(pb('x', 1))).toBe('processbench');
    expect(detectFormat({ prompt: 'p', completions: [], labels: [] })).toBe('trl');
    expect(detectFormat(42)).toBeUndefined();
    expect((await loadProcessBenchRecords(['', JSON.stringify(pb('omnimath-3', -1))])).items[0]!.split).toBe('omnimath');
  });
});
