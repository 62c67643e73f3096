// Issue 10 item 10: `fromAiSdk` takes the AI SDK's own model types with no cast. The type check is
// the test (CI runs `tsc`; on the old structural types these assignments failed with TS2345 on
// `providerOptions` and on stream parts); the runtime part drives the real MockLanguageModelV3.
import type { LanguageModelV2, LanguageModelV3 } from '@ai-sdk/provider';
import { MockLanguageModelV3 } from 'ai/test';
import { describe, expect, it } from 'vitest';
import type { TextModel } from '../text-model/text-model.js';
import { fromAiSdk } from './from-ai-sdk.js';

/** Compile-time contract: any AI SDK v3 or v2 language model is accepted as typed. */
const adaptV3 = (model: LanguageModelV3): TextModel => fromAiSdk(model);
const adaptV2 = (model: LanguageModelV2): TextModel => fromAiSdk(model, { logprobs: true });

const usage = { inputTokens: { total: 4, noCache: 4, cacheRead: 0, cacheWrite: 0 }, outputTokens: { total: 2, text: 2, reasoning: 0 } };

describe('fromAiSdk against the real AI SDK types', () => {
  it('adapts a LanguageModelV3 (MockLanguageModelV3) for generate and stream without casts', async () => {
    const model: LanguageModelV3 = new MockLanguageModelV3({
      doGenerate: async () => ({ content: [{ type: 'text', text: 'hi there' }], finishReason: { unified: 'stop', raw: 'stop' }, usage, warnings: [] }),
      doStream: async () => ({
        stream: new ReadableStream({
          start(controller) {
            controller.enqueue({ type: 'stream-start', warnings: [] });
            controller.enqueue({ type: 'text-start', id: 't' });
            controller.enqueue({ type: 'text-delta', id: 't', delta: 'hi' });
            controller.enqueue({ type: 'text-delta', id: 't', delta: ' there' });
            controller.enqueue({ type: 'text-end', id: 't' });
            controller.enqueue({ type: 'finish', finishReason: { unified: 'stop', raw: 'stop' }, usage });
            controller.close();
          },
        }),
      }),
    });
    const text = adaptV3(model);
    expect(await text.generate({ prompt: 'x', stop: ['\n'], seed: 1 })).toMatchObject({ text: 'hi there', finishReason: 'stop', usage: { input: 4, output: 2 } });
    let streamed = '';
    for await (const part of text.stream!({ messages: [{ role: 'user', content: 'x' }] })) streamed += part.textDelta;
    expect(streamed).toBe('hi there');
    expect(typeof adaptV2).toBe('function');
  });

  it('n choices are n calls (seed + i), penalties and logit bias reach the call options', async () => {
    let call = 0;
    const mock = new MockLanguageModelV3({
      doGenerate: async () => ({ content: [{ type: 'text', text: `choice ${call++}` }], finishReason: { unified: 'stop', raw: 'stop' }, usage, warnings: [] }),
    });
    const result = await adaptV3(mock).generate({ prompt: 'x', n: 3, seed: 10, frequencyPenalty: 0.5, presencePenalty: -0.5, logitBias: { 7: -100 } });
    expect(result.choices!.map((c) => c.text)).toEqual(['choice 0', 'choice 1', 'choice 2']);
    expect(result.usage).toEqual({ input: 4, output: 6 });
    expect(mock.doGenerateCalls.map((c) => c.seed)).toEqual([10, 11, 12]);
    expect(mock.doGenerateCalls[0]).toMatchObject({ frequencyPenalty: 0.5, presencePenalty: -0.5, providerOptions: { openai: { logitBias: { 7: -100 } } } });
    await expect(async () => {
      for await (const _ of adaptV3(mock).stream!({ prompt: 'x', n: 2 })) void _;
    }).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', details: { field: 'n' } });
  });
});
