import { describe, expect, it } from 'vitest';
import { CHEXBERT_CLASSES, mapChexbertClasses } from './chexbert-classes.js';
import { chexbertScores } from './chexbert-scores.js';
import { classificationReport } from './classification-report.js';
import { labelerFromFunction } from './labeler.js';
import { radgraphF1 } from './radgraph-f1.js';
import type { RadGraphAnnotation } from './radgraph-f1.js';

const refs = [[1, 0, 0, 0, 1], [0, 1, 0, 0, 0], [0, 0, 0, 0, 0], [1, 0, 0, 1, 1]].map((v) => Int8Array.from(v));
const hyps = [[1, 0, 0, 0, 0], [0, 1, 1, 0, 0], [0, 0, 0, 0, 0], [1, 0, 0, 0, 1]].map((v) => Int8Array.from(v));

describe('CheXbert scoring (spec §10.2 case 7, 8)', () => {
  it('micro/macro P/R/F1, per-class F1 and subset accuracy, exactly', () => {
    const r = classificationReport(refs, hyps);
    expect(r.classes.map((c) => c.f1)).toEqual([1, 1, 0, 0, 2 / 3]);
    expect(Math.abs(r.micro.precision - 0.8)).toBeLessThan(1e-15);
    expect(Math.abs(r.micro.recall - 2 / 3)).toBeLessThan(1e-15);
    expect(Math.abs(r.micro.f1 - 0.7272727272727273)).toBeLessThan(1e-15);
    expect(Math.abs(r.macro.precision - 0.6)).toBeLessThan(1e-15);
    expect(Math.abs(r.macro.recall - 0.5)).toBeLessThan(1e-15);
    expect(Math.abs(r.macro.f1 - 0.5333333333333333)).toBeLessThan(1e-15);
    expect(r.subsetAccuracy).toBe(0.25);
    expect(Array.from(r.perSampleExact)).toEqual([0, 0, 1, 0]);
    expect(r.classes.map((c) => c.support)).toEqual([2, 1, 0, 1, 2]);
  });

  it('zeroDivision 0 / 1 / nan on a class with TP = FP = FN = 0', () => {
    const a = [Int8Array.from([1, 0]), Int8Array.from([0, 0])];
    const b = [Int8Array.from([1, 0]), Int8Array.from([1, 0])];
    const z0 = classificationReport(a, b, { zeroDivision: 0 }).classes[1]!;
    const z1 = classificationReport(a, b, { zeroDivision: 1 }).classes[1]!;
    const zn = classificationReport(a, b, { zeroDivision: 'nan' }).classes[1]!;
    expect([z0.precision, z0.recall, z0.f1]).toEqual([0, 0, 0]);
    expect([z1.precision, z1.recall, z1.f1]).toEqual([1, 1, 1]);
    expect([zn.precision, zn.recall, zn.f1].every(Number.isNaN)).toBe(true);
    expect(classificationReport(a, b, { zeroDivision: 1 }).macro.f1).toBeCloseTo((2 / 3 + 1) / 2, 15);
  });

  it('emits PriorRG key names over 14 classes and the 5-class subset', () => {
    const r14 = [new Int8Array(14), new Int8Array(14)];
    const h14 = [new Int8Array(14), new Int8Array(14)];
    r14[0]![1] = 1; h14[0]![1] = 1; // Cardiomegaly hit
    r14[1]![9] = 1; // Pleural Effusion missed
    h14[1]![2] = 1; // Lung Opacity false positive (not in the 5 subset)
    const s = chexbertScores(r14, h14);
    expect(Object.keys(s.keys).sort()).toEqual(['chexbert_5_macro_f1', 'chexbert_5_micro_f1', 'chexbert_all_macro_f1', 'chexbert_all_macro_p', 'chexbert_all_macro_r', 'chexbert_all_micro_f1', 'chexbert_all_micro_p', 'chexbert_all_micro_r']);
    expect(s.five.classes.map((c) => c.name)).toEqual(['Cardiomegaly', 'Edema', 'Consolidation', 'Atelectasis', 'Pleural Effusion']);
    expect(s.keys.chexbert_5_micro_f1).toBeCloseTo(2 / 3, 15); // TP 1, FN 1
    expect(s.keys.chexbert_all_micro_f1).toBeCloseTo(0.5, 15); // TP 1, FP 1, FN 1
    expect(s.accuracy5).toBe(0.5);
    expect(s.all.classes).toHaveLength(CHEXBERT_CLASSES.length);
  });

  it('rrg mapping [0,1,2,3] → [0,1,0,1]; No Finding [0,1] → [0,1]; classification mode keeps −1', () => {
    expect(Array.from(mapChexbertClasses([0, 1, 2, 3]))).toEqual([0, 1, 0, 1]);
    expect(Array.from(mapChexbertClasses([0, 1]))).toEqual([0, 1]);
    expect(Array.from(mapChexbertClasses([0, 1, 2, 3], 'classification'))).toEqual([0, 1, 0, -1]);
  });

  it('labelerFromFunction checks counts and widths', async () => {
    const ok = labelerFromFunction('t', (texts) => texts.map(() => [1, 0]), ['a', 'b']);
    expect((await ok.label(['x', 'y'])).map((v) => Array.from(v))).toEqual([[1, 0], [1, 0]]);
    await expect(labelerFromFunction('bad', () => [[1]], ['a', 'b']).label(['x'])).rejects.toThrow(/vector 0 has 1 labels, expected 2/);
    await expect(labelerFromFunction('bad', () => [], ['a']).label(['x'])).rejects.toThrow(/returned 0 vectors for 1 texts/);
  });
});

describe('RadGraph F1 (spec §10.2 case 9)', () => {
  const ref: RadGraphAnnotation = {
    entities: {
      '1': { tokens: 'pleural', label: 'ANAT-DP', relations: [] },
      '2': { tokens: 'effusion', label: 'OBS-DP', relations: [['located_at', '1']] },
      '3': { tokens: 'cardiomegaly', label: 'OBS-DP', relations: [] },
    },
  };
  const hyp: RadGraphAnnotation = {
    entities: {
      '1': { tokens: 'pleural', label: 'ANAT-DP', relations: [] },
      '2': { tokens: 'effusion', label: 'OBS-DP', relations: [] },
      '3': { tokens: 'edema', label: 'OBS-DP', relations: [] },
    },
  };
  it('simple 2/3, partial 1/3, complete 1/3', () => {
    const r = radgraphF1([{ hyp, ref }]);
    expect(Math.abs(r.simple - 2 / 3)).toBeLessThan(1e-9);
    expect(Math.abs(r.partial - 1 / 3)).toBeLessThan(1e-9);
    expect(Math.abs(r.complete - 1 / 3)).toBeLessThan(1e-9);
  });
  it('an empty hypothesis scores (0, 0, 0) and stays in the mean', () => {
    const r = radgraphF1([{ hyp, ref }, { hyp: { entities: {} }, ref }, { hyp: null, ref }]);
    expect(Array.from(r.perSample.simple)).toEqual([2 / 3, 0, 0]);
    expect(Math.abs(r.simple - 2 / 9)).toBeLessThan(1e-9);
    expect(Math.abs(r.complete - 1 / 9)).toBeLessThan(1e-9);
  });
  it('complete lowercases relation tuples only', () => {
    const upper: RadGraphAnnotation = { entities: { a: { tokens: 'Pleural', label: 'ANAT-DP', relations: [] }, b: { tokens: 'Effusion', label: 'OBS-DP', relations: [['located_at', 'a']] } } };
    const r = radgraphF1([{ hyp: upper, ref }]);
    // simple: {Pleural, Effusion} vs {pleural, effusion, cardiomegaly}: no match (case-sensitive)
    expect(r.simple).toBe(0);
    // complete: hyp {(Pleural,ANAT-DP), (effusion,OBS-DP,located_at,pleural)} matches one of ref's 3
    expect(Math.abs(r.complete - 2 * (1 / 2) * (1 / 3) / (1 / 2 + 1 / 3))).toBeLessThan(1e-9);
  });
});
