import { describe, expect, it } from 'vitest';
import { createScriptedTextModel } from '@reasonkit/core/testing';
import { createTextBackend } from '../backend/text-backend.js';
import { createThinkFormat, resolveFakeThought } from '../format/think-format.js';
import { deerPolicy } from './deer.js';
import { dynasorPolicy } from './dynasor.js';
import { createPolicy } from './registry.js';
import type { ReasoningState } from './types.js';

const format = createThinkFormat({ id: 't', template: 'Q: {question}\n<think>\n' });
const state = (step = 0, memory: Record<string, unknown> = {}): ReasoningState => ({
  input: { question: '6·7?', format, fakeThought: resolveFakeThought('ma2025-finished') },
  thoughts: 'Some thoughts.',
  step,
  thinkTokens: 10,
  memory,
});
const tok = (token: string, p: number) => ({ token, logprob: Math.log(p) });

describe('DEER policy over a scripted text model', () => {
  it('truncates at the brace, averages the kept tokens and exits iff C > λ (strict)', async () => {
    const model = createScriptedTextModel({ replies: [{ text: '{42}', tokens: [tok('{', 0.9), tok('42', 0.6), tok('}', 0.2)] }], loop: true });
    const backend = createTextBackend({ model });
    const v = await createPolicy(deerPolicy, { threshold: 0.75 }, { backend }).check(state());
    expect(v.score).toBeCloseTo(0.75, 12);
    expect(v.exit).toBe(false); // C = λ does not exit
    const w = await createPolicy(deerPolicy, { threshold: 0.7499 }, { backend }).check(state());
    expect(w.exit).toBe(true);
    expect(model.requests[0]!.prompt).toBe('Q: 6·7?\n<think>\nSome thoughts.\n**Final Answer**\n\\boxed');
  });

  it('Qwen3 rule: requireThinkClose blocks the exit unless the next token is the close tag', async () => {
    for (const [next, exit] of [['Wait', false], ['</think>', true]] as const) {
      const model = createScriptedTextModel((req) => (req.maxTokens === 1 ? next : { text: '{42}', tokens: [tok('{', 1), tok('42', 1), tok('}', 1)] }));
      const v = await createPolicy(deerPolicy, { requireThinkClose: true, aggregate: 'avg2' }, { backend: createTextBackend({ model }) }).check(state());
      expect([next, v.exit, v.signals?.closeOk, v.score]).toEqual([next, exit, exit, exit ? 1 : 0.95]); // a blocked exit caps the score at λ
      expect(model.requests[1]!.prompt!.endsWith('\\boxed{42}')).toBe(true);
    }
  });
});

describe('Dynasor policy', () => {
  it('online: an inconsistent window never exits; three agreeing probes exit with closeWith holding the answer', async () => {
    const answers = ['5}', '6}', '5}', '5}', '5}'];
    let call = 0;
    const model = createScriptedTextModel(() => answers[call++]!);
    const policy = createPolicy(dynasorPolicy, { k: 3 }, { backend: createTextBackend({ model }) });
    const memory = {};
    const verdicts = [];
    for (let step = 1; step <= 5; step++) verdicts.push(await policy.check(state(step, memory)));
    expect(verdicts.map((v) => v.exit)).toEqual([false, false, false, false, true]);
    const last = verdicts[4]!;
    if (!last.exit) throw new Error('expected exit');
    expect(last.closeWith).toBe('</think>\n\n5');
  });

  it('zero-step: k sampled probes must agree; a hedge vetoes', async () => {
    const agree = createPolicy(dynasorPolicy, { k: 3 }, { backend: createTextBackend({ model: createScriptedTextModel({ replies: ['\\frac{1}{2}} done'], loop: true }) }) });
    const v = await agree.check(state(0));
    expect(v.exit).toBe(true);
    expect(v.signals?.answer).toBe('\\frac{1}{2}');
    const hedged = createPolicy(dynasorPolicy, { k: 3 }, { backend: createTextBackend({ model: createScriptedTextModel({ replies: ['maybe 5}'], loop: true }) }) });
    expect((await hedged.check(state(0))).exit).toBe(false);
  });
});
