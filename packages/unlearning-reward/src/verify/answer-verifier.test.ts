import { createScriptedTextModel } from '@reasonkit/core/testing';
import { describe, expect, it } from 'vitest';
import { rulePreset } from '../reward/presets.js';
import { containsAnyVerifier, exactMatchVerifier, llmJudgeAnswerVerifier, rougeLVerifier, tokenF1Verifier } from './answer-verifier.js';

describe('answer verifiers', () => {
  it('EM, F1, containsAny (SQuAD normalisation)', () => {
    expect(exactMatchVerifier.score('The Beatles!', ['beatles'])).toBe(1);
    expect(tokenF1Verifier.score('the sun rises', ['The Sun Also Rises'])).toBeCloseTo((2 * 1 * (2 / 3)) / (1 + 2 / 3), 12);
    expect(containsAnyVerifier.score('It is Carrie, I think.', ['Carrie'])).toBe(1);
    expect(containsAnyVerifier.score('Carriers.', ['Carrie'])).toBe(0);
  });
  it('rouge-score style is case-insensitive and splits punctuation; pltrdy is not', () => {
    expect(rougeLVerifier({ impl: 'rouge-score' }).score('the sun also rises', ['The Sun Also Rises'])).toBe(1);
    expect(rougeLVerifier().score('the sun also rises', ['The Sun Also Rises'])).toBe(0);
    expect(rougeLVerifier({ impl: 'rouge-score', stat: 'f' }).score('Shermer', ['The fictional city is Shermer, Illinois.'])).toBeCloseTo((2 * 1 * (1 / 6)) / (1 + 1 / 6), 12);
  });
  it('LLM judge verifier plugs into a preset (async score), cached', async () => {
    const model = createScriptedTextModel({ replies: ['{"correct": true, "confidence": 0.9}'] });
    const v = llmJudgeAnswerVerifier({ model });
    const fn = rulePreset('forgetTwoStageAbsTarget').withVerifier(v);
    const row = { prompt: 'q', solution: ['<normal>', 'The Sun Also Rises'] };
    expect((await fn.score(row, 'the sun also rises')).overall).toBe(1);
    expect((await fn.score(row, 'the sun also rises')).overall).toBe(1);
    expect(model.requests.length).toBe(1);
    expect(fn.scoreSync).toBeUndefined();
  });
});
