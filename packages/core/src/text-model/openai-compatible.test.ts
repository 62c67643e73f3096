import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReasonkitError } from '../errors/reasonkit-error.js';
import { createOpenAIServer, type OpenAIServer } from '../node/openai-server.js';
import { createOpenAICompatible } from './openai-compatible.js';
import { createScriptedTextModel, pseudoTokens } from './scripted-text-model.js';
import type { GenerateRequest, StreamPart, TextModel } from './text-model.js';

// The client against a real loopback `createOpenAIServer` over the scripted test double.
const tokens = [
  { token: 'Hello', logprob: -0.25, top: [{ token: 'Hello', logprob: -0.25 }, { token: 'Hi', logprob: -1.75 }, { token: 'Hey', logprob: -3 }] },
  { token: ' wor', logprob: -0.5, top: [{ token: ' wor', logprob: -0.5 }, { token: ' there', logprob: -1.25 }, { token: ' you', logprob: -2 }] },
  { token: 'ld', logprob: -0.125, top: [{ token: 'ld', logprob: -0.125 }, { token: 'k', logprob: -4 }, { token: 'm', logprob: -5 }] },
];
const scripted = createScriptedTextModel({
  id: 'scripted-hello',
  replies: [{ text: 'Hello world', tokens, usage: { input: 7, output: 3 } }],
  loop: true,
  score: ({ continuation }) => {
    const t = pseudoTokens(continuation).map((token, i) => ({ token, logprob: -(i + 1) / 4, top: [{ token, logprob: -(i + 1) / 4 }] }));
    return { tokens: t, sum: t.reduce((s, x) => s + x.logprob, 0), usage: { input: 1, output: t.length } };
  },
});

let server: OpenAIServer;
beforeAll(async () => {
  server = await createOpenAIServer({ model: scripted, modelName: 'hello-model' });
});
afterAll(async () => {
  await server.close();
});

async function collect(model: TextModel, request: GenerateRequest) {
  let text = '';
  const parts: StreamPart[] = [];
  for await (const part of model.stream!(request)) {
    parts.push(part);
    text += part.textDelta;
  }
  const last = parts.at(-1);
  return { text, tokens: parts.flatMap((p) => (p.token ? [p.token] : [])), finishReason: last?.finishReason, usage: last?.usage };
}

describe('createOpenAICompatible against createOpenAIServer', () => {
  const client = () => createOpenAICompatible({ baseURL: server.url, model: 'hello-model', promptScoring: true, timeoutMs: 5000 });

  it('binds to loopback and lists the model', async () => {
    expect(server.host).toBe('127.0.0.1');
    const models = await (await fetch(`${server.url}/models`)).json();
    expect(models.data[0].id).toBe('hello-model');
  });

  it('chat: text, finish reason, usage, logprobs with top-n', async () => {
    const result = await client().generate({ messages: [{ role: 'user', content: 'hi' }], logprobs: 2 });
    expect(result).toMatchObject({ text: 'Hello world', finishReason: 'stop', usage: { input: 7, output: 3 } });
    expect(result.tokens).toEqual(
      tokens.map((t) => ({ token: t.token, logprob: t.logprob, bytes: [...new TextEncoder().encode(t.token)], top: t.top.slice(0, 2).map((a) => ({ ...a, bytes: [...new TextEncoder().encode(a.token)] })) })),
    );
    expect(scripted.requests.at(-1)).toMatchObject({ messages: [{ role: 'user', content: 'hi' }], logprobs: 2 });
  });

  it('completions: logprobs as parallel arrays map back to tokens', async () => {
    const result = await client().generate({ prompt: 'Say', logprobs: 2, maxTokens: 2 });
    expect(result.text).toBe('Hello wor');
    expect(result.finishReason).toBe('length');
    expect(result.tokens?.map((t) => [t.token, t.logprob, t.top?.map((a) => a.token)])).toEqual([
      ['Hello', -0.25, ['Hello', 'Hi']],
      [' wor', -0.5, [' wor', ' there']],
    ]);
    expect(scripted.requests.at(-1)).toMatchObject({ prompt: 'Say', maxTokens: 2, logprobs: 2 });
  });

  it('streaming equals non-streaming (chat and completions)', async () => {
    for (const request of [{ messages: [{ role: 'user' as const, content: 'hi' }], logprobs: 3 }, { prompt: 'Say', logprobs: 1, maxTokens: 10 }]) {
      const full = await client().generate(request);
      const streamed = await collect(client(), request);
      expect(streamed.text).toBe(full.text);
      expect(streamed.finishReason).toBe(full.finishReason);
      expect({ input: streamed.usage?.input, output: streamed.usage?.output }).toEqual({ input: full.usage?.input, output: full.usage?.output });
      expect(streamed.tokens.map((t) => ({ ...t, bytes: undefined }))).toEqual((full.tokens ?? []).map((t) => ({ ...t, bytes: undefined })));
    }
  });

  it('passes sampling options through', async () => {
    await client().generate({ prompt: 'x', temperature: 0.5, topP: 0.9, seed: 3, stop: ['wor'], maxTokens: 5 });
    expect(scripted.requests.at(-1)).toMatchObject({ temperature: 0.5, topP: 0.9, seed: 3, stop: ['wor'], maxTokens: 5 });
  });

  it('score() via completions echo', async () => {
    const model = client();
    expect(model.capabilities.promptScoring).toBe(true);
    const scored = await model.score!({ prompt: 'one two', continuation: ' three four' });
    // server scores the whole text: tokens "one"(-0.25) " two"(-0.5) " three"(-0.75) " four"(-1)
    expect(scored.tokens.map((t) => [t.token, t.logprob])).toEqual([
      [' three', -0.75],
      [' four', -1],
    ]);
    expect(scored.sum).toBeCloseTo(-1.75, 12);
  });

  it('LOGPROBS_UNSUPPORTED above the configured limits, before any request', async () => {
    const before = scripted.requests.length;
    const limited = createOpenAICompatible({ baseURL: server.url, model: 'm', completionTopLogprobs: 5 });
    await expect(limited.generate({ prompt: 'x', logprobs: 6 })).rejects.toMatchObject({ code: 'LOGPROBS_UNSUPPORTED' });
    const none = createOpenAICompatible({ baseURL: server.url, model: 'm', logprobs: false });
    await expect(none.generate({ messages: [{ role: 'user', content: 'x' }], logprobs: 0 })).rejects.toMatchObject({ code: 'LOGPROBS_UNSUPPORTED' });
    expect(none.capabilities.topLogprobs).toBe(0);
    expect(scripted.requests.length).toBe(before);
  });

  it('invalid requests fail locally with the field path', async () => {
    await expect(client().generate({ prompt: 'x', messages: [{ role: 'user', content: 'y' }] })).rejects.toThrow(/prompt/);
    await expect(client().generate({ prompt: 'x', maxTokens: -1 })).rejects.toThrow(/maxTokens/);
    await expect(client().generate({ prompt: 'x', topP: 1.5 })).rejects.toThrow(/topP/);
  });

  it('surfaces server 4xx with status and message', async () => {
    const error = await createOpenAICompatible({ baseURL: server.url.replace(/\/v1$/, '/v2'), model: 'm', maxRetries: 0 })
      .generate({ prompt: 'x' })
      .catch((e: unknown) => e);
    expect(ReasonkitError.is(error, 'HTTP_ERROR')).toBe(true);
    expect((error as ReasonkitError).details).toMatchObject({ status: 404, message: expect.stringContaining('Unknown route') });
  });

  it('rejects bad options naming the field', () => {
    expect(() => createOpenAICompatible({ baseURL: 'not a url', model: 'm' })).toThrow(/baseURL/);
    expect(() => createOpenAICompatible({ baseURL: server.url, model: 'm', concurrency: 0 })).toThrow(/concurrency/);
  });
});
