import { describe, expect, it } from 'vitest';
import { ReasonkitError } from '../errors/reasonkit-error.js';
import type { AiSdkCallOptions, AiSdkLanguageModel, AiSdkStreamPart } from './ai-sdk-types.js';
import { fromAiSdk } from './from-ai-sdk.js';

// Hand-written objects shaped like AI SDK LanguageModelV2 (provider 2.x), V3 (3.x) and V4 (4.x).

function streamOf(parts: AiSdkStreamPart[]): ReadableStream<AiSdkStreamPart> {
  return new ReadableStream({
    start(controller) {
      for (const part of parts) controller.enqueue(part);
      controller.close();
    },
  });
}

function v2Model(calls: AiSdkCallOptions[]): AiSdkLanguageModel {
  return {
    specificationVersion: 'v2',
    provider: 'mock',
    modelId: 'v2-model',
    async doGenerate(options) {
      calls.push(options);
      return {
        content: [{ type: 'reasoning', text: 'hmm' }, { type: 'text', text: 'Hello' }, { type: 'text', text: ' there' }],
        finishReason: 'length',
        usage: { inputTokens: 5, outputTokens: 2, totalTokens: 7 },
        warnings: [],
      };
    },
    async doStream(options) {
      calls.push(options);
      return {
        stream: streamOf([
          { type: 'stream-start', warnings: [] },
          { type: 'text-start', id: '1' },
          { type: 'text-delta', id: '1', delta: 'Hello' },
          { type: 'text-delta', id: '1', delta: ' there' },
          { type: 'text-end', id: '1' },
          { type: 'finish', finishReason: 'length', usage: { inputTokens: 5, outputTokens: 2, totalTokens: 7 } },
        ]),
      };
    },
  };
}

const v3Usage = { inputTokens: { total: 11, noCache: 11, cacheRead: 0, cacheWrite: 0 }, outputTokens: { total: 3, text: 3, reasoning: 0 } };
const openaiLogprobs = [
  { token: 'Hi', logprob: -0.1, top_logprobs: [{ token: 'Hi', logprob: -0.1 }, { token: 'Hey', logprob: -2.5 }] },
  { token: '!', logprob: -0.7, top_logprobs: [{ token: '!', logprob: -0.7 }, { token: '.', logprob: -0.9 }] },
];

function v3Model(version: 'v3' | 'v4', calls: AiSdkCallOptions[]): AiSdkLanguageModel {
  return {
    specificationVersion: version,
    provider: 'openai.chat',
    modelId: `${version}-model`,
    async doGenerate(options) {
      calls.push(options);
      const logprobs = options.providerOptions?.openai?.logprobs !== undefined ? openaiLogprobs : undefined;
      return {
        content: [{ type: 'text', text: 'Hi!' }],
        finishReason: { unified: 'stop', raw: 'stop' },
        usage: v3Usage,
        providerMetadata: logprobs ? { openai: { logprobs } } : {},
        warnings: [],
      };
    },
    async doStream(options) {
      calls.push(options);
      return {
        stream: streamOf([
          { type: 'text-delta', id: 't', delta: 'Hi' },
          { type: 'text-delta', id: 't', delta: '!' },
          { type: 'finish', finishReason: { unified: 'content-filter', raw: 'content_filter' }, usage: v3Usage, providerMetadata: { openai: { logprobs: openaiLogprobs } } },
        ]),
      };
    },
  };
}

describe('fromAiSdk', () => {
  it('v2: joins text parts, maps the prompt and call options, normalises a string finish reason and flat usage', async () => {
    const calls: AiSdkCallOptions[] = [];
    const model = fromAiSdk(v2Model(calls));
    expect(model.capabilities.logprobs).toBe(false);
    const result = await model.generate({
      messages: [
        { role: 'system', content: 'be brief' },
        { role: 'user', content: 'hi' },
      ],
      maxTokens: 2,
      temperature: 0.3,
      topP: 0.8,
      topK: 4,
      stop: ['\n'],
      seed: 9,
    });
    expect(result).toMatchObject({ text: 'Hello there', finishReason: 'length', usage: { input: 5, output: 2 } });
    expect(calls[0]).toMatchObject({
      prompt: [
        { role: 'system', content: 'be brief' },
        { role: 'user', content: [{ type: 'text', text: 'hi' }] },
      ],
      maxOutputTokens: 2,
      temperature: 0.3,
      topP: 0.8,
      topK: 4,
      stopSequences: ['\n'],
      seed: 9,
    });
  });

  it('v2: a prompt becomes one user message; streaming gives the same text', async () => {
    const calls: AiSdkCallOptions[] = [];
    const model = fromAiSdk(v2Model(calls));
    let text = '';
    let last;
    for await (const part of model.stream!({ prompt: 'once' })) {
      text += part.textDelta;
      last = part;
    }
    expect(text).toBe('Hello there');
    expect(last).toMatchObject({ finishReason: 'length', usage: { input: 5, output: 2 } });
    expect(calls[0]?.prompt).toEqual([{ role: 'user', content: [{ type: 'text', text: 'once' }] }]);
  });

  for (const version of ['v3', 'v4'] as const) {
    it(`${version}: {unified} finish reason, nested usage, logprobs from providerMetadata.openai.logprobs`, async () => {
      const calls: AiSdkCallOptions[] = [];
      const model = fromAiSdk(v3Model(version, calls), { logprobs: true });
      const result = await model.generate({ prompt: 'x', logprobs: 1 });
      expect(result).toMatchObject({ text: 'Hi!', finishReason: 'stop', usage: { input: 11, output: 3 } });
      expect(result.tokens).toEqual([
        { token: 'Hi', logprob: -0.1, top: [{ token: 'Hi', logprob: -0.1 }] },
        { token: '!', logprob: -0.7, top: [{ token: '!', logprob: -0.7 }] },
      ]);
      expect(calls[0]?.providerOptions).toEqual({ openai: { logprobs: 1 } });
      const parts = [];
      for await (const part of model.stream!({ prompt: 'x', logprobs: 0 })) parts.push(part);
      expect(parts.map((p) => p.textDelta).join('')).toBe('Hi!');
      expect(parts.flatMap((p) => (p.token ? [p.token.token] : []))).toEqual(['Hi', '!']);
      expect(parts.at(-1)).toMatchObject({ finishReason: 'content-filter', usage: { input: 11, output: 3 } });
    });
  }

  it('logprobs without configuration or without metadata throw LOGPROBS_UNSUPPORTED', async () => {
    await expect(fromAiSdk(v3Model('v3', [])).generate({ prompt: 'x', logprobs: 0 })).rejects.toMatchObject({ code: 'LOGPROBS_UNSUPPORTED' });
    await expect(fromAiSdk(v2Model([]), { logprobs: true }).generate({ prompt: 'x', logprobs: 0 })).rejects.toMatchObject({ code: 'LOGPROBS_UNSUPPORTED' });
  });

  it('rejects objects that are not AI SDK models, naming specificationVersion', () => {
    const error = (() => {
      try {
        fromAiSdk({ specificationVersion: 'v1', doGenerate: async () => ({}) } as unknown as AiSdkLanguageModel);
      } catch (e) {
        return e;
      }
    })();
    expect(ReasonkitError.is(error, 'INVALID_ARGUMENT')).toBe(true);
    expect((error as Error).message).toContain('specificationVersion');
  });

  it('stream error parts and aborts become errors', async () => {
    const failing: AiSdkLanguageModel = {
      specificationVersion: 'v3',
      doGenerate: async (options) => {
        await new Promise((r) => setTimeout(r, 5));
        if (options.abortSignal?.aborted) throw new Error('AbortError');
        return { content: [], finishReason: { unified: 'other' } };
      },
      doStream: async () => ({ stream: streamOf([{ type: 'text-delta', delta: 'a' }, { type: 'error', error: { message: 'boom' } }]) }),
    };
    const model = fromAiSdk(failing);
    await expect((async () => {
      for await (const _ of model.stream!({ prompt: 'x' })) void _;
    })()).rejects.toThrow(/boom/);
    const controller = new AbortController();
    controller.abort();
    await expect(model.generate({ prompt: 'x', signal: controller.signal })).rejects.toMatchObject({ code: 'ABORTED' });
  });
});
