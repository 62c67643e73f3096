import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { BenchItem } from '../load/bench-item.js';
import { similarity } from '../metrics/detection-delay.js';
import type { Prediction } from '../metrics/prediction.js';
import { scoreAll } from '../metrics/score-steps.js';
import { toScoreFields } from '../report/score-json.js';
import { sharedPath } from '../test-utils/shared-data.js';
import { loadPrmBench, loadSocratic } from './load-files.js';

// Acceptance 2: official mode against values the upstream PRMBench scorer printed for rule-based
// predictors, including label lists longer and shorter than the steps and invalid results
// (see __fixtures__/upstream-oracle.json for how they were produced). Tolerance 1e-12.
const oracle = JSON.parse(readFileSync(new URL('./__fixtures__/upstream-oracle.json', import.meta.url), 'utf8')) as Record<
  string,
  Record<string, { overall: Record<string, number>; validity_rate: number; by_category: Record<string, Record<string, number>> }>
>;

const RULES: Record<string, (n: number) => boolean[]> = {
  'alt-even': (n) => Array.from({ length: n }, (_, i) => i % 2 === 0),
  'longer-by-2': (n) => Array.from({ length: n + 2 }, (_, i) => i % 3 !== 2),
  'shorter-by-2': (n) => Array.from({ length: Math.max(0, n - 2) }, (_, i) => i !== n - 3),
  'first-half': (n) => Array.from({ length: n }, (_, i) => i < Math.floor(n / 2)),
  'fixed-3': () => [true, false, true],
  'spec-mod3': (n) => Array.from({ length: n }, (_, i) => i % 3 !== 1),
  'every-7th-invalid': (n) => Array.from({ length: n }, (_, i) => i % 4 !== 3),
};
const predict = (items: BenchItem[], name: string): Prediction[] =>
  items.map((item) => ({ itemId: item.id, labels: RULES[name]!(item.steps.length), ...(name === 'every-7th-invalid' && item.steps.length % 7 === 3 ? { valid: false } : {}) }));

const close = (actual: number | null, expected: number, what: string) => {
  // Upstream prints −1 where a group has no value (e.g. first-error accuracy with none defined).
  expect(actual === null ? -1 : Math.abs(actual - expected) < 1e-12 ? expected : actual, what).toBe(expected);
};

for (const [bench, sub, load] of [
  ['socratic', 'socratic-prmbench', (p: string) => loadSocratic(p)],
  ['prmbench', 'prmbench', (p: string) => loadPrmBench(p)],
] as const) {
  const data = sharedPath(sub);
  describe.skipIf(!data.available)(`official mode vs the upstream scorer on ${sub}${data.available ? '' : ` (${data.skip})`}`, () => {
    it.each(Object.keys(RULES))('%s', async (name) => {
      const { items } = await load(data.path);
      const preds = predict(items, name);
      const want = oracle[bench]![name]!;
      const got = scoreAll(items, preds, { mode: 'official' });
      const o = toScoreFields(got.overall);
      for (const k of ['prm_score', 'f1', 'negative_f1', 'correct_step_acc', 'wrong_step_acc', 'first_error_acc'] as const) close(o[k], want.overall[k]!, `overall ${k}`);
      close(got.overall.validityRate, want.validity_rate, 'validity rate');
      if (want.overall.similarity !== -1) close(similarity(items, preds), want.overall.similarity!, 'similarity');
      for (const [cls, w] of Object.entries(want.by_category)) {
        const g = toScoreFields(got.byCategory[cls]!);
        for (const k of ['prm_score', 'correct_step_acc', 'wrong_step_acc', 'first_error_acc'] as const) close(g[k], w[k]!, `${cls} ${k}`);
      }
    });
  });
}
