import { createScriptedTextModel } from '@reasonkit/core/testing';
import { describe, expect, it } from 'vitest';
import { questions, run } from './main.js';

describe('example: agent-selflearn', () => {
  it('each episode searches the loopback retriever once and answers from the observation (EM 1)', async () => {
    const r = await run({ log: () => {} });
    expect(r).toHaveLength(questions.length);
    for (const e of r) {
      expect(e.stopReason).toBe('answer');
      expect(e.toolCalls).toBe(1);
      expect(e.em).toBeTruthy();
    }
  }, 60_000);

  it('a policy that answers without searching gets the wrong answer and EM 0', async () => {
    const model = createScriptedTextModel({ replies: ['<think>guess</think><answer>Sydney</answer>'], loop: true });
    const r = await run({ model, log: () => {} });
    expect(r.every((e) => e.toolCalls === 0 && !e.em)).toBe(true);
  }, 60_000);
});
