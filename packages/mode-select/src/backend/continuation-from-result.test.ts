import type { GenerationResult } from '@reasonkit/core';
import { describe, expect, it } from 'vitest';
import { continuationFromResult } from './continuation-from-result.js';

// A tokenizer whose ids are char codes: decode is exact and easy to check by hand.
const tokenizer = { decode: (ids: readonly number[]) => String.fromCharCode(...ids) };
const result = (ids: number[], finishReason: GenerationResult['finishReason'], extra: Partial<GenerationResult> = {}) =>
  ({ ids, finishReason, steps: ids.map((_, i) => ({ logprob: -i - 0.5 })), ...extra }) as unknown as GenerationResult;

describe('continuationFromResult', () => {
  it('drops the EOS id from text and tokens but counts it as decoded', () => {
    const c = continuationFromResult(result([104, 105, 0], 'eos'), tokenizer, { prefillTokens: 7 });
    expect(c).toEqual({ text: 'hi', tokens: [{ text: 'h', logprob: -0.5 }, { text: 'i', logprob: -1.5 }], prefillTokens: 7, decodeTokens: 3, finish: 'eos' });
  });

  it('maps stop-string to stop with its stopSequence, and attaches top alternatives and entropies', () => {
    const r = result([97, 98], 'stop-string', { stopReason: 'b', text: 'ab' } as Partial<GenerationResult>);
    (r.steps[0] as { top?: unknown }).top = [{ id: 97, logprob: -0.1 }];
    const c = continuationFromResult(r, tokenizer, { prefillTokens: 0, entropies: [0.25, 0.75] });
    expect(c.finish).toBe('stop');
    expect(c.stopSequence).toBe('b');
    expect(c.tokens[0]).toEqual({ text: 'a', logprob: -0.5, top: [{ token: 'a', logprob: -0.1 }], entropy: 0.25 });
    expect(c.tokens[1]!.entropy).toBe(0.75);
  });

  it('maps length (and hook) to length, abort to abort', () => {
    expect(continuationFromResult(result([120], 'length'), tokenizer, { prefillTokens: 1 }).finish).toBe('length');
    expect(continuationFromResult(result([120], 'hook'), tokenizer, { prefillTokens: 1 }).finish).toBe('length');
    expect(continuationFromResult(result([120], 'abort'), tokenizer, { prefillTokens: 1 }).finish).toBe('abort');
  });
});
