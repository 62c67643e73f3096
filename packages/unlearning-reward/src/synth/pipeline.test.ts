import { createScriptedTextModel } from '@reasonkit/core/testing';
import type { GenerateRequest } from '@reasonkit/core';
import { describe, expect, it } from 'vitest';
import { InvalidOptionsError, RewardRowError } from '../errors/index.js';
import type { RewardRow } from '../schemas/index.js';
import { countBlanks, mentions } from './filters.js';
import { itemsToRewardRows, mix, synthesizeBoundary } from './pipeline.js';
import type { SynthItem } from './synth-item.js';

const TARGET = 'Stephen King';
const NEIGHBORS = ['Agatha Christie', 'Ernest Hemingway'];
const text = (r: GenerateRequest) => String(r.messages!.find((m) => m.role === 'user')!.content);

/** A scripted chat model: deterministic replies derived from the prompt, with planted defects. */
function scriptedModel() {
  return createScriptedTextModel({
    replies: (req) => {
      const t = text(req);
      if (t.startsWith('List ')) return JSON.stringify({ neighbors: [...NEIGHBORS, TARGET] });
      const q = /Question: (.*)\n/.exec(t)![1]!;
      if (t.startsWith('Rewrite the question so')) {
        const n = /about "([^"]+)" instead/.exec(t)![1]!;
        // defect: question 3 leaks the target; questions 4 and 5 come out identical (duplicate)
        if (q.includes('#3')) return JSON.stringify({ question: `What did ${n} and Stephen King write? #3` });
        if (q.includes("#5")) return JSON.stringify({ question: `Where was ${n} born? #1` }); // duplicate of #1 (same neighbour)
        return JSON.stringify({ question: q.replace(TARGET, n) });
      }
      if (t.startsWith('Answer briefly')) return JSON.stringify({ answer: q.includes('#6') ? "I don't know." : `Answer to ${q.slice(-2)}` });
      if (t.startsWith('Rewrite the question as one')) {
        // defect: item #7's cloze has two blanks
        return JSON.stringify({ cloze: q.includes('#7') ? `${q} ___ and ___.` : `${q.replace(/\?.*$/, '')} is ___.`, answer: 'X' });
      }
      throw new Error(`unexpected prompt: ${t}`);
    },
  });
}

const TOPICS = [
  'Which novel did Stephen King publish first?',
  'Where was Stephen King born?',
  'Who is Stephen King married to?',
  'What pen name did Stephen King use?',
  'Which award did Stephen King receive in 2003?',
  'What is the name of the town in many Stephen King stories?',
  'Which university did Stephen King attend?',
  'What job did Stephen King have before writing full time?',
  'Which Stephen King novel features a clown?',
  'How many children does Stephen King have?',
];
const forget: SynthItem[] = TOPICS.map((q, i) => ({ id: `f${i}`, kind: 'forget', variant: 'qa', question: `${q} #${i}`, target: TARGET }));

describe('synthesizeBoundary (scripted chat model)', () => {
  it('filters leaks, refusal-like answers, bad cloze and duplicates; counts add up; cached rerun makes 0 calls', async () => {
    const model = scriptedModel();
    const cache = new Map<string, unknown>();
    const progress: number[] = [];
    const r = await synthesizeBoundary(forget, { model, target: TARGET, cache, neighbors: 2, onProgress: (p) => progress.push(p.done) });
    expect(progress).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(r.modelCalls).toBe(1 + 10 * 4 - 2); // #5 repeats #1: its answer and cloze prompts hit the cache
    const boundary = r.items.filter((i) => i.kind === 'boundary');
    expect(boundary.every((i) => !mentions(i.question, TARGET))).toBe(true);
    expect(r.items.filter((i) => i.variant === 'cloze').every((i) => countBlanks(i.question) === 1)).toBe(true);
    expect(new Set(boundary.map((i) => i.neighbor))).toEqual(new Set(NEIGHBORS));
    expect(r.report.failures.targetLeak).toEqual({ 'boundary/qa': 1, 'boundary/cloze': 1 }); // #3 and its cloze
    expect(r.report.failures.refusalLikeAnswer).toEqual({ 'boundary/qa': 1 });
    expect(r.report.failures.blankCount).toEqual({ 'forget/cloze': 1, 'boundary/cloze': 1 }); // #7 both sides
    expect(r.report.failures.nearDuplicate['boundary/qa']).toBe(1);
    expect(r.report.input).toBe(40);
    expect(r.report.kept + r.report.dropped).toBe(r.report.input);
    expect(r.items.length).toBe(r.report.kept);
    const before = model.requests.length;
    const again = await synthesizeBoundary(forget, { model, target: TARGET, cache, neighbors: 2 });
    expect(model.requests.length - before).toBe(0);
    expect(again.modelCalls).toBe(0);
    expect(again.items).toEqual(r.items);
  });
});

describe('mix', () => {
  const f: RewardRow[] = Array.from({ length: 10 }, (_, i) => ({ label: 'refuse', id: `f${i}`, prompt: `q${i}`, target: TARGET, variant: i % 2 ? 'cloze' : 'qa' }));
  const b: RewardRow[] = Array.from({ length: 30 }, (_, i) => ({ label: 'answer', id: `b${i}`, prompt: `p${i}`, references: ['x'], variant: i % 2 ? 'cloze' : 'qa' }));
  it('exact ratio, cloze share, seeded and reproducible', () => {
    const m = mix(f, b, { ratio: 2, seed: 1 });
    expect(m.filter((r) => r.label === 'refuse').length).toBe(10);
    expect(m.filter((r) => r.label === 'answer').length).toBe(20);
    expect(m.filter((r) => r.label === 'answer' && r.variant === 'cloze').length).toBe(10);
    expect(mix(f, b, { ratio: 2, seed: 1 })).toEqual(m);
    const small = mix(f, b.slice(0, 5), { ratio: 1 });
    expect([small.filter((r) => r.label === 'refuse').length, small.filter((r) => r.label === 'answer').length]).toEqual([5, 5]);
    expect(mix(f, b.slice(0, 5), { ratio: 1, allowRepeat: true }).length).toBe(20);
  });
  it('ratio ≤ 0 and cloze without one blank are typed errors', () => {
    expect(() => mix(f, b, { ratio: 0 })).toThrow(InvalidOptionsError);
    expect(() => mix(f, b, { ratio: -1 })).toThrow(/ratio must be > 0/);
    expect(() => itemsToRewardRows([{ id: 'c1', kind: 'boundary', variant: 'cloze', question: 'No blank here.', answer: 'a', target: TARGET }])).toThrow(RewardRowError);
    expect(() => itemsToRewardRows([{ id: 'c1', kind: 'boundary', variant: 'cloze', question: '___ and ___', answer: 'a', target: TARGET }])).toThrow(/row c1, field 'question'/);
  });
});
