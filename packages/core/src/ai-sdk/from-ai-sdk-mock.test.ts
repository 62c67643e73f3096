// fromAiSdk against the AI SDK's own MockLanguageModelV3 (spec core §12 target 14); `ai` is a dev
// dependency only, never a runtime one.
import { MockLanguageModelV3 } from 'ai/test';
import { describe, expect, it } from 'vitest';
import { fromAiSdk } from './from-ai-sdk.js';

const usage = {
  inputTokens: { total: 7, noCache: 7, cacheRead: 0, cacheWrite: 0 },
  outputTokens: { total: 2, text: 2, reasoning: 0 },
};

describe('fromAiSdk with MockLanguageModelV3', () => {
  it('joins text parts, normalises finish reason and usage, and reads OpenAI logprobs from providerMetadata', async () => {
    const mock = new MockLanguageModelV3({
      doGenerate: async () => ({
        content: [
          { type: 'text', text: 'four' },
          { type: 'text', text: '!' },
        ],
        finishReason: { unified: 'length', raw: 'length' },
        usage,
        providerMetadata: {
          openai: { logprobs: [{ token: 'four', logprob: -0.25, top_logprobs: [{ token: 'four', logprob: -0.25 }, { token: '4', logprob: -1.5 }] }, { token: '!', logprob: -0.5, top_logprobs: [] }] },
        },
        warnings: [],
      }),
    });
    const model = fromAiSdk(mock, { logprobs: true });
    const result = await model.generate({ messages: [{ role: 'user', content: '2+2?' }], maxTokens: 2, logprobs: 2 });
    expect(result).toMatchObject({ text: 'four!', finishReason: 'length', usage: { input: 7, output: 2 } });
    expect(result.tokens?.[0]).toEqual({ token: 'four', logprob: -0.25, top: [{ token: 'four', logprob: -0.25 }, { token: '4', logprob: -1.5 }] });
    const call = mock.doGenerateCalls[0]!;
    expect(call.maxOutputTokens).toBe(2);
    expect(call.prompt).toEqual([{ role: 'user', content: [{ type: 'text', text: '2+2?' }] }]);
  });

  it('refuses logprobs when not configured, naming the reason', async () => {
    const mock = new MockLanguageModelV3({
      doGenerate: async () => ({ content: [{ type: 'text', text: 'x' }], finishReason: { unified: 'stop', raw: 'stop' }, usage, warnings: [] }),
    });
    const model = fromAiSdk(mock);
    await expect(model.generate({ prompt: 'x', logprobs: 0 })).rejects.toMatchObject({ code: 'LOGPROBS_UNSUPPORTED' });
    expect((await model.generate({ prompt: 'x' })).text).toBe('x');
  });
  it('sends image parts as AI SDK file parts: base64 data URLs as data with their media type, http URLs as URL objects', async () => {
    const mock = new MockLanguageModelV3({
      doGenerate: async () => ({ content: [{ type: 'text', text: 'a cat' }], finishReason: { unified: 'stop', raw: 'stop' }, usage, warnings: [] }),
    });
    const payload = 'QUJD'.repeat(300_000); // 1.2 MB of base64, like a few video frames
    const model = fromAiSdk(mock);
    await model.generate({
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is shown?' },
            { type: 'image_url', image_url: { url: `data:image/jpeg;base64,${payload}` } },
            { type: 'image_url', image_url: { url: 'https://example.com/cat.png' } },
          ],
        },
      ],
    });
    const [message] = mock.doGenerateCalls[0]!.prompt as { content: { type: string; mediaType?: string; data?: unknown }[] }[];
    expect(message!.content[0]).toEqual({ type: 'text', text: 'What is shown?' });
    expect(message!.content[1]).toEqual({ type: 'file', mediaType: 'image/jpeg', data: payload });
    expect(message!.content[2]!.mediaType).toBe('image/*');
    expect(String(message!.content[2]!.data)).toBe('https://example.com/cat.png');
  });
});
