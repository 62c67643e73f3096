import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadModelDir } from '@reasonkit/core/node';
import { describe, expect, it } from 'vitest';
import { evaluateModel, formatTable, type LevelResult } from '../eval/evaluate.js';
import { haveTestbedModel, testbedModelDir } from '../node/model-dir.js';

const dir = testbedModelDir('graded');
const skip = !haveTestbedModel('graded');
if (skip) console.warn(`graded testbed model not found at ${dir}/onnx/model.onnx; skipping (train with tools/train.py, package with tools/package-model.sh <dir> graded)`);

interface Manifest {
  accuracy: { problems_per_level: number; seed: number; levels: LevelResult[] };
  training: { corpus: { nothink_wide_share?: number } };
}

describe.skipIf(skip)('committed graded testbed model', () => {
  const manifest = (): Manifest => JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;

  it('meets the mode-select bar in its 1,000-problem table: Thinking ≥ 95% at every level, NoThinking 20–80% at two levels or more', () => {
    const m = manifest();
    expect(m.accuracy.problems_per_level).toBeGreaterThanOrEqual(1000);
    expect(m.accuracy.levels.map((r) => r.level)).toEqual([1, 2, 3, 4, 5]);
    for (const r of m.accuracy.levels) expect(r.think_acc, `${r.description} thinking`).toBeGreaterThanOrEqual(0.95);
    const graded = m.accuracy.levels.filter((r) => r.nothink_acc >= 0.2 && r.nothink_acc <= 0.8);
    expect(graded.length).toBeGreaterThanOrEqual(2);
    expect(m.training.corpus.nothink_wide_share).toBeGreaterThan(0);
  });

  it('prints its manifest table in the package README', () => {
    const readme = readFileSync(join(dir, '..', 'README.md'), 'utf8');
    expect(readme).toContain(formatTable(manifest().accuracy.levels));
  });

  it('reproduces its NoThinking curve on 40 fresh problems per level (binomial margins), graded within levels', async () => {
    const m = manifest();
    const { lm, tokenizer } = await loadModelDir(dir, { runtime: 'node', threads: 1 });
    try {
      const rows = await evaluateModel(lm, tokenizer, { problems: 40, seed: 78 });
      const tol = (p: number) => Math.max(3 / 40, 3 * Math.sqrt((p * (1 - p)) / 40));
      rows.forEach((r, i) => {
        const ref = m.accuracy.levels[i]!;
        expect(Math.abs(r.think_acc - ref.think_acc), `${r.description} thinking`).toBeLessThanOrEqual(tol(ref.think_acc));
        expect(Math.abs(r.nothink_acc - ref.nothink_acc), `${r.description} no-thinking`).toBeLessThanOrEqual(tol(ref.nothink_acc));
      });
      // Unlike the default model's cliff, some wide problems are answered right without a trace.
      expect(rows[3]!.nothink_acc).toBeGreaterThan(0);
      expect(rows[3]!.nothink_acc).toBeLessThan(1);
    } finally {
      await lm.dispose();
    }
  });
});
