import { describe, expect, it } from 'vitest';
import { ModeSelectError } from '../errors/mode-select-error.js';
import { calibrateThreshold, evaluateTraces } from './evaluate-traces.js';
import { renderMarkdownReport, renderParetoSvg } from './render-report.js';
import { parseTraceRecord, parseTraces, type TraceRecordInput } from './trace-schema.js';

// the routed toy set of spec §11.1, with a selector whose decisions at λ = 0.5 are d = [1, 0, 1, 1]
const toy: TraceRecordInput[] = [
  { v: 1, id: 'q1', dataset: 'a', yNoThink: 1, yThink: 1, lenNoThink: 100, lenThink: 1000, restarted: 0, scores: { s: { pNoThink: 0.9, overheadTokens: 4 } } },
  { v: 1, id: 'q2', dataset: 'a', yNoThink: 0, yThink: 1, lenNoThink: 150, lenThink: 2000, restarted: 1, scores: { s: { pNoThink: 0.2, overheadTokens: 4 } } },
  { v: 1, id: 'q3', dataset: 'b', yNoThink: 1, yThink: 0, lenNoThink: 120, lenThink: 3000, restarted: 0, scores: { s: { pNoThink: 0.7, overheadTokens: 4 } } },
  { v: 1, id: 'q4', dataset: 'b', yNoThink: 0, yThink: 1, lenNoThink: 80, lenThink: 1500, restarted: 0, scores: { s: { pNoThink: 0.6, overheadTokens: 4 } } },
];
const jsonl = toy.map((r) => JSON.stringify(r)).join('\n');

describe('evaluation harness on recorded traces', () => {
  it('reproduces the routed toy set and adds references, G, restart rate and per-dataset AUC', () => {
    const { records } = parseTraces(jsonl, 'toy.jsonl');
    const e = evaluateTraces(records);
    const s = e.selectors[0]!;
    expect(s.routed.routedAcc).toBeCloseTo(0.75, 12);
    expect(s.routed.avgTokens).toBeCloseTo(575, 12);
    expect(s.routed.avgTokensWithOverhead).toBeCloseTo(579, 12);
    expect(s.routed.saved).toBeCloseTo(0.693333333333, 9);
    expect(e.references.oracle.avgTokens).toBeCloseTo(930, 12);
    expect(e.references.randomConstrained.rate).toBeCloseTo(0.04, 12);
    expect(e.restartRate).toBeCloseTo(0.25, 12);
    // labels y = [1, 0, 1, 0]; scores [0.9, 0.2, 0.7, 0.6] rank them perfectly
    expect(s.rocAuc).toBe(1);
    expect(s.aucByDataset).toEqual({ a: 1, b: 1 });
    expect(s.aucStd).toBe(0);
    // operating point: λ = 0.6 → d = [1, 0, 1, 0] = oracle (acc 1, saved 0.504) beats nothing with more saving at ΔAcc ≥ −0.01: λ = 0.2 gives saved 0.693 at ΔAcc 0
    expect(s.operatingPoint!.threshold).toBe(0.2);
    expect(s.oracleGapClosure).toBeCloseTo(1.405946, 6);
  });

  it('writes Markdown with every metric and an SVG Pareto chart', () => {
    const header = { type: 'header' as const, v: 1 as const, fakeThought: { id: 'ma2025-finished', body: 'Okay, I think I have finished thinking.', close: '</think>\n\n' } };
    const { records } = parseTraces(`${JSON.stringify(header)}\n${jsonl}`, 'toy.jsonl');
    const e = evaluateTraces(records, {}, header);
    const md = renderMarkdownReport(e);
    for (const k of ['ROC-AUC', 'ECE', 'Brier', 'PR-AUC', 'RoutedAcc', 'AvgTokens', '+ overhead', 'CR', 'Saved', 'ΔAcc', 'NoThinkRate', 'G', 'Restart rate', 'mean ± std', 'Okay, I think I have finished thinking.']) expect(md).toContain(k);
    const svg = renderParetoSvg(e);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('<path');
    expect(JSON.parse(JSON.stringify(e)).selectors[0].paretoFront.length).toBeGreaterThan(0);
  });

  it('threshold calibration targets', () => {
    const { records } = parseTraces(jsonl);
    expect(calibrateThreshold(records, 's', { maxAccDrop: 0.01 })).toBe(0.2);
    expect(calibrateThreshold(records, 's', { noThinkRate: 0.5 })).toBe(0.6);
    expect(calibrateThreshold(records, 's', { precision: 1 })).toBe(0.6);
  });

  it('early-exit replay is labelled post hoc', () => {
    const recs = toy.map((r, i) => ({ ...r, checks: { s: [{ step: 1, thinkTokens: 100, score: i === 0 ? 0.9 : 0.1, answerCorrect: 1 as const, answerTokens: 10 }] } }));
    const e = evaluateTraces(parseTraces(recs.map((r) => JSON.stringify(r)).join('\n')).records);
    expect(e.selectors[0]!.replay).toEqual({ acc: 0.75, avgTokens: (110 + 2000 + 3000 + 1500) / 4, saved: 1 - 6610 / 7500, label: 'post hoc' });
  });

  it('malformed records: typed errors naming file, line and field', () => {
    const bad = (patch: Record<string, unknown>, re: RegExp) => {
      const line = JSON.stringify({ ...toy[0], ...patch });
      let err: unknown;
      try {
        parseTraces(`${JSON.stringify(toy[1])}\n${line}`, 'runs.jsonl');
      } catch (e) {
        err = e;
      }
      expect(ModeSelectError.isKind(err, 'trace')).toBe(true);
      expect((err as Error).message).toMatch(re);
    };
    bad({ scores: { s: { pNoThink: 1.2 } } }, /runs\.jsonl:2.*scores\.s\.pNoThink/);
    bad({ lenThink: -3 }, /runs\.jsonl:2.*lenThink/);
    bad({ yThink: undefined }, /runs\.jsonl:2.*yThink/);
    expect(() => parseTraces('{not json', 'x.jsonl')).toThrow(/x\.jsonl:1: not valid JSON/);
    expect(() => parseTraces(`${JSON.stringify(toy[0])}\n${JSON.stringify(toy[0])}`)).toThrow(/duplicate record id q1/);
    expect(() => parseTraceRecord({ v: 1 }, { file: 'f', line: 3 })).toThrow(/f:3: id/);
  });

  it('one-class data: AUC null with a warning, not NaN', () => {
    const recs = parseTraces(toy.map((r) => JSON.stringify({ ...r, yNoThink: 1 })).join('\n')).records;
    const e = evaluateTraces(recs);
    expect(e.selectors[0]!.rocAuc).toBeNull();
    expect(e.warnings.join(' ')).toMatch(/no negative/);
  });
});
