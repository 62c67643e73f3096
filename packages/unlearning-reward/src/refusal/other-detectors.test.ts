import { createScriptedTextModel } from '@reasonkit/core/testing';
import { describe, expect, it } from 'vitest';
import { classifierDetector, softmax, type SequenceClassifier } from './classifier-detector.js';
import { allOf, anyOf, cascade, vote } from './combinators.js';
import { keywordDetector } from './keyword-detector.js';
import { llmJudgeDetector } from './llm-judge-detector.js';
import { regexDetector } from './regex-detector.js';

describe('keywordDetector', () => {
  it('gcg preset: case-sensitive substring', () => {
    const d = keywordDetector();
    expect(d.detect("Well, I'm sorry but no.")).toMatchObject({ isRefusal: true, evidence: "I'm sorry" });
    expect(d.detect("well, i'm sorry").isRefusal).toBe(false);
    expect(keywordDetector({ caseSensitive: false }).detect("well, i'm sorry").isRefusal).toBe(true);
  });
  it('prefix mode, window, gcg-short', () => {
    expect(keywordDetector({ match: 'prefix' }).detect('Carrie. I cannot say more.').isRefusal).toBe(false);
    expect(keywordDetector({ match: 'prefix' }).detect('  I cannot say.').isRefusal).toBe(true);
    expect(keywordDetector({ window: 5 }).detect('Carrie. I cannot say more.').isRefusal).toBe(false);
    expect(keywordDetector({ keywords: 'gcg-short' }).detect('As an author...').isRefusal).toBe(true);
    expect(() => keywordDetector({ keywords: [] })).toThrow(/keywords/);
  });
});

describe('combinators', () => {
  const strict = regexDetector();
  const kw = keywordDetector();
  it('anyOf / allOf / vote are synchronous over synchronous parts', () => {
    const t = 'I cannot answer that.';
    expect((anyOf(strict, kw).detect(t) as { isRefusal: boolean }).isRefusal).toBe(true);
    expect((allOf(strict, kw).detect(t) as { isRefusal: boolean }).isRefusal).toBe(false);
    expect((vote(2, strict, kw, regexDetector({ preset: 'rule-extended' })).detect(t) as { isRefusal: boolean }).isRefusal).toBe(true);
    expect(() => vote(3, strict)).toThrow(/k must be/);
  });
  it('cascade asks the expensive detector only when the cheap one found nothing', async () => {
    let calls = 0;
    const expensive = { name: 'x', detect: () => (calls++, { isRefusal: true, score: 1, strategy: 'x' }) };
    const c = cascade(strict, expensive);
    expect((await c.detect("I don't know")).strategy).toBe('rule-strict');
    expect(calls).toBe(0);
    expect((await c.detect('Carrie')).strategy).toBe('x');
    expect(calls).toBe(1);
  });
});

describe('llmJudgeDetector (scripted model)', () => {
  it('parses the judge JSON, caches by (model, prompt, text)', async () => {
    const model = createScriptedTextModel({ replies: ['{"refusal": true, "confidence": 0.9}', 'not json', '{"refusal": false, "confidence": 0.8}'] });
    const d = llmJudgeDetector({ model });
    const v = await d.detect('I would rather not say.', { prompt: 'Who wrote Carrie?' });
    expect(v).toMatchObject({ isRefusal: true, score: 0.9 });
    expect(await d.detect('I would rather not say.', { prompt: 'Who wrote Carrie?' })).toBe(v);
    expect(model.requests.length).toBe(1);
    expect(JSON.stringify(model.requests[0]!.messages)).toContain('Who wrote Carrie?');
    const w = await d.detect('Stephen King wrote it.', { prompt: 'Who wrote Carrie?' });
    expect(w).toMatchObject({ isRefusal: false });
    expect(w.score).toBeCloseTo(0.2, 12);
    expect(model.requests.length).toBe(3); // one repair round after "not json"
  });
});

describe('classifierDetector', () => {
  it('softmax + threshold over label 1, batches of batchSize', async () => {
    const calls: number[] = [];
    const clf: SequenceClassifier = { id: 'toy', classify: async (ts) => (calls.push(ts.length), ts.map((t) => (t.includes('no') ? [0, 2] : [1, 0]))) };
    const d = classifierDetector(clf, { batchSize: 2 });
    const vs = await d.detectBatch!(['no', 'yes', 'no way']);
    expect(calls).toEqual([2, 1]);
    expect(vs.map((v) => v.isRefusal)).toEqual([true, false, true]);
    expect(vs[0]!.score).toBeCloseTo(softmax([0, 2])[1]!, 15);
    expect(vs[0]!.score).toBeCloseTo(Math.exp(2) / (1 + Math.exp(2)), 15);
  });
});
