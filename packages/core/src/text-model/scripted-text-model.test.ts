import { describe, expect, it } from 'vitest';
import { ReasonkitError } from '../errors/reasonkit-error.js';
import { createScriptedTextModel, pseudoTokens } from './scripted-text-model.js';

describe('createScriptedTextModel (test double)', () => {
  it('replays replies in order and records requests', async () => {
    const model = createScriptedTextModel(['first', 'second']);
    expect((await model.generate({ prompt: 'p1' })).text).toBe('first');
    expect((await model.generate({ messages: [{ role: 'user', content: 'q' }] })).text).toBe('second');
    expect(model.requests.map((r) => r.prompt ?? r.messages?.[0]?.content)).toEqual(['p1', 'q']);
    await expect(model.generate({ prompt: 'p3' })).rejects.toThrow(/exhausted after 2/);
  });
  it('supports a function of the prompt', async () => {
    const model = createScriptedTextModel((request) => `echo:${request.prompt}`);
    expect((await model.generate({ prompt: 'x' })).text).toBe('echo:x');
  });
  it('applies stop and maxTokens deterministically', async () => {
    const model = createScriptedTextModel({ replies: ['alpha beta gamma delta'], loop: true });
    expect(await model.generate({ prompt: 'p', stop: [' gam'] })).toMatchObject({ text: 'alpha beta', finishReason: 'stop' });
    expect(await model.generate({ prompt: 'p', maxTokens: 2 })).toMatchObject({ text: 'alpha beta', finishReason: 'length', usage: { input: 1, output: 2 } });
  });
  it('returns scripted logprobs and truncates top to n', async () => {
    const tokens = [
      { token: 'Hi', logprob: -0.5, top: [{ token: 'Hi', logprob: -0.5 }, { token: 'Yo', logprob: -1.5 }] },
      { token: '!', logprob: -0.1, top: [{ token: '!', logprob: -0.1 }] },
    ];
    const model = createScriptedTextModel({ replies: [{ text: 'Hi!', tokens }], loop: true });
    const r1 = await model.generate({ prompt: 'p', logprobs: 1 });
    expect(r1.tokens?.[0]).toEqual({ token: 'Hi', logprob: -0.5, top: [{ token: 'Hi', logprob: -0.5 }] });
    const r0 = await model.generate({ prompt: 'p', logprobs: 0 });
    expect(r0.tokens?.[0]?.top).toBeUndefined();
    expect((await model.generate({ prompt: 'p' })).tokens).toBeUndefined();
  });
  it('streams the same text as generate', async () => {
    const model = createScriptedTextModel({ replies: ['a b c'], loop: true });
    let text = '';
    let finish;
    for await (const part of model.stream!({ prompt: 'p' })) {
      text += part.textDelta;
      finish = part.finishReason ?? finish;
    }
    expect(text).toBe((await model.generate({ prompt: 'p' })).text);
    expect(finish).toBe('stop');
  });
  it('validates requests and honours abort', async () => {
    const model = createScriptedTextModel(['x']);
    await expect(model.generate({ prompt: 'p', topP: 2 })).rejects.toThrow(/topP/);
    const controller = new AbortController();
    controller.abort();
    const error = await model.generate({ prompt: 'p', signal: controller.signal }).catch((e: unknown) => e);
    expect(ReasonkitError.is(error, 'ABORTED')).toBe(true);
  });
  it('pseudoTokens keeps whitespace so tokens join back', () => {
    expect(pseudoTokens(' a  b\n')).toEqual([' a', '  b', '\n']);
    expect(pseudoTokens(' a  b\n').join('')).toBe(' a  b\n');
  });
});
