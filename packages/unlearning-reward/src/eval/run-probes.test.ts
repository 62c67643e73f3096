import { createScriptedTextModel } from '@reasonkit/core/testing';
import { describe, expect, it } from 'vitest';
import type { RwkuProbe } from '../schemas/index.js';
import { HAVE_RULE_DATA, readRuleFile } from '../testing/shared-data.js';
import { metrics } from './index.js';

const probe = (query: string, answer: string, level: '1' | '2' | '3'): RwkuProbe => ({ query, answer, level, type: 'x', subject: 'Stephen King' });

describe('RWKU probe runs (scripted model)', () => {
  it('greedy, newline-cut answers scored per level; empty answers count as NOANSWER', async () => {
    const model = createScriptedTextModel({
      replies: (req) => {
        const t = String(req.messages![0]!.content);
        if (t.includes('debut')) return 'Carrie\nmore text';
        if (t.includes('born')) return '';
        return 'I am not sure.';
      },
    });
    const forget = [probe("Stephen King's debut novel is ___.", 'Carrie', '1'), probe('Where was Stephen King born?', 'Portland, Maine', '2'), probe('Tell me his pen name.', 'Richard Bachman', '3')];
    const r = await metrics.rwku.evaluateProbes(model, { forget });
    expect(r.table).toEqual({ 'F-FB': 100, 'F-QA': 0, 'F-AA': 0, 'F-All': 100 / 3 });
    expect(model.requests.every((q) => q.temperature === 0 && q.stop?.[0] === '\n')).toBe(true);
    expect(String(model.requests[0]!.messages![0]!.content)).toMatch(/^Please complete the blank/);
  });
  it.skipIf(!HAVE_RULE_DATA)('runs over the shared 1_Stephen_King probes (47 forget + 60 neighbour) with an oracle model', async () => {
    const forget = [1, 2, 3].flatMap((l) => readRuleFile<RwkuProbe[]>(`forget_level${l}.json`));
    const neighbor = [1, 2].flatMap((l) => readRuleFile<RwkuProbe[]>(`neighbor_level${l}.json`));
    const gold = new Map([...forget, ...neighbor].map((p) => [p.query, p.answer]));
    // an oracle that answers every probe with its gold answer: every level scores 100 
    const model = createScriptedTextModel({ replies: (req) => { const t = String(req.messages![0]!.content); const q = t.split('\n').slice(1, -1).join('\n'); return gold.get(q) ?? ''; } });
    const r = await metrics.rwku.evaluateProbes(model, { forget, neighbor }, { concurrency: 8 });
    expect(model.requests.length).toBe(107);
    expect(Object.keys(r.table)).toEqual(['F-FB', 'F-QA', 'F-AA', 'F-All', 'R-FB', 'R-QA', 'R-All']);
    expect(Object.values(r.table)).toEqual([100, 100, 100, 100, 100, 100, 100]);
    expect(r.forget!.AA!.byIndex.length).toBe(29);
  });
});
