import { describe, expect, it } from 'vitest';
import { compareRuns, mcnemarExact } from './compare-runs.js';
import type { Report, ScoredRow } from './score-run.js';

const row = (id: string, correct: boolean): ScoredRow => ({ id, correctLetter: 'A', final: correct ? 'A' : 'B', strict: null, step: 'brackets', correct, strictCorrect: false, status: 'ok' });
const report = (rows: ScoredRow[]) => ({ rows }) as unknown as Report;

describe('mcnemarExact (hand-computed)', () => {
  it.each([
    [1, 5, 14 / 64], // 2 · (C(6,0) + C(6,1)) / 2^6
    [0, 3, 2 / 8],
    [3, 3, 1],
    [0, 0, 1],
    [0, 10, 2 / 1024],
  ])('b=%i c=%i → %f', (b, c, p) => {
    expect(mcnemarExact(b, c)).toBeCloseTo(p, 14);
  });
});

describe('compareRuns', () => {
  it('pairs on shared ids only', () => {
    const a = report([row('1', true), row('2', false), row('3', false), row('4', true), row('only-a', true)]);
    const b = report([row('1', true), row('2', true), row('3', true), row('4', false), row('only-b', false)]);
    const c = compareRuns(a, b);
    expect(c).toMatchObject({ shared: 4, accuracyA: 0.5, accuracyB: 0.75, onlyA: 1, onlyB: 2 });
    expect(c.difference).toBeCloseTo(0.25, 15);
    expect(c.pValue).toBeCloseTo(1, 15); // 2 · (1 + 3) / 8 = 1
  });
});
