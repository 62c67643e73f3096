import { beforeAll, describe, expect, it } from 'vitest';
import type { BenchItem, LoadResult } from '../load/bench-item.js';
import { similarity } from '../metrics/detection-delay.js';
import type { Prediction } from '../metrics/prediction.js';
import { scoreSteps } from '../metrics/score-steps.js';
import { sharedPath } from '../test-utils/shared-data.js';
import { loadPrmBench } from './load-files.js';

// PRMBench parity (spec §11.3) and loader counts (§11.4) on ../shared/data/prmbench.
const data = sharedPath('prmbench');
if (!data.available) it.skip(data.skip, () => undefined);

describe.skipIf(!data.available)('PRMBench on ../shared/data', () => {
  let loaded: LoadResult;
  beforeAll(async () => {
    loaded = await loadPrmBench(data.path);
  });

  it('6,216 records → 6,969 items (multi_solutions 165 → 160, + 758 correct twins)', () => {
    expect(loaded.report.records).toBe(6216);
    expect(loaded.items).toHaveLength(6969);
    expect(loaded.items.filter((i) => i.category === 'multi_solutions')).toHaveLength(160);
    expect(loaded.items.filter((i) => i.twin)).toHaveLength(758);
    expect(loaded.report.counts.duplicate_id).toBe(5);
    expect(loaded.report.counts.error_index_out_of_range).toBe(100);
  });

  const rule = (items: BenchItem[], redundancy: boolean): Prediction[] =>
    items.map((item) => ({
      itemId: item.id,
      labels: item.steps.map((_, i) => i % 3 !== 1),
      ...(redundancy ? { redundancyLabels: item.steps.map((_, i) => i % 2 === 1) } : {}),
    }));

  it('validity-only predictor (i mod 3 ≠ 1): overall 0.4812318485, F1 0.7456840734, F1_neg 0.2167796237, similarity 0.0235284443; correct class 0.4000886132', () => {
    const preds = rule(loaded.items, false);
    const m = scoreSteps(loaded.items, preds).overall!;
    expect(Math.abs(m.prmScore! - 0.4812318485)).toBeLessThan(1e-10);
    expect(Math.abs(m.f1! - 0.7456840734)).toBeLessThan(1e-10);
    expect(Math.abs(m.f1Neg! - 0.2167796237)).toBeLessThan(1e-10);
    expect(Math.abs(similarity(loaded.items, preds)! - 0.0235284443)).toBeLessThan(1e-10);
    expect(Math.abs(scoreSteps(loaded.items, preds, { groupBy: 'category' }).correct!.prmScore! - 0.4000886132)).toBeLessThan(1e-10);
  });

  it('with redundancy labels (i mod 2 = 1, inverted for redundency / circular): overall 0.4782680038', () => {
    const m = scoreSteps(loaded.items, rule(loaded.items, true)).overall!;
    expect(Math.abs(m.prmScore! - 0.4782680038)).toBeLessThan(1e-10);
  });
});
