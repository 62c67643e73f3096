import { createScriptedTextModel } from '@reasonkit/core/testing';
import { describe, expect, it } from 'vitest';
import { run } from './main.js';

describe('example: plan-validator', () => {
  it('the validator rejects the first proposal at its failing step; the feedback round gives a valid plan', async () => {
    const r = await run({ blocks: 4, seed: 11, log: () => {} });
    expect(r.rounds).toHaveLength(2);
    expect(r.rounds[0]!.report.valid).toBe(false);
    expect(r.rounds[0]!.report.failedStep).toBeDefined();
    expect(r.rounds[1]!.report.valid).toBe(true);
    expect(r.valid).toBe(true);
  });

  it('a model that never proposes a valid plan stops after maxRounds with the parse or precondition error', async () => {
    const model = createScriptedTextModel({ replies: ['(fly a b)'], loop: true });
    const r = await run({ model, maxRounds: 3, log: () => {} });
    expect(r.rounds).toHaveLength(3);
    expect(r.valid).toBe(false);
    expect(r.rounds[0]!.report.status).not.toBe('valid');
    expect(model.requests[2]!.prompt).toMatch(/Feedback from the validator/);
  });
});
