import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseLlama2cCheckpoint } from '../llama2c/checkpoint.js';
import { parseLlama2cTokenizer } from '../llama2c/llama2c-tokenizer.js';
import { Llama2cReferenceModel } from '../llama2c/reference-model.js';
import { haveReferenceModel, readCheckpoint, readTokenizerBytes, skipMessage } from '../test-utils/shared-models.js';
import { createLocalTextModel } from '../text-model/local-text-model.js';
import { createOpenAICompatible } from '../text-model/openai-compatible.js';
import type { TextModel, Usage } from '../text-model/text-model.js';
import { createOpenAIServer, type OpenAIServer } from './openai-server.js';

// Issue 10 items 4, 5, 6, 9 and issue 9 item 4 through the HTTP server over the local adapter on
// stories260K (pure-TS reference forward): penalties and logit_bias reach the model, a ~900 KB
// prompt is rejected without stalling other requests, overflow errors name the field the caller
// sent, echo counts prompt tokens as generation does, and the client's score() boundary is in
// tokens (non-ASCII prompts included).

const tokenizer = haveReferenceModel ? parseLlama2cTokenizer(readTokenizerBytes(), 512) : undefined;
let local: TextModel;
let server: OpenAIServer;

async function post(path: string, body: object) {
  const started = performance.now();
  const response = await fetch(server.url + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const json = (await response.json()) as any;
  return { status: response.status, json, ms: performance.now() - started };
}

async function healthMs(): Promise<number> {
  const started = performance.now();
  const response = await fetch(server.url.replace(/\/v1$/, '/health'));
  await response.arrayBuffer();
  return performance.now() - started;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

describe.skipIf(!haveReferenceModel)(`reasonkit server over the local stories260K model${haveReferenceModel ? '' : ` (${skipMessage})`}`, () => {
  beforeAll(async () => {
    const lm = new Llama2cReferenceModel(parseLlama2cCheckpoint(readCheckpoint()));
    local = createLocalTextModel({ lm, tokenizer: tokenizer!, formatChat: (ms) => `${ms.map((m) => `${m.role}: ${m.content}`).join('\n')}\nassistant:` });
    server = await createOpenAIServer({ model: local, modelName: 'stories' });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('logit_bias and frequency_penalty reach the model (10.4)', async () => {
    const id = tokenizer!.encode(' cat', { bos: false })[0]!;
    const biased = await post('/completions', { prompt: 'Once upon a time', max_tokens: 4, temperature: 0, logit_bias: { [id]: 100 } });
    expect(biased.status).toBe(200);
    expect(biased.json.choices[0].text).toBe(tokenizer!.decode([id, id, id, id]));
    const plain = await post('/completions', { prompt: 'Once upon a time', max_tokens: 40, temperature: 0 });
    const penalized = await post('/completions', { prompt: 'Once upon a time', max_tokens: 40, temperature: 0, frequency_penalty: 2, presence_penalty: 1 });
    const direct = await local.generate({ prompt: 'Once upon a time', maxTokens: 40, frequencyPenalty: 2, presencePenalty: 1 });
    expect(penalized.json.choices[0].text).toBe(direct.text);
    expect(penalized.json.choices[0].text).not.toBe(plain.json.choices[0].text);
  });

  it('a ~900 KB prompt is rejected as fast as a small request, and /health stays responsive meanwhile (10.5)', async () => {
    const huge = 'Once upon a time there was a cat. '.repeat(27_000); // ~918 KB
    // Baselines, measured now on this (loaded) machine: /health alone, and a one-token completion.
    const idle: number[] = [];
    for (let i = 0; i < 5; i++) idle.push(await healthMs());
    const small: number[] = [];
    for (let i = 0; i < 3; i++) small.push((await post('/completions', { prompt: 'Once upon a time', max_tokens: 1 })).ms);
    const big = post('/completions', { prompt: huge, max_tokens: 1 });
    const during = await Promise.all([healthMs(), healthMs(), healthMs()]);
    const rejected = await big;
    expect(rejected.status).toBe(400);
    expect(rejected.json.error.param).toBe('prompt');
    expect(rejected.json.error.message).toMatch(/context of 512/);
    // Relative bounds (never absolute times): the rejection costs at most a few small requests
    // (on the old code it tokenized 900 KB first, ~1000× a small request) and /health, sent while
    // the big body is in flight, answers within the same order as the rejection itself.
    expect(rejected.ms).toBeLessThan(20 * Math.max(median(small), median(idle)));
    expect(Math.max(...during)).toBeLessThan(20 * Math.max(median(small), median(idle)));
  });

  it('context overflow names prompt or messages, as the caller sent them (10.6)', async () => {
    const long = 'Once upon a time there was a cat. '.repeat(80); // > 512 tokens, below the pre-check bound
    const completion = await post('/completions', { prompt: long, max_tokens: 1 });
    expect(completion.status).toBe(400);
    expect(completion.json.error.param).toBe('prompt');
    const chat = await post('/chat/completions', { messages: [{ role: 'user', content: long }], max_tokens: 1 });
    expect(chat.status).toBe(400);
    expect(chat.json.error.param).toBe('messages');
    const echo = await post('/completions', { prompt: long, max_tokens: 0, echo: true, logprobs: 0 });
    expect(echo.status).toBe(400);
    expect(echo.json.error.param).toBe('prompt');
  });

  it('echo with max_tokens 0 counts prompt tokens as a plain completion does (10.6)', async () => {
    const prompt = 'Once upon a time, there was a little girl';
    const plain = await post('/completions', { prompt, max_tokens: 1 });
    const echo0 = await post('/completions', { prompt, max_tokens: 0, echo: true, logprobs: 0 });
    const echo2 = await post('/completions', { prompt, max_tokens: 2, echo: true, logprobs: 0 });
    expect(echo0.json.usage.prompt_tokens).toBe(plain.json.usage.prompt_tokens);
    expect(echo2.json.usage.prompt_tokens).toBe(plain.json.usage.prompt_tokens);
    expect(plain.json.usage.prompt_tokens).toBe(tokenizer!.encode(prompt).length);
  });

  it('client score() finds the prompt/continuation boundary in tokens, also after non-ASCII text (10.9)', async () => {
    const client = createOpenAICompatible({ baseURL: server.url, model: 'stories', promptScoring: true, timeoutMs: 30_000 });
    const usages: [Usage | undefined, Usage | undefined][] = [];
    for (const [prompt, continuation] of [
      ['Once upon a time', ' there was a'],
      ['Lily said 😀 “héllo” to the', ' dog'],
      ['Ünïcödé ✨✨ and', ' a cat'],
    ] as const) {
      const direct = await local.score!({ prompt, continuation });
      const remote = await client.score!({ prompt, continuation });
      expect(remote.tokens.map((t) => t.token), prompt).toEqual(direct.tokens.map((t) => t.token));
      expect(Math.abs(remote.sum - direct.sum)).toBeLessThanOrEqual(1e-4);
      usages.push([remote.usage, direct.usage]);
    }
    for (const [remote, direct] of usages) expect(remote).toMatchObject({ input: direct!.input, output: direct!.output });
  });

  it('stop_reason and includeStop through the client (issue 9 §4)', async () => {
    const client = createOpenAICompatible({ baseURL: server.url, model: 'stories', timeoutMs: 30_000 });
    const eos = await client.generate({ prompt: 'Once upon a time', maxTokens: 300 });
    const direct = await local.generate({ prompt: 'Once upon a time', maxTokens: 300 });
    expect(eos.finishReason).toBe(direct.finishReason);
    expect(eos.stopCause).toBe(direct.stopCause);
    for await (const part of client.stream!({ prompt: 'Once upon a time', maxTokens: 20, stop: ['girl'], includeStop: true })) {
      if (part.finishReason) expect(part).toMatchObject({ finishReason: 'stop', stopCause: 'stop-sequence', stopSequence: 'girl' });
    }
    let text = '';
    for await (const part of client.stream!({ prompt: 'Once upon a time', maxTokens: 20, stop: ['girl'], includeStop: true })) text += part.textDelta;
    expect(text).toBe(', there was a little girl');
  });

  it('n choices stream through server and client tagged with their index, equal to non-streaming (issue 9 §4)', async () => {
    const client = createOpenAICompatible({ baseURL: server.url, model: 'stories', timeoutMs: 30_000 });
    const request = { prompt: 'Once upon a time', maxTokens: 8, temperature: 1, seed: 3, n: 3, logprobs: 0 };
    const whole = await client.generate(request);
    const texts = ['', '', ''];
    const ends: (string | undefined)[] = [];
    let usage: Usage | undefined;
    for await (const part of client.stream!(request)) {
      texts[part.index!] += part.textDelta;
      if (part.finishReason) ends[part.index!] = part.finishReason;
      usage = part.usage ?? usage;
    }
    expect(texts).toEqual(whole.choices!.map((c) => c.text));
    expect(ends).toEqual(whole.choices!.map((c) => c.finishReason));
    expect(usage).toMatchObject({ input: whole.usage!.input, output: whole.usage!.output });
    expect(usage!.firstTokenMs).toBeLessThanOrEqual(usage!.latencyMs!);
    const direct = await local.generate(request);
    expect(whole.choices!.map((c) => c.text)).toEqual(direct.choices!.map((c) => c.text));
  });
});
