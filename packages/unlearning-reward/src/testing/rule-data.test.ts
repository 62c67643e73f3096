import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { easyR1Json } from '../export/easyr1.js';
import { regexDetector } from '../refusal/regex-detector.js';
import {
  RuleSftRowSchema,
  RuleSolutionRowSchema,
  RuleSourceRowSchema,
  RwkuBbhRowSchema,
  RwkuFluencyRowSchema,
  RwkuMiaRowSchema,
  RwkuMmluRowSchema,
  RwkuPassageRowSchema,
  RwkuProbeSchema,
  RwkuTriviaRowSchema,
  RwkuTruthfulRowSchema,
  type RuleSolutionRow,
  type RuleSourceRow,
} from '../schemas/index.js';
import { filterItems } from '../synth/filters.js';
import { fromRuleJson, fromRuleSource } from '../synth/from-rule-json.js';
import { HAVE_RULE_DATA, readRuleFile, RULE_TARGET_DIR, SKIP_MESSAGE } from './shared-data.js';
import { z } from 'zod';

const SCHEMAS: Record<string, z.ZodType> = {
  'fluency.json': RwkuFluencyRowSchema,
  'forget_level1.json': RwkuProbeSchema,
  'forget_level2.json': RwkuProbeSchema,
  'forget_level3.json': RwkuProbeSchema,
  'forget_mia.json': RwkuMiaRowSchema,
  'idk_target.json': z.string(),
  'intro.json': z.object({ target: z.string(), intro: z.string() }),
  'neighbor_level1.json': RwkuProbeSchema,
  'neighbor_level2.json': RwkuProbeSchema,
  'passage.json': RwkuPassageRowSchema,
  'reject_target.json': RuleSftRowSchema,
  'reject_with_fb_neighbor_target.json': RuleSourceRowSchema,
  'retain_bbh.json': RwkuBbhRowSchema,
  'retain_mia.json': RwkuMiaRowSchema,
  'retain_mmlu.json': RwkuMmluRowSchema,
  'rl_rejection_eval_target.json': RuleSolutionRowSchema,
  'rl_rejection_with_fb_neighbor_target.json': RuleSolutionRowSchema,
  'triviaqa.json': RwkuTriviaRowSchema,
  'truthful.json': RwkuTruthfulRowSchema,
};

describe.skipIf(!HAVE_RULE_DATA)('RULE sample data, 1_Stephen_King (spec §13.4)', () => {
  it('every file parses with its schema', () => {
    const files = readdirSync(RULE_TARGET_DIR).sort();
    expect(files).toEqual(Object.keys(SCHEMAS).sort());
    for (const f of files) {
      const data = readRuleFile<unknown[]>(f);
      const arr = Array.isArray(data) ? data : [data];
      arr.forEach((row, i) => {
        const r = SCHEMAS[f]!.safeParse(row);
        expect(r.success, `${f}#${i}: ${r.success ? '' : r.error.message}`).toBe(true);
      });
    }
  });
  it('RL file: 1,200 = 600 <reject> (3 elements) + 600 <normal> (2 elements); eval 107 = 47 + 60; probes 8/10/29 and 30/30', () => {
    const rl = readRuleFile<RuleSolutionRow[]>('rl_rejection_with_fb_neighbor_target.json');
    expect(rl.length).toBe(1200);
    expect(rl.filter((r) => r.solution[0] === '<reject>' && r.solution.length === 3).length).toBe(600);
    expect(rl.filter((r) => r.solution[0] === '<normal>' && r.solution.length === 2).length).toBe(600);
    const ev = readRuleFile<RuleSolutionRow[]>('rl_rejection_eval_target.json');
    expect([ev.length, ev.filter((r) => r.solution[0] === '<reject>').length, ev.filter((r) => r.solution[0] === '<normal>').length]).toEqual([107, 47, 60]);
    expect(['forget_level1', 'forget_level2', 'forget_level3', 'neighbor_level1', 'neighbor_level2'].map((f) => readRuleFile<unknown[]>(`${f}.json`).length)).toEqual([8, 10, 29, 30, 30]);
  });
  it('import → EasyR1 export round trip gives identical JSON (train and eval files)', () => {
    for (const [f, kind] of [
      ['rl_rejection_with_fb_neighbor_target.json', 'train'],
      ['rl_rejection_eval_target.json', 'eval'],
    ] as const) {
      const raw = readRuleFile(f);
      const rows = fromRuleJson(raw, { file: f, kind });
      expect(JSON.stringify(easyR1Json(rows))).toBe(JSON.stringify(raw));
    }
    const ev = fromRuleJson(readRuleFile('rl_rejection_eval_target.json'), { kind: 'eval' });
    expect(ev[0]).toMatchObject({ label: 'refuse', target: 'Stephen King' });
    expect((ev[0] as { gold?: string[] }).gold).toHaveLength(1);
  });
  it('§4.2 detector counts', () => {
    const parity = regexDetector({ preset: 'rule-parity' });
    const strict = regexDetector({ preset: 'rule-strict' });
    const templates = readRuleFile<string[]>('idk_target.json');
    expect(templates.filter((t) => !parity.detect(t).isRefusal)).toEqual(["I'm unaware of that detail about Stephen King."]);
    expect(templates.filter((t) => !strict.detect(t).isRefusal).sort()).toEqual(
      ["I'm not the right AI for a Stephen King question.", "I'm unaware of that detail about Stephen King.", "That's not in my current dataset about Stephen King."].sort(),
    );
    const rl = readRuleFile<RuleSolutionRow[]>('rl_rejection_with_fb_neighbor_target.json');
    const golds = rl.filter((r) => r.solution[0] === '<normal>').map((r) => r.solution[1]!);
    const flagged = golds.filter((g) => parity.detect(g).isRefusal);
    expect(flagged.length).toBe(1);
    expect(flagged[0]).toContain('not in 1980 and did not involve');
    expect(golds.filter((g) => strict.detect(g).isRefusal).length).toBe(0);
    expect(rl.filter((r) => r.solution[0] === '<reject>' && parity.detect(r.solution[1]!).isRefusal).length).toBe(594);
    expect(readRuleFile<{ output: string }[]>('reject_target.json').filter((r) => parity.detect(r.output).isRefusal).length).toBe(297);
    const ev = readRuleFile<RuleSolutionRow[]>('rl_rejection_eval_target.json');
    expect(ev.filter((r) => r.solution[0] === '<normal>' && parity.detect(r.solution[1]!).isRefusal).length).toBe(0);
  });
  it('default filters on the 300 source rows: blank count 8 + 3, target leak 1, over-long cloze answers 32', async () => {
    const items = fromRuleSource(readRuleFile<RuleSourceRow[]>('reject_with_fb_neighbor_target.json'));
    expect(items.length).toBe(1200);
    const { report } = await filterItems(items);
    expect(report.failures.blankCount).toEqual({ 'boundary/cloze': 8, 'forget/cloze': 3 });
    expect(report.failures.targetLeak).toEqual({ 'boundary/cloze': 1 });
    expect(report.failures.length).toEqual({ 'boundary/cloze': 32 });
    expect(report.failures.refusalLikeAnswer).toEqual({});
    expect(report.input).toBe(1200);
    expect(report.kept + report.dropped).toBe(1200);
  });
});
describe.skipIf(HAVE_RULE_DATA)('RULE sample data', () => {
  it('skipped', () => console.warn(SKIP_MESSAGE));
});

describe.skipIf(!HAVE_RULE_DATA)('every preset over the RL file\'s provided responses (issue acceptance 2)', () => {
  // Responses = the file's own refusal examples (reject rows) and gold answers (normal rows). By hand from
  // §4.2's counts: parity flags 594/600 refusal examples and 1/600 golds; every refusal example names the
  // target; R(gold, gold) = 1 and R(example, target) = 1.
  const HAND: Record<string, number> = {
    forget: 594 + 600,
    forgetHalfReject: 297 + 600,
    forgetAbs: 594 + 599,
    forgetAbsHalfReject: 297 + 599,
    forgetTwoStage: 594 + 599,
    forgetTwoStageAbs: 594 + 599,
    forgetTwoStageAbsTarget: 594 + 599,
    forgetTwoStageAbsTargetHalfReject: 297 + 599,
    rejectBehave: 594 + 6 * 0.3 + 599 + 0.3,
  };
  it.each(Object.entries(HAND))('%s sums to %d', async (preset, want) => {
    const { rulePreset } = await import('../reward/presets.js');
    const rl = readRuleFile<RuleSolutionRow[]>('rl_rejection_with_fb_neighbor_target.json');
    expect(rl.filter((r) => r.solution[0] === '<reject>').every((r) => r.solution[1]!.includes(r.solution[2]!))).toBe(true);
    const fn = rulePreset(preset as Parameters<typeof rulePreset>[0]);
    const total = rl.reduce((s, r) => s + fn.scoreSync!(r, r.solution[1]!).overall, 0);
    expect(total).toBeCloseTo(want, 9);
  });
});
