import { describe, expect, it } from 'vitest';
import { ReasonkitError } from '../errors/reasonkit-error.js';
import { validateGenerateRequest } from './generate-request-schema.js';
import type { GenerateRequest } from './text-model.js';

function fieldOf(request: unknown): string | undefined {
  try {
    validateGenerateRequest(request as GenerateRequest);
  } catch (error) {
    expect(ReasonkitError.is(error, 'INVALID_ARGUMENT')).toBe(true);
    const e = error as ReasonkitError;
    expect(e.message).toContain(String(e.details.field));
    return e.details.field as string;
  }
  return undefined;
}

describe('GenerateRequestSchema', () => {
  it('accepts valid requests', () => {
    expect(fieldOf({ prompt: 'hi', maxTokens: 0, topP: 1, temperature: 0, logprobs: 20 })).toBeUndefined();
    expect(fieldOf({ messages: [{ role: 'user', content: 'x' }], signal: new AbortController().signal })).toBeUndefined();
  });
  it('requires exactly one of messages | prompt', () => {
    expect(fieldOf({ prompt: 'a', messages: [{ role: 'user', content: 'b' }] })).toBe('prompt');
    expect(fieldOf({})).toBe('messages');
  });
  it('names the field path of each bad value', () => {
    expect(fieldOf({ prompt: 'a', maxTokens: -1 })).toBe('maxTokens');
    expect(fieldOf({ prompt: 'a', maxTokens: 1.5 })).toBe('maxTokens');
    expect(fieldOf({ prompt: 'a', topP: 1.01 })).toBe('topP');
    expect(fieldOf({ prompt: 'a', topP: 0 })).toBe('topP');
    expect(fieldOf({ prompt: 'a', temperature: -0.1 })).toBe('temperature');
    expect(fieldOf({ prompt: 'a', logprobs: 21 })).toBe('logprobs');
    expect(fieldOf({ messages: [{ role: 'robot', content: 'b' }] })).toBe('messages.0.role');
    expect(fieldOf({ prompt: 'a', signal: 'nope' })).toBe('signal');
  });
});
