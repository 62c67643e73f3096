import { ReasonkitError } from '@reasonkit/core';
import { describe, expect, it } from 'vitest';
import { spec118 } from './__fixtures__/spec-11-8.js';
import { formatPercent, scoreRun } from './score-run.js';

// Spec §11.8: eight synthetic records, hand-computed expectations (fixture comments list them).
const { records, rows } = await spec118();
const pick = (s: { correct: number; total: number; percent: string }) => [s.correct, s.total, s.percent];

describe('scoreRun (spec §11.8, hand-computed)', () => {
  it('overall, category and video-type slices', () => {
    const report = scoreRun(rows, records);
    expect(pick(report.overall)).toEqual([5, 8, '62.50']);
    expect(pick(report.byCategory.Implicit!)).toEqual([2, 3, '66.67']);
    expect(pick(report.byCategory.Explicit!)).toEqual([2, 4, '50.00']);
    expect(pick(report.byCategory.Other!)).toEqual([1, 1, '100.00']);
    const vt = Object.fromEntries(Object.entries(report.byVideoType).map(([k, s]) => [k, [s.correct, s.total]]));
    expect(vt).toEqual({ Animation: [1, 2], TV: [2, 2], Movie: [0, 1], Life: [1, 2], Art: [1, 1] });
    expect(report.overall.unanswered).toBe(1);
    expect(report.overall.wilson95[0]).toBeCloseTo(0.30574239460262737, 12);
    expect(report.overall.errors).toBe(0);
    expect(report.otherCategory).toEqual(['7']);
    expect(report.missing).toEqual([]);
    expect([report.byL2['Causal Reasoning']!.correct, report.byL2['Causal Reasoning']!.total]).toEqual([2, 2]);
    expect([report.byL3['L3-x']!.correct, report.byL3['L3-y']!.correct]).toEqual([3, 2]);
    expect(report.byOptionCount['4']!.total).toBe(8);
  });

  it('unfolded buckets keep the raw case apart (reference scoring)', () => {
    const vt = scoreRun(rows, records, { foldVideoType: false }).byVideoType;
    const pairs = Object.fromEntries(Object.entries(vt).map(([k, s]) => [k, [s.correct, s.total]]));
    expect(pairs).toEqual({ Animation: [1, 1], animation: [0, 1], TV: [2, 2], movie: [0, 1], Life: [1, 1], life: [0, 1], Art: [1, 1] });
  });

  it('strict accuracy and step counts side by side', () => {
    const report = scoreRun(rows, records);
    // Strict: rows 0, 2, 4, 5 correct ([[B]], \boxed{B}, last [[B]], [[B]]); rows 3, 7 have no marker.
    expect(report.overall.strictCorrect).toBe(4);
    expect(report.overall.strictPercent).toBe('50.00');
    expect(report.overall.strictUnanswered).toBe(3);
    // Parity predictions: B five times, C (row 1), D (row 4: first marker wins), none (row 6).
    expect(report.letterBias).toEqual({ B: { predicted: 5, correct: 8 }, C: { predicted: 1, correct: 0 }, D: { predicted: 1, correct: 0 } });
    expect(report.steps).toEqual({ brackets: 4, boxed: 1, 'bare-letter': 2, paren: 0, 'any-char': 0, none: 1 });
  });

  it('error rows count as wrong unless excluded; missing rows are listed', () => {
    const withError = rows.slice(0, 7).map((r, i) => (i === 0 ? { ...r, status: 'error' as const } : r));
    const a = scoreRun(withError, records);
    expect([a.overall.correct, a.overall.total, a.overall.errors]).toEqual([3, 7, 1]);
    expect(a.missing).toEqual(['7']);
    const b = scoreRun(withError, records, { excludeErrors: true });
    expect([b.overall.correct, b.overall.total]).toEqual([3, 6]);
  });

  it('rejects unknown and repeated ids naming the row', () => {
    expect(() => scoreRun([{ id: 'nope', response: '' }], records)).toThrow(/row 0: field "id": no record/);
    expect(() => scoreRun([rows[0]!, rows[0]!], records)).toThrow(ReasonkitError);
  });
});

describe('formatPercent', () => {
  it.each([
    [5, 8, '62.50'],
    [2, 3, '66.67'],
    [1, 3, '33.33'],
    [0, 0, '0.00'],
    [97, 800, '12.12'], // exact tie 12.125 → half to even
    [99, 800, '12.38'], // exact tie 12.375 → even 12.38
    [8, 8, '100.00'],
  ])('%i/%i → %s', (c, t, expected) => {
    expect(formatPercent(c, t)).toBe(expected);
  });
});
