import { describe, expect, it } from 'vitest';
import { parseLlama2cCheckpoint } from '../llama2c/checkpoint.js';
import { parseLlama2cTokenizer } from '../llama2c/llama2c-tokenizer.js';
import { Llama2cReferenceModel } from '../llama2c/reference-model.js';
import { rejection } from '../test-utils/expect-error.js';
import { pieceTokenizer, scriptedLM } from '../test-utils/generation-fixtures.js';
import { haveReferenceModel, readCheckpoint, readTokenizerBytes, skipMessage } from '../test-utils/shared-models.js';
import { createLocalTextModel } from './local-text-model.js';
import type { GenerateRequest, StreamPart, TextModel } from './text-model.js';

// Issue 9 item 4 and issue 10 items 4-6 on the local adapter: n choices with seeds seed + i, which
// stop ended a choice, includeStop, countTokens, latency, OpenAI penalties and logit_bias, prompt
// size checked before tokenizing, and overflow errors naming the field the caller sent.

const pieces = ['<unk>', '<s>', '</s>', 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', ' ', 'x'];
const tokenizer = pieceTokenizer(pieces);

async function streamAll(model: TextModel, request: GenerateRequest): Promise<StreamPart[]> {
  const parts: StreamPart[] = [];
  for await (const part of model.stream!(request)) parts.push(part);
  return parts;
}

/** Greedy ids by hand: full forward, OpenAI's penalty formula over the completion, bias, argmax (ties → lowest id). */
async function naiveGreedy(lm: ReturnType<typeof scriptedLM>, prompt: number[], steps: number, fp: number, pp: number, bias: Record<number, number> = {}) {
  const ids = [...prompt];
  const out: number[] = [];
  for (let s = 0; s < steps; s++) {
    const forward = await lm.forward({ inputIds: ids });
    const v = lm.config.vocabSize;
    const row = Array.from(forward.logits.data.subarray((ids.length - 1) * v, ids.length * v));
    for (let j = 0; j < v; j++) {
      const c = out.filter((id) => id === j).length;
      row[j] = row[j]! - c * fp - (c > 0 ? pp : 0) + (bias[j] ?? 0);
    }
    let best = 0;
    for (let j = 1; j < v; j++) if (row[j]! > row[best]!) best = j;
    ids.push(best);
    out.push(best);
  }
  return out;
}

describe('local text model: penalties and logit_bias (scripted LM, hand-computed greedy path)', () => {
  const lm = scriptedLM(() => 5); // "c" always leads by a margin of 5
  const model = createLocalTextModel({ lm, tokenizer, defaults: { temperature: 0 } });
  const prompt = tokenizer.encode('ab');

  it('frequency_penalty follows OpenAI: logit -= count * penalty', async () => {
    const result = await model.generate({ prompt: 'ab', maxTokens: 8, frequencyPenalty: 2 });
    const expected = await naiveGreedy(lm, prompt, 8, 2, 0);
    expect(result.text).toBe(tokenizer.decode(expected));
    expect(result.text).not.toBe('cccccccc'); // the penalty changed the path
  });

  it('presence_penalty subtracts once per token already generated', async () => {
    const result = await model.generate({ prompt: 'ab', maxTokens: 6, presencePenalty: 2 });
    expect(result.text).toBe(tokenizer.decode(await naiveGreedy(lm, prompt, 6, 0, 2)));
    // With frequency 2 on top, "c" (margin 5) loses after its first use: 5 - 2 - 2 < noise.
    const both = await model.generate({ prompt: 'ab', maxTokens: 6, presencePenalty: 2, frequencyPenalty: 2 });
    const expected = await naiveGreedy(lm, prompt, 6, 2, 2);
    expect(both.text).toBe(tokenizer.decode(expected));
    const frequencyOnly = await naiveGreedy(lm, prompt, 6, 2, 0);
    expect(expected).not.toEqual(frequencyOnly);
  });

  it('logit_bias adds to the logit: +100 forces a token, -100 bans one', async () => {
    expect((await model.generate({ prompt: 'ab', maxTokens: 4, logitBias: { 9: 100 } })).text).toBe('gggg');
    const banned = await model.generate({ prompt: 'ab', maxTokens: 4, logitBias: { 5: -100 } });
    expect(banned.text).not.toContain('c');
    expect(banned.text).toBe(tokenizer.decode(await naiveGreedy(lm, prompt, 4, 0, 0, { 5: -100 })));
  });

  it('logit_bias with a token id outside the vocabulary names it', async () => {
    const error = await rejection(model.generate({ prompt: 'ab', maxTokens: 1, logitBias: { 99: 1 } }));
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(error.details.field).toBe('logitBias.99');
  });

  it('penalties run before temperature: sampling with them equals sampling over penalized logits', async () => {
    // With a +100 bias the sampled path is forced whatever the temperature; with temperature 0.5
    // and no bias the same seed reproduces itself (penalties keep the sampler deterministic).
    expect((await model.generate({ prompt: 'ab', maxTokens: 3, temperature: 0.5, seed: 1, logitBias: { 9: 100 } })).text).toBe('ggg');
    const a = await model.generate({ prompt: 'ab', maxTokens: 6, temperature: 2, seed: 3, frequencyPenalty: 1 });
    const b = await model.generate({ prompt: 'ab', maxTokens: 6, temperature: 2, seed: 3, frequencyPenalty: 1 });
    expect(a.text).toBe(b.text);
  });
});

describe('local text model: how a choice ended', () => {
  // "a b c" then EOS (id 2) after three generated tokens.
  const lm = scriptedLM((ids) => (ids.length >= 5 ? 2 : [3, 14, 4][ids.length - 2] ?? 2));
  const model = createLocalTextModel({ lm, tokenizer });

  it('EOS → finishReason stop with stopCause eos and no stopSequence', async () => {
    const result = await model.generate({ prompt: 'ab', maxTokens: 10 });
    expect(result.finishReason).toBe('stop');
    expect(result.stopCause).toBe('eos');
    expect(result.stopSequence).toBeUndefined();
  });

  it('stop string → stopCause stop-sequence, stopSequence names it, includeStop keeps it (generate and stream)', async () => {
    const cut = await model.generate({ prompt: 'ab', maxTokens: 10, stop: ['zz', ' '] });
    expect(cut).toMatchObject({ text: 'a', finishReason: 'stop', stopCause: 'stop-sequence', stopSequence: ' ' });
    const kept = await model.generate({ prompt: 'ab', maxTokens: 10, stop: [' '], includeStop: true });
    expect(kept.text).toBe('a ');
    const parts = await streamAll(model, { prompt: 'ab', maxTokens: 10, stop: [' '], includeStop: true });
    expect(parts.map((p) => p.textDelta).join('')).toBe('a ');
    expect(parts.at(-1)).toMatchObject({ finishReason: 'stop', stopCause: 'stop-sequence', stopSequence: ' ' });
  });

  it('usage carries latencyMs (generate) and firstTokenMs ≤ latencyMs (stream)', async () => {
    const result = await model.generate({ prompt: 'ab', maxTokens: 10 });
    expect(result.usage!.latencyMs).toBeGreaterThanOrEqual(0);
    const usage = (await streamAll(model, { prompt: 'ab', maxTokens: 10 })).at(-1)!.usage!;
    expect(usage.firstTokenMs).toBeGreaterThanOrEqual(0);
    expect(usage.firstTokenMs).toBeLessThanOrEqual(usage.latencyMs!);
  });

  it('countTokens counts without BOS', () => {
    expect(model.countTokens!('ab c')).toBe(tokenizer.encode('ab c').length);
    expect(model.countTokens!('ab c')).toBe(4);
  });
});

describe('local text model: prompt size', () => {
  const lm = scriptedLM(() => 5, { maxPositions: 64 });
  let encodes = 0;
  const counting = { ...tokenizer, encode: (text: string, o?: { bos?: boolean }) => (encodes++, tokenizer.encode(text, o)) };
  let renders = 0;
  const model = createLocalTextModel({ lm, tokenizer: counting, formatChat: (ms) => (renders++, ms.map((m) => m.content).join('\n')) });

  it('a prompt that cannot fit is rejected before tokenizing, naming prompt (or messages)', async () => {
    const huge = 'a'.repeat(200_000);
    encodes = 0;
    const error = await rejection(model.generate({ prompt: huge }));
    expect(error.code).toBe('CONTEXT_OVERFLOW');
    expect(error.details.field).toBe('prompt');
    expect(encodes).toBe(0);
    renders = 0;
    const chat = await rejection(model.generate({ messages: [{ role: 'user', content: huge }] }));
    expect(chat.details.field).toBe('messages');
    expect(encodes).toBe(0);
    expect(renders).toBe(0); // rejected before the chat template runs, too
  });

  it('a prompt just over the context (after tokenizing) also names the field the caller sent', async () => {
    const error = await rejection(model.generate({ prompt: 'a'.repeat(80) }));
    expect(error.code).toBe('CONTEXT_OVERFLOW');
    expect(error.details.field).toBe('prompt');
    const chat = await rejection(model.generate({ messages: [{ role: 'user', content: 'a'.repeat(80) }] }));
    expect(chat.details.field).toBe('messages');
  });
});

describe.skipIf(!haveReferenceModel)('local text model: n choices on stories260K', () => {
  if (!haveReferenceModel) console.warn(skipMessage);
  const build = () => {
    const tok = parseLlama2cTokenizer(readTokenizerBytes(), 512);
    const lm = new Llama2cReferenceModel(parseLlama2cCheckpoint(readCheckpoint()));
    return createLocalTextModel({ lm, tokenizer: tok });
  };

  it('n: 3 returns three choices; choice i equals a single request with seed + i', async () => {
    const model = build();
    const request: GenerateRequest = { prompt: 'Once upon a time', maxTokens: 12, temperature: 1, seed: 40, logprobs: 1 };
    const result = await model.generate({ ...request, n: 3 });
    expect(result.choices).toHaveLength(3);
    expect(result.text).toBe(result.choices![0]!.text);
    for (let i = 0; i < 3; i++) {
      const single = await model.generate({ ...request, seed: 40 + i });
      expect(result.choices![i]!.text).toBe(single.text);
      expect(result.choices![i]!.tokens!.map((t) => t.logprob)).toEqual(single.tokens!.map((t) => t.logprob));
    }
    expect(new Set(result.choices!.map((c) => c.text)).size).toBeGreaterThan(1);
    expect(result.usage!.output).toBe(result.choices!.reduce((s, c) => s + c.tokens!.length, 0));
  });

  it('stream with n: 3 tags parts with their choice index, ends each choice, and totals usage', async () => {
    const model = build();
    const request: GenerateRequest = { prompt: 'Once upon a time', maxTokens: 10, temperature: 1, seed: 7, n: 3, stop: ['Lily'] };
    const parts = await streamAll(model, request);
    const whole = await model.generate(request);
    for (let i = 0; i < 3; i++) {
      const mine = parts.filter((p) => p.index === i);
      expect(mine.map((p) => p.textDelta).join('')).toBe(whole.choices![i]!.text);
      expect(mine.at(-1)!.finishReason).toBe(whole.choices![i]!.finishReason);
    }
    expect(parts.at(-1)!.usage!.output).toBe(whole.usage!.output);
  });

  it('greedy stop on "Lily" reports the stop sequence', async () => {
    const result = await build().generate({ prompt: 'Once upon a time', maxTokens: 40, stop: ['girl', 'Lily'] });
    expect(result).toMatchObject({ text: ', there was a little ', finishReason: 'stop', stopCause: 'stop-sequence', stopSequence: 'girl' });
  });
});
