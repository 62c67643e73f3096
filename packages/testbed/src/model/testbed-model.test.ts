import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseLlama2cTokenizer } from '@reasonkit/core';
import { loadModelDir } from '@reasonkit/core/node';
import { describe, expect, it } from 'vitest';
import { evaluateModel, solveWithModel } from '../eval/evaluate.js';
import { haveTestbedModel, testbedModelDir } from '../node/model-dir.js';
import { noThinkingPrompt, thinkingPrompt } from '../tasks/format.js';
import { generateLevelProblems, MODEL_LEVELS } from '../tasks/levels.js';

const dir = testbedModelDir();
const skip = !haveTestbedModel();
if (skip) console.warn(`testbed model not found at ${dir}/onnx/model.onnx; skipping committed-model tests (train with tools/train.py, package with tools/package-model.sh)`);

describe.skipIf(skip)('committed testbed model', () => {
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

  it('reaches the accuracy targets on 40 held-out problems per level (margins for the sample size)', async () => {
    const { lm, tokenizer } = await loadModelDir(dir, { runtime: 'node', threads: 1 });
    try {
      const rows = await evaluateModel(lm, tokenizer, { problems: 40, seed: 77 });
      const [l1, l2, l3, l4, l5] = rows as [(typeof rows)[0], (typeof rows)[0], (typeof rows)[0], (typeof rows)[0], (typeof rows)[0]];
      // Acceptance on 1,000 problems: ≥ 95% (≤ 3 digits), ≥ 90% (4 digits), NoThinking ≥ 90% at
      // 1 digit, gap ≥ 30 points at the hardest level. With 40 problems, allow ~2 standard errors.
      for (const r of [l1, l2, l3]) expect(r.think_acc, r.description).toBeGreaterThanOrEqual(0.85);
      expect(l4.think_acc).toBeGreaterThanOrEqual(0.75);
      expect(l1.nothink_acc).toBeGreaterThanOrEqual(0.75);
      expect(l5.think_acc - l5.nothink_acc).toBeGreaterThanOrEqual(0.15);
      // Thinking costs more tokens as problems grow; NoThinking stays short.
      expect(l5.think_tokens).toBeGreaterThan(l1.think_tokens);
      expect(l5.nothink_tokens).toBeLessThan(10);
    } finally {
      await lm.dispose();
    }
  });
});
