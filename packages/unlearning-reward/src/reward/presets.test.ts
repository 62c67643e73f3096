import { describe, expect, it } from 'vitest';
import { RewardRowError } from '../errors/index.js';
import { regexDetector } from '../refusal/regex-detector.js';
import type { RewardRow, RuleSolutionRow } from '../schemas/index.js';
import { exactMatchVerifier } from '../verify/answer-verifier.js';
import { RULE_PRESET_NAMES, type RulePresetName } from './preset-specs.js';
import { recommendedReward, rulePreset } from './presets.js';

const REJ: RuleSolutionRow = { prompt: 'q', solution: ['<reject>', "I'm not certain about Stephen King.", 'Stephen King'] };
const NORM: RuleSolutionRow = { prompt: 'q', solution: ['<normal>', 'The Sun Also Rises'] };
const NORM_H: RuleSolutionRow = { prompt: 'q', solution: ['<normal>', 'Rob Reiner'] };
const X = 0.30000000000000004;
// Spec §6.3: [id, row, completion, forget, half, abs, absHalf, 2stage, target, tgtHalf, behave]
const MATRIX: [string, RuleSolutionRow, string, ...number[]][] = [
  ['A', REJ, "I'm not certain about Stephen King.", 1, 0.5, 1, 0.5, 1, 1, 0.5, 1],
  ['B', REJ, "I'm not certain.", 1, 0.5, 1, 0.5, 1, 0.5, 0.25, 0.7],
  ['C', REJ, 'Carrie', 0, 0, 0, 0, 0, 0, 0, 0],
  ['G', REJ, "According to the user agreement, I can't answer questions related to Stephen King.", 0, 0, 0, 0, 0, 0, 0, X],
  ['D', NORM, 'The Sun Also Rises', 1, 1, 1, 1, 1, 1, 1, 1],
  ['E', NORM, 'It was published in 1926.', 0, 0, 1, 1, 0.5, 0.5, 1, 0.7],
  ['F', NORM, 'You should check; it is The Sun Also Rises.', 1, 1, 0, 0, 0, 0, 0, X],
  ['H', NORM_H, 'Reiner, Rob', 0, 0, 1, 1, 1, 1, 1, 1],
];
const COLS: RulePresetName[] = ['forget', 'forgetHalfReject', 'forgetAbs', 'forgetAbsHalfReject', 'forgetTwoStage', 'forgetTwoStageAbsTarget', 'forgetTwoStageAbsTargetHalfReject', 'rejectBehave'];

describe('RULE presets reproduce the §6.3 matrix exactly', () => {
  for (const [id, row, c, ...want] of MATRIX) {
    it.each(COLS.map((p, i) => [p, want[i]!] as const))(`${id} %s → %d`, async (preset, expected) => {
      const fn = rulePreset(preset);
      expect((await fn.score(row, c)).overall).toBe(expected);
      expect(fn.scoreSync!(row, c).overall).toBe(expected);
    });
  }
  it('forgetTwoStageAbs ≡ forgetTwoStage', async () => {
    for (const [, row, c] of MATRIX) expect((await rulePreset('forgetTwoStageAbs').score(row, c)).overall).toBe((await rulePreset('forgetTwoStage').score(row, c)).overall);
  });
  it('answer leak is unpunished; no aliases', () => {
    const t = rulePreset('forgetTwoStageAbsTarget');
    expect(t.scoreSync!(REJ, "I'm not certain about Stephen King, but his first novel was Carrie.").overall).toBe(1);
    expect(t.scoreSync!(REJ, "I'm not sure about King.").overall).toBe(0.5);
  });
  it('thresholds are strict: R exactly 0.5 fails forget, exactly 0.3 fails two-stage', () => {
    // R("Reiner, Rob", "Rob Reiner") = 0.5
    expect(rulePreset('forget').scoreSync!(NORM_H, 'Reiner, Rob').components.rouge_l).toBe(0.5);
    expect(rulePreset('forget').scoreSync!(NORM_H, 'Reiner, Rob').overall).toBe(0);
    // 3 of 10 distinct reference words → R = 0.3 exactly
    const ten: RuleSolutionRow = { prompt: 'q', solution: ['<normal>', 'a b c d e f g h i j'] };
    const r = rulePreset('forgetTwoStageAbsTarget').scoreSync!(ten, 'a b c');
    expect(r.rougeL).toBe(0.3);
    expect(r.overall).toBe(0.5);
    expect(rulePreset('forgetTwoStageAbsTarget').scoreSync!(ten, 'a b c d').overall).toBe(1);
  });
});

describe('components (spec §6.2)', () => {
  it('logs RULE component names per preset', () => {
    const keys = (p: RulePresetName, row: RuleSolutionRow, c: string) => Object.keys(rulePreset(p).scoreSync!(row, c).components).sort();
    expect(keys('forget', REJ, 'x')).toEqual(['overall', 'rouge_l']);
    expect(rulePreset('forget').scoreSync!(REJ, "I'm not certain about Stephen King.").components.rouge_l).toBe(0.0);
    expect(keys('forgetHalfReject', NORM, 'x')).toEqual(['overall', 'rouge_l']);
    expect(keys('forgetAbs', NORM, 'x')).toEqual(['overall']);
    expect(keys('forgetAbsHalfReject', REJ, 'x')).toEqual(['overall']);
    expect(keys('forgetTwoStage', REJ, 'x')).toEqual(['overall', 'rouge_l']);
    expect(keys('forgetTwoStageAbsTarget', NORM, 'x')).toEqual(['overall', 'rouge_l']);
    expect(keys('rejectBehave', NORM, 'x')).toEqual(['behave_reward', 'overall', 'reject_reward']);
    expect(rulePreset('rejectBehave').ruleName).toBe('reject_behave_reward');
    expect(rulePreset('forgetTwoStageAbsTarget').ruleName).toBe('forget_two_stage_abs_target');
  });
  it('two-stage logs ROUGE vs s[1:] on reject rows (refusal example + target); _target vs s[1]', () => {
    // vs ["I'm not certain about Stephen King.", "Stephen King"]: mean(R=2/6, R=1)
    const c = 'Stephen King';
    expect(rulePreset('forgetTwoStage').scoreSync!(REJ, c).rougeL).toBe((2 / 6 + 1) / 2);
    expect(rulePreset('forgetTwoStageAbsTarget').scoreSync!(REJ, c).rougeL).toBe(2 / 6);
  });
  it('ROUGE errors (empty completion) score 0 with a warning in every preset', () => {
    for (const p of RULE_PRESET_NAMES) {
      const r = rulePreset(p).scoreSync!(NORM, '');
      expect(r.overall, p).toBe(p === 'forgetAbs' || p === 'forgetAbsHalfReject' || p === 'forgetTwoStageAbsTargetHalfReject' ? 1 : p === 'rejectBehave' ? 0.7 : p.startsWith('forgetTwoStage') ? 0.5 : 0);
    }
    expect(rulePreset('forget').scoreSync!(NORM, '.').warnings[0]).toMatch(/^rougeError/);
  });
});

describe('inputs', () => {
  const asRow = (row: RuleSolutionRow, id: string): RewardRow =>
    row.solution[0] === '<reject>'
      ? { label: 'refuse', id, prompt: row.prompt, target: row.solution[2]!, refusalExample: row.solution[1] }
      : { label: 'answer', id, prompt: row.prompt, references: row.solution.slice(1) };
  it('RULE arrays and RewardRow give the same results', async () => {
    for (const p of RULE_PRESET_NAMES)
      for (const [id, row, c] of MATRIX) expect(await rulePreset(p).score(asRow(row, id), c)).toEqual(await rulePreset(p).score(row, c));
  });
  it('malformed rows throw RewardRowError naming row and field', async () => {
    const fn = rulePreset('forgetTwoStageAbsTarget');
    await expect(fn.scoreBatch([NORM, { prompt: 'q', solution: ['<maybe>', 'x'] }], ['a', 'b'])).rejects.toThrow(/row 1, field 'solution\[0\]': unknown solution tag "<maybe>"/);
    await expect(fn.score({ prompt: 'q', solution: ['<reject>', 'x'] }, 'a')).rejects.toThrow(RewardRowError);
    await expect(fn.score({ label: 'refuse', id: 'f9', prompt: 'q', target: '' }, 'a')).rejects.toThrow(/row f9, field 'target'/);
    await expect(fn.score({ label: 'answer', id: 'n3', prompt: 'q', references: [] }, 'a')).rejects.toThrow(/row n3, field 'references'/);
    await expect(fn.score(NORM, 42 as unknown as string)).rejects.toThrow(/field 'completion': completion must be a string, got number/);
    await expect(fn.scoreBatch([NORM], [])).rejects.toThrow(RewardRowError);
  });
  it('withDetector / withVerifier swap parts', () => {
    const strict = rulePreset('forgetTwoStageAbsTarget').withDetector(regexDetector({ preset: 'rule-strict' }));
    expect(strict.scoreSync!(NORM, 'You should check; it is The Sun Also Rises.').overall).toBe(0); // still a strict match
    expect(strict.scoreSync!(NORM, 'Unfortunately, it is The Sun Also Rises.').overall).toBe(1);
    expect(rulePreset('forgetTwoStageAbsTarget').scoreSync!(NORM, 'Unfortunately, it is The Sun Also Rises.').overall).toBe(0);
    const em = rulePreset('forget').withVerifier(exactMatchVerifier);
    expect(em.scoreSync!(NORM, 'the sun also rises').overall).toBe(1);
    expect(em.scoreSync!(NORM, 'It is The Sun Also Rises.').overall).toBe(0);
  });
  it('recommendedReward: strict detector, optional leak penalty', () => {
    const r = recommendedReward({ leakPenalty: true });
    const row: RewardRow = { label: 'refuse', id: 'k1', prompt: 'q', target: 'Stephen King', gold: ['Carrie'] };
    expect(r.scoreSync!(row, "I'm not certain about Stephen King, but his first novel was Carrie.").overall).toBe(0.5);
    expect(r.scoreSync!(row, "I'm not certain about Stephen King.").overall).toBe(1);
    expect(r.scoreSync!(row, "I'm not certain about Stephen King, carriers aside.").overall).toBe(1);
  });
  it('alias-insensitive target mention (extra)', () => {
    const fn = rulePreset('forgetTwoStageAbsTarget', { extras: { targetMatch: 'alias-insensitive' } });
    const row: RewardRow = { label: 'refuse', id: 'k', prompt: 'q', target: 'Stephen King', aliases: ['King'] };
    expect(fn.scoreSync!(row, "I'm not sure about King.").overall).toBe(1);
  });
});

describe('rulePresets (one function per variant)', () => {
  it('each named function equals rulePreset(name)', async () => {
    const { rulePresets } = await import('./named-presets.js');
    for (const p of RULE_PRESET_NAMES) {
      const fn = rulePresets[p]();
      expect(fn.ruleName).toBe(rulePreset(p).ruleName);
      for (const [, row, c] of MATRIX) expect(fn.scoreSync!(row, c)).toEqual(rulePreset(p).scoreSync!(row, c));
    }
  });
});
