import { beforeAll, describe, expect, it } from 'vitest';
import type { BenchItem, LoadResult } from '../load/bench-item.js';
import type { Prediction } from '../metrics/prediction.js';
import { scoreAll, scoreSteps } from '../metrics/score-steps.js';
import { SOCRATIC_TAXONOMY } from '../taxonomy/socratic-taxonomy.js';
import { sharedPath } from '../test-utils/shared-data.js';
import { loadSocratic } from './load-files.js';

// Loader counts (spec §11.4) and official-mode parity (spec §11.2) on the real Socratic-PRMBench files.
const data = sharedPath('socratic-prmbench');
if (!data.available) it.skip(data.skip, () => undefined);

const PER_FILE: Record<string, [records: number, steps: number, err: number, correct: number, oob: number]> = {
  repeat_inconsistency: [153, 1286, 646, 640, 1],
  repeat_counterfactual: [160, 1355, 650, 705, 6],
  decomposition_unsoundness: [158, 1352, 644, 708, 2],
  decomposition_redundancy: [153, 1443, 419, 1024, 1],
  decomposition_incompleteness: [152, 1221, 477, 744, 11],
  regather_imprecision: [152, 1313, 684, 629, 1],
  regather_redundancy: [153, 1310, 183, 1127, 1],
  regather_incompleteness: [158, 1339, 451, 888, 0],
  premise_unsoundness: [155, 1317, 515, 802, 3],
  premise_incompleteness: [152, 1288, 426, 862, 4],
  premise_redundancy: [157, 1351, 482, 869, 3],
  conclusion_invalidity: [153, 1280, 463, 817, 1],
  conclusion_inconsistency: [153, 1296, 444, 852, 7],
  conclusion_counterfactual: [156, 1354, 466, 888, 4],
  detection_error: [107, 1157, 400, 757, 8],
  correction_error: [108, 1154, 388, 766, 12],
  integration_unsoundness: [155, 1311, 313, 998, 3],
  integration_redundancy: [152, 1313, 258, 1055, 4],
  integration_incompleteness: [155, 1308, 314, 994, 3],
  integration_inconsistency: [153, 1307, 305, 1002, 5],
};

const predict = (items: BenchItem[], rule: (item: BenchItem, i: number) => boolean): Prediction[] =>
  items.map((item) => ({ itemId: item.id, labels: item.steps.map((_, i) => rule(item, i)) }));

describe.skipIf(!data.available)('Socratic-PRMBench on ../shared/data', () => {
  let loaded: LoadResult;
  beforeAll(async () => {
    loaded = await loadSocratic(data.path);
  });

  it('loads 2,995 items with unique <classification>:<idx> ids and 1,773 distinct raw idx values', () => {
    const { items } = loaded;
    expect(items).toHaveLength(2995);
    expect(new Set(items.map((i) => i.id)).size).toBe(2995);
    expect(new Set(items.map((i) => i.id.slice(i.id.indexOf(':') + 1))).size).toBe(1773);
    expect(items.find((i) => i.id === 'conclusion_counterfactual:' + i.id.split(':')[1])).toBeDefined();
    expect(loaded.report.files).toHaveLength(20);
  });

  it('matches the per-class counts of spec §2.4 (records, steps, in-range err/correct steps, out-of-range records)', () => {
    for (const [cls, [records, steps, err, correct, oob]] of Object.entries(PER_FILE)) {
      const items = loaded.items.filter((i) => i.category === cls);
      const nSteps = items.reduce((s, i) => s + i.steps.length, 0);
      const nErr = items.reduce((s, i) => s + new Set(i.errorSteps1.filter((e) => e <= i.steps.length)).size, 0);
      expect([cls, items.length, nSteps, nErr, nSteps - nErr, items.filter((i) => i.warnings.includes('error_index_out_of_range')).length]).toEqual([cls, records, steps, err, correct, oob]);
    }
  });

  it('collects warnings, not errors: 80 out-of-range records covering 102 indices, 3 empty steps, 45 unchanged processes', () => {
    const w = loaded.report.warnings;
    const oob = w.filter((x) => x.code === 'error_index_out_of_range');
    expect(oob).toHaveLength(80);
    expect(oob.reduce((s, x) => s + x.indices!.length, 0)).toBe(102);
    expect(oob[0]!.message).toMatch(/test_\w+\.jsonl:\d+: field error_steps/);
    expect(loaded.report.counts.empty_step).toBe(3);
    expect(loaded.report.counts.unchanged_process).toBe(45);
    expect(loaded.report.counts.duplicate_id).toBeUndefined();
  });

  it('1,087 Chinese records; 26,055 steps of which 13,380 hold a literal backslash-n, kept byte-identical; 8,928 in-range error steps', () => {
    const { items } = loaded;
    expect(items.filter((i) => i.lang === 'zh')).toHaveLength(1087);
    const steps = items.flatMap((i) => i.steps);
    expect(steps).toHaveLength(26055);
    expect(steps.filter((s) => s.includes('\\n'))).toHaveLength(13380);
    expect(steps.some((s) => s.includes('\n'))).toBe(false);
    expect(items.reduce((s, i) => s + new Set(i.errorSteps1.filter((e) => e <= i.steps.length)).size, 0)).toBe(8928);
    const sample = items.find((i) => i.id === 'detection_error:gsm8k_test#196_veri')!;
    expect(sample.steps).toHaveLength(10);
    expect(sample.errorSteps1).toEqual([6, 9, 11]);
    expect(sample.firstError0).toBe(5);
  });

  it('official mode: all-positive, all-negative and oracle reproduce spec §11.2 (1e-10)', () => {
    const { items } = loaded;
    const cases: [string, Prediction[], Record<string, number>][] = [
      ['all-positive', predict(items, () => true), { prmScore: 0.3966235932, f1: 0.7932471863, f1Neg: 0, correctStepAcc: 1, wrongStepAcc: 0, firstErrorAcc: 0, tp: 17127, fp: 8928, tn: 0, fn: 0 }],
      ['all-negative', predict(items, () => false), { prmScore: 0.2552096733, f1: 0, f1Neg: 0.5104193465, correctStepAcc: 0, wrongStepAcc: 1, firstErrorAcc: 1, tp: 0, fp: 0, tn: 8928, fn: 17127 }],
      ['oracle', predict(items, (item, i) => !item.errorSteps1.includes(i + 1)), { prmScore: 1, f1: 1, f1Neg: 1, correctStepAcc: 1, wrongStepAcc: 1, firstErrorAcc: 1, tp: 17127, fp: 0, tn: 8928, fn: 0 }],
    ];
    for (const [name, preds, want] of cases) {
      const m = scoreSteps(items, preds, { mode: 'official' }).overall!;
      for (const [k, v] of Object.entries(want)) {
        expect(Math.abs((m as unknown as Record<string, number>)[k]! - v), `${name} ${k}`).toBeLessThan(1e-10);
      }
    }
  });

  it('official mode: per-pattern pooled values of spec §11.2 (1e-10), and every sub-category belongs to its pattern', () => {
    const { items } = loaded;
    const pos = scoreAll(items, predict(items, () => true));
    const neg = scoreAll(items, predict(items, () => false));
    const want: Record<string, [number, number]> = {
      Transformation: [0.3374310085, 0.3291846584],
      Decomposition: [0.3813924831, 0.2771778258],
      Regather: [0.4002422041, 0.2496212121],
      Deduction: [0.3922626387, 0.2617487362],
      Verification: [0.3972352634, 0.2542755728],
      Integration: [0.4359388458, 0.1850987712],
    };
    for (const [pattern, [p, n]] of Object.entries(want)) {
      expect(Math.abs(pos.byPattern[pattern]!.prmScore! - p), pattern).toBeLessThan(1e-10);
      expect(Math.abs(neg.byPattern[pattern]!.prmScore! - n), pattern).toBeLessThan(1e-10);
      expect(pos.byPattern[pattern]!.n).toBe(SOCRATIC_TAXONOMY[pattern as keyof typeof SOCRATIC_TAXONOMY].reduce((s, c) => s + PER_FILE[c]![0], 0));
    }
    expect(Object.keys(pos.byCategory)).toHaveLength(20);
  });

  it('strict mode differs from official only where the quirks bite: all-negative has no ignored gold in the counts', () => {
    const { items } = loaded;
    const s = scoreSteps(items, predict(items, () => false), { mode: 'strict' }).overall!;
    expect([s.tp, s.fp, s.tn, s.fn]).toEqual([0, 0, 8928, 17127]);
    expect(s.ignoredGoldErrors).toBe(102);
    expect(s.f1).toBe(0);
    expect(s.precision).toBeNull();
  });
});
