import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildSyntheticPrmSet, checkSteps, toJsonl } from '@reasonkit/testbed';
import { scoreAll } from '../metrics/score-steps.js';
import { memoryCache } from '../run/cache.js';
import { runBenchmark, toPredictions } from '../run/run-benchmark.js';
import { DECISIONS } from '../scorers/decisions.js';
import { createFunctionScorer } from '../scorers/function-scorer.js';
import { loadPrmBench } from './load-files.js';

// Acceptance 5: the testbed's synthetic PRM set through the same pipeline (JSONL file → PRMBench
// loader under the `testbed` source → runner → official and strict metrics), scored by the exact
// rule-based step checker `checkSteps` as an oracle function scorer.
describe('testbed synthetic PRM set', () => {
  it('scores PRM-Score 1.0 with the exact step checker, overall and for each of the four classes, in both modes', async () => {
    const set = buildSyntheticPrmSet({ seed: 7, count: 240 });
    const file = join(mkdtempSync(join(tmpdir(), 'prm-bench-testbed-')), 'synthetic-prm.jsonl');
    writeFileSync(file, toJsonl(set.map((s) => s.record)));
    const { items, report } = await loadPrmBench(file, { source: 'testbed' });
    expect(items).toHaveLength(240);
    expect(report.counts.error_index_out_of_range).toBeUndefined();
    const problems = new Map(set.map((s) => [`${s.record.classification}:${s.record.idx}`, s.problem]));
    const checker = createFunctionScorer('testbed-check-steps@1', (item) => [...checkSteps(problems.get(item.id)!, item.steps).labels]);
    const run = await runBenchmark({ items, scorer: checker, decision: DECISIONS.llmCritic, cache: memoryCache(), concurrency: 8 });
    expect(run.failures).toEqual([]);
    expect(run.issues).toEqual([]);
    for (const mode of ['official', 'strict'] as const) {
      const m = scoreAll(items, toPredictions(run), { mode });
      expect(m.overall.prmScore).toBe(1);
      expect(m.overall.firstErrorAcc).toBe(1);
      expect(m.overall.tn).toBeGreaterThan(0);
      expect(Object.keys(m.byCategory).sort()).toEqual(['skipped_step', 'wrong_carry', 'wrong_digit', 'wrong_final_transcription']);
      for (const g of Object.values(m.byCategory)) expect(g.prmScore).toBe(1);
    }
    // The checker is not trivially agreeing: an all-correct predictor scores far lower on the same items.
    const lazy = scoreAll(items, items.map((i) => ({ itemId: i.id, labels: i.steps.map(() => true) })));
    expect(lazy.overall.prmScore).toBeLessThan(0.5);
  });
});
