import { createScriptedTextModel } from '@reasonkit/core/testing';
import { describe, expect, it } from 'vitest';
import type { ProbeModel } from '../../model/probe-model.js';
import { selfExplanationMethod, SelfExplanationParamsSchema } from './self-explanation-method.js';

describe('Self-explanation', () => {
  it('asks the text model about the claim and returns its answer as a one-row table', async () => {
    const tm = createScriptedTextModel(['True. Words: Lily, mom, park, went']);
    const model = { id: 'scripted', layers: 0, textModel: tm, capabilities: new Set(['text']) } as unknown as ProbeModel;
    const r = await selfExplanationMethod.run({ prompt: "Lily's mom went to the", ground_truth: 'park' }, model, SelfExplanationParamsSchema.parse({}), {});
    expect(r.raw.answer).toBe('True. Words: Lily, mom, park, went');
    expect(r.raw.question).toContain(`"Lily's mom went to the park"`);
    expect(r.raw.question).toContain('4 words or phrases');
    expect(r.tables[0]!.rows).toHaveLength(1);
    expect(tm.requests[0]!.maxTokens).toBe(150);
    expect(tm.requests[0]!.temperature).toBe(0);
  });
});
