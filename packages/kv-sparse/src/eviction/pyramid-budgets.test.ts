import { describe, expect, it } from 'vitest';
import { pyramidBudgets } from './pyramid-budgets.js';

describe('pyramidBudgets (spec §3.2, §13 target 4)', () => {
  it("'reference' reproduces the worked vectors and the budget-ignoring fallback", () => {
    expect(pyramidBudgets(4096, 4, { budget: 2048, compat: 'reference' })).toEqual([3869, 2612, 1356, 99]);
    expect(pyramidBudgets(4096, 4, { ratio: 0.5, compat: 'reference' })).toEqual([3994, 2697, 1399, 102]);
    expect(pyramidBudgets(2048, 4, { budget: 2048, compat: 'reference' })).toEqual([1984, 1984, 1984, 1984]);
    expect(pyramidBudgets(4096, 4, { budget: 1024, compat: 'reference' })).toEqual([3686, 3686, 3686, 3686]);
    expect(pyramidBudgets(4096, 4, { budget: 2048, compat: 'reference' }).reduce((a, b) => a + b)).toBe(4 * (2048 - 64));
  });

  it("'fixed' (default) respects the budget in the fallback, with a warning, and B ≥ S evicts nothing", () => {
    const warnings: string[] = [];
    expect(pyramidBudgets(4096, 4, { budget: 1024 }, warnings)).toEqual([1024, 1024, 1024, 1024]);
    expect(warnings).toHaveLength(1);
    expect(pyramidBudgets(2048, 4, { budget: 2048 })).toEqual([2048, 2048, 2048, 2048]);
    expect(pyramidBudgets(4096, 4, { budget: 2048 })).toEqual([3869, 2612, 1356, 99]);
  });

  it('rejects maxTokens ≤ 0 and ratios out of range with codes', () => {
    expect(() => pyramidBudgets(100, 2, { budget: 0 })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT', kind: 'invalid-budget' }));
    expect(() => pyramidBudgets(100, 2, { ratio: 1 })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT', kind: 'invalid-ratio' }));
  });
});
