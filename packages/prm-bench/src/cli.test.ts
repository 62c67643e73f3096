import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tinyClassifierOnnx, tinyP1, tinyTokenizerJson } from './scorers/onnx/__fixtures__/tiny-classifier.js';

// The `prm-bench` command line as a child process (tsx on the sources).
const here = dirname(fileURLToPath(import.meta.url));
const cli = join(here, 'cli.ts');
function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--conditions=@reasonkit/source', '--import', 'tsx', cli, ...args], { maxBuffer: 64 << 20 }, (err, stdout, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const rec = (cls: string, idx: string, steps: number, errorSteps: number[]) => ({
  original_question: 'q',
  modified_question: 'q',
  question: 'q',
  original_process: Array.from({ length: steps }, (_, i) => `s${i}`),
  modified_process: Array.from({ length: steps }, (_, i) => `Step ${i + 1}: s${i}`),
  modified_steps: errorSteps,
  error_steps: errorSteps,
  reason: 'r',
  idx,
  classification: cls,
});

function fixture() {
  const dir = mkdtempSync(join(tmpdir(), 'prm-bench-cli-'));
  const data = join(dir, 'data');
  mkdirSync(data, { recursive: true });
  // Case A (spec §11.1) in one sub-category, case C (an extra label) in another.
  writeFileSync(join(data, 'test_conclusion_invalidity.jsonl'), JSON.stringify(rec('conclusion_invalidity', 'x#1', 5, [3, 4])) + '\n');
  writeFileSync(join(data, 'test_regather_redundancy.jsonl'), JSON.stringify(rec('regather_redundancy', 'x#1', 2, [2])) + '\n');
  const preds = join(dir, 'preds.jsonl');
  writeFileSync(
    preds,
    [
      { id: 'conclusion_invalidity:x#1', labels: [true, true, false, true, false] },
      { id: 'regather_redundancy:x#1', labels: [true, false, false] },
    ]
      .map((p) => JSON.stringify(p))
      .join('\n') + '\n',
  );
  return { dir, data, preds };
}

describe('prm-bench CLI', () => {
  it('score --json prints overall, by_category and by_pattern with the six fields (official and strict)', async () => {
    const { data, preds } = fixture();
    const r = await run(['score', '--data', data, '--predictions', preds, '--mode', 'official', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    // A + C pooled: TP 3, FP 1, TN 2, FN 2.
    expect(out.overall.prm_score).toBeCloseTo(0.5 * (6 / 9) + 0.5 * ((2 * (2 / 4) * (2 / 3)) / (2 / 4 + 2 / 3)), 12);
    expect(Object.keys(out.overall).sort()).toEqual(['correct_step_acc', 'f1', 'first_error_acc', 'negative_f1', 'prm_score', 'wrong_step_acc']);
    expect(out.by_category.conclusion_invalidity.prm_score).toBeCloseTo(0.583333333, 9);
    expect(out.by_category.regather_redundancy.prm_score).toBeCloseTo(0.666666667, 9);
    expect(Object.keys(out.by_pattern)).toEqual(['Regather', 'Deduction']);
    expect(out.by_pattern.Deduction.prm_score).toBeCloseTo(0.583333333, 9);
    const s = JSON.parse((await run(['score', '--data', data, '--predictions', preds, '--mode', 'strict', '--json'])).stdout);
    expect(s.by_category.regather_redundancy.prm_score).toBe(1);
    expect(s.mode).toBe('strict');
  });

  it('a malformed predictions line names file and line; an unknown id and bad data are clear errors', async () => {
    const { dir, data, preds } = fixture();
    writeFileSync(preds, readFileSync(preds, 'utf8') + '{"id": "x", "labels": [tru\n');
    let r = await run(['score', '--data', data, '--predictions', preds, '--json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/preds\.jsonl:3: malformed JSON line/);
    const bad = join(dir, 'bad.jsonl');
    writeFileSync(bad, JSON.stringify({ id: 'conclusion_invalidity:nope', labels: [true] }) + '\n');
    r = await run(['score', '--data', data, '--predictions', bad, '--json']);
    expect(r.stderr).toMatch(/bad\.jsonl:1: field id: no item 'conclusion_invalidity:nope'/);
    writeFileSync(bad, JSON.stringify({ id: 'conclusion_invalidity:x#1', labels: [1, 0] }) + '\n');
    r = await run(['score', '--data', data, '--predictions', bad, '--json']);
    expect(r.stderr).toMatch(/bad\.jsonl:1: invalid prediction: field labels\.0/);
    r = await run(['score', '--data', join(dir, 'missing'), '--predictions', preds]);
    expect(r.stderr).toMatch(/error \[FILE_NOT_FOUND\]: data path not found/);
  });

  it('run writes a resumable cache, predictions in the score format and metrics; report renders HTML with charts', async () => {
    const { dir, data } = fixture();
    const out = join(dir, 'out');
    let r = await run(['run', '--data', data, '--scorer', 'oracle', '--out', out]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).overall.official.prm_score).toBe(1);
    r = await run(['run', '--data', data, '--scorer', 'oracle', '--out', out]);
    expect(JSON.parse(r.stdout).stats).toMatchObject({ cached: 2, scored: 0 });
    const scored = JSON.parse((await run(['score', '--data', data, '--predictions', join(out, 'predictions.jsonl'), '--json'])).stdout);
    expect(scored.overall.prm_score).toBe(1);
    const html = join(dir, 'report.html');
    r = await run(['report', '--data', data, '--predictions', `oracle=${join(out, 'predictions.jsonl')}`, `allpos=${fixture().preds}`, '--format', 'html', '--out', html]);
    expect(r.code).toBe(0);
    const text = readFileSync(html, 'utf8');
    expect(text.match(/<svg /g)!.length).toBeGreaterThanOrEqual(5);
    expect(text).toContain('paper-reported');
    expect(text).not.toMatch(/<script|src="http/);
    const md = await run(['report', '--data', data, '--predictions', join(out, 'predictions.jsonl'), '--format', 'md']);
    expect(md.stdout).toContain('| predictions | 100.0 (100.0) | 100.0 (100.0) | 100.0 (100.0) |');
    // A run directory brings latency from its cache.
    const fromDir = await run(['report', '--data', data, '--predictions', out, '--format', 'md']);
    expect(fromDir.stdout).toMatch(/\| out \| 100\.0 \| 100\.0 \| 0\.000 \| 100\.0 \| 100\.0 \| 100\.0 \| 100\.0 \| 0\.00 \| 0\.0 \| \d+ \| 0\/0 \|/);
  });

  it('run --scorer onnx scores steps with an ONNX classifier and a tokenizer.json on onnxruntime-node', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'prm-bench-cli-onnx-'));
    const data = join(dir, 'data');
    mkdirSync(data);
    // Steps end in 'a' (p1 = sigmoid(1) > 0.5 → correct) or 'b' (p1 = 0.5, not > 0.5 → error).
    writeFileSync(join(data, 'test_conclusion_invalidity.jsonl'), JSON.stringify({ ...rec('conclusion_invalidity', 'x#1', 3, [2, 3]), modified_process: ['ba', 'ab', 'ab'] }) + '\n');
    const model = join(dir, 'tiny.onnx');
    writeFileSync(model, tinyClassifierOnnx({ mask: true }));
    mkdirSync(join(dir, 'tok'));
    writeFileSync(join(dir, 'tok', 'tokenizer.json'), JSON.stringify(tinyTokenizerJson()));
    const out = join(dir, 'out');
    const r = await run(['run', '--data', data, '--scorer', 'onnx', '--onnx', model, '--tokenizer', join(dir, 'tok'), '--separator', '', '--threads', '1', '--out', out]);
    expect(r.stderr).not.toMatch(/error/);
    expect(r.code).toBe(0);
    const cached = JSON.parse(readFileSync(join(out, 'cache.jsonl'), 'utf8').trim());
    expect(cached.scorerId).toBe('onnx:tiny.onnx|concat-ids:""|two-class|max=2048');
    expect(cached.result.scores[0]).toBeCloseTo(tinyP1(0), 6);
    expect(cached.result.scores[1]).toBeCloseTo(tinyP1(1), 6);
    expect(readFileSync(join(out, 'predictions.jsonl'), 'utf8').trim()).toBe(JSON.stringify({ id: 'conclusion_invalidity:x#1', labels: [true, false, false], valid: true }));
    expect(JSON.parse(r.stdout).overall.official.prm_score).toBe(1);
  });
});
