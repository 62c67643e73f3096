import { describe, expect, it } from 'vitest';
import { CompletionResponseSchema, mapStop } from './openai-wire.js';

describe('mapStop (vLLM stop_reason → stopCause / stopSequence)', () => {
  const parse = (choice: object) => CompletionResponseSchema.parse({ choices: [{ text: '', ...choice }] }).choices[0]!;
  it('a string is the stop sequence; null or a token id is an end token; absent says nothing', () => {
    expect(mapStop(parse({ finish_reason: 'stop', stop_reason: 'girl' }))).toEqual({ stopCause: 'stop-sequence', stopSequence: 'girl' });
    expect(mapStop(parse({ finish_reason: 'stop', stop_reason: null }))).toEqual({ stopCause: 'eos' });
    expect(mapStop(parse({ finish_reason: 'stop', stop_reason: 2 }))).toEqual({ stopCause: 'eos' });
    expect(mapStop(parse({ finish_reason: 'stop' }))).toEqual({});
    expect(mapStop(parse({ finish_reason: 'length', stop_reason: null }))).toEqual({});
  });
});
