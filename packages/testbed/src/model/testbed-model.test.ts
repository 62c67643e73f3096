import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseLlama2cTokenizer } from '@reasonkit/core';
import { loadModelDir } from '@reasonkit/core/node';
import { describe, expect, it } from 'vitest';
import { evaluateModel, formatTable, type LevelResult, solveWithModel } from '../eval/evaluate.js';
import { haveTestbedModel, testbedModelDir } from '../node/model-dir.js';
import { noThinkingPrompt, thinkingPrompt } from '../tasks/format.js';
import { generateLevelProblems, MODEL_LEVELS } from '../tasks/levels.js';

const dir = testbedModelDir();
const skip = !haveTestbedModel();
if (skip) console.warn(`testbed model not found at ${dir}/onnx/model.onnx; skipping committed-model tests (train with tools/train.py, package with tools/package-model.sh)`);

interface Manifest {
  accuracy: { problems_per_level: number; levels: LevelResult[] };
}

describe.skipIf(skip)('committed testbed model', () => {
  const manifest = (): Manifest => JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;

  it('meets the testbed bar in its 1,000-problem manifest table (issue 4 acceptance 1)', () => {
    const m = manifest();
    expect(m.accuracy.problems_per_level).toBeGreaterThanOrEqual(1000);
    const [l1, l2, l3, l4, l5] = m.accuracy.levels;
    expect(m.accuracy.levels.map((r) => r.level)).toEqual([1, 2, 3, 4, 5]);
    for (const r of [l1!, l2!, l3!]) expect(r.think_acc, `${r.description} thinking`).toBeGreaterThanOrEqual(0.95);
    expect(l4!.think_acc).toBeGreaterThanOrEqual(0.9);
    expect(l1!.nothink_acc).toBeGreaterThanOrEqual(0.9);
    expect(l5!.think_acc - l5!.nothink_acc).toBeGreaterThanOrEqual(0.3);
  });

  it('prints the manifest table in the package README', () => {
    const readme = readFileSync(join(dir, '..', 'README.md'), 'utf8');
    expect(readme).toContain(formatTable(manifest().accuracy.levels));
  });

  it('fits the size budget: llama2.c weights ≤ 4 MB', () => {
    expect(statSync(join(dir, '..', 'model-src', 'model.bin')).size).toBeLessThanOrEqual(4 * 1024 * 1024);
    expect(statSync(join(dir, 'onnx', 'model.onnx')).size).toBeLessThanOrEqual(4.5 * 1024 * 1024);
    expect(existsSync(join(dir, 'manifest.json'))).toBe(true);
  });

  it('tokenizer.json encodes prompts exactly as the llama2.c tokenizer it was converted from', async () => {
    const { tokenizer, lm } = await loadModelDir(dir, { runtime: 'node', threads: 1 });
    try {
      const bytes = readFileSync(join(dir, '..', 'model-src', 'tokenizer.bin'));
      const ref = parseLlama2cTokenizer(new Uint8Array(bytes), lm.config.vocabSize, 'model-src/tokenizer.bin');
      for (const level of MODEL_LEVELS) {
        for (const p of generateLevelProblems(level, 5, 9)) {
          for (const prompt of [thinkingPrompt(p), noThinkingPrompt(p)]) {
            expect(tokenizer.encode(prompt, { bos: true })).toEqual(ref.encode(prompt));
          }
        }
      }
    } finally {
      await lm.dispose();
    }
  });

  it('loads with onnxruntime-node and onnxruntime-web and decodes identically', async () => {
    const node = await loadModelDir(dir, { runtime: 'node', threads: 1 });
    const web = await loadModelDir(dir, { runtime: 'web', threads: 1 });
    try {
      for (const p of generateLevelProblems(MODEL_LEVELS[2]!, 3, 4)) {
        const a = await solveWithModel(node.lm, node.tokenizer, p, 'thinking', { maxNewTokens: 200 });
        const b = await solveWithModel(web.lm, web.tokenizer, p, 'thinking', { maxNewTokens: 200 });
        expect(b.text).toBe(a.text);
      }
    } finally {
      await node.lm.dispose();
      await web.lm.dispose();
    }
  });

  it('reproduces its manifest accuracy table on 40 fresh problems per level (binomial margins)', async () => {
    const m = manifest();
    const { lm, tokenizer } = await loadModelDir(dir, { runtime: 'node', threads: 1 });
    try {
      const rows = await evaluateModel(lm, tokenizer, { problems: 40, seed: 77 });
      expect(rows.map((r) => r.level)).toEqual(m.accuracy.levels.map((r) => r.level));
      // 40 problems: allow three binomial standard errors around the 1,000-problem value, and at
      // least three problems either way.
      const tol = (p: number) => Math.max(3 / 40, 3 * Math.sqrt((p * (1 - p)) / 40));
      rows.forEach((r, i) => {
        const ref = m.accuracy.levels[i]!;
        expect(Math.abs(r.think_acc - ref.think_acc), `${r.description} thinking`).toBeLessThanOrEqual(tol(ref.think_acc));
        expect(Math.abs(r.nothink_acc - ref.nothink_acc), `${r.description} no-thinking`).toBeLessThanOrEqual(tol(ref.nothink_acc));
      });
      // Shape that other packages rely on: both modes solve 1-digit problems; Thinking costs more
      // tokens as problems grow; NoThinking answers stay short.
      const first = rows[0]!;
      const last = rows[rows.length - 1]!;
      expect(first.think_acc).toBeGreaterThanOrEqual(0.85);
      expect(first.nothink_acc).toBeGreaterThanOrEqual(0.85);
      expect(last.think_tokens).toBeGreaterThan(first.think_tokens);
      expect(last.nothink_tokens).toBeLessThan(10);
    } finally {
      await lm.dispose();
    }
  });
});
