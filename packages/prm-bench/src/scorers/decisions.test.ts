import { describe, expect, it } from 'vitest';
import { applyDecision, DECISIONS, firstDifferences, redundancyLabels } from './decisions.js';

describe('decision rules (spec §3.2, pitfalls 6–7)', () => {
  it('threshold is strict: score = t is an error', () => {
    expect(applyDecision({ valid: true, scores: [0.5, 0.5000001, 0.4] }, DECISIONS.qwenPrm)).toEqual([false, true, false]);
    expect(applyDecision({ valid: true, scores: [0, 1, -1] }, DECISIONS.llmCritic)).toEqual([false, true, false]);
  });
  it('Skywork uses reward differences r1, r2 − r1, … against −0.05', () => {
    expect(firstDifferences([0.9, 0.86, 0.5])).toEqual([0.9, 0.86 - 0.9, 0.5 - 0.86]);
    expect(applyDecision({ valid: true, scores: [0.9, 0.86, 0.5] }, DECISIONS.skywork)).toEqual([true, true, false]);
    // Raw rewards would all pass −0.05; differences catch the drop.
    expect(applyDecision({ valid: true, scores: [0.9, 0.86, 0.5] }, { kind: 'threshold', threshold: -0.05 })).toEqual([true, true, true]);
  });
  it('explicit labels pass through; invalid results give no labels; redundancy labels', () => {
    expect(applyDecision({ valid: true, labels: [true, false] }, { kind: 'explicit' })).toEqual([true, false]);
    expect(applyDecision({ valid: true, labels: [true, false] }, DECISIONS.llmCritic)).toEqual([true, false]);
    expect(applyDecision({ valid: false, scores: [1] }, DECISIONS.llmCritic)).toBeUndefined();
    expect(applyDecision({ valid: true }, DECISIONS.llmCritic)).toBeUndefined();
    expect(redundancyLabels({ valid: true, redundancy: [-1, 0, 0.5] })).toEqual([false, false, true]);
    expect(redundancyLabels({ valid: true, redundancy: [0.1, 0.2] }, 0.15)).toEqual([false, true]);
  });
});
