// Acceptance (issue 10 §3, issue 9 §3): the official `openai` npm client against a real
// `reasonkit serve` process over the converted stories260K model, started with `--model` and no
// other flag (default port 8000); only when that port is taken does it fall back to `--port 0`.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convertLlama2c } from '../../node/convert-llama2c.js';
import { ORACLE_57, checkpointPath, haveReferenceModel, repoRoot, skipMessage, tokenizerPath } from '../../test-utils/shared-models.js';
import { createOpenAICompatible } from '../../text-model/openai-compatible.js';

const tsx = resolve(repoRoot, 'node_modules/.bin/tsx');
const cli = resolve(repoRoot, 'packages/core/src/cli/cli.ts');

/** Starts `reasonkit serve`; resolves with the URL from its startup line (and the line itself). */
function startServe(args: string[]): Promise<{ child: ChildProcess; url: string; line: string }> {
  const child = spawn(tsx, [cli, 'serve', ...args], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'pipe'] });
  return new Promise((resolvePromise, reject) => {
    let stderr = '';
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${stderr}`)), 60_000);
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
      const line = stderr.split('\n').find((l) => l.startsWith('reasonkit serve:'));
      const url = line?.match(/at (http:\/\/\S+\/v1)/)?.[1];
      if (line && url) {
        clearTimeout(timer);
        resolvePromise({ child, url, line });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code}: ${stderr}`));
    });
  });
}

describe.skipIf(!haveReferenceModel)(`official openai client ⇄ reasonkit serve (stories260K)${haveReferenceModel ? '' : ` (${skipMessage})`}`, () => {
  let dir: string;
  let serve: Awaited<ReturnType<typeof startServe>>;
  let client: OpenAI;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'reasonkit-openai-'));
    await convertLlama2c({ checkpoint: checkpointPath, tokenizer: tokenizerPath, out: join(dir, 'stories260K') });
    const model = join(dir, 'stories260K');
    serve = await startServe(['--model', model]).catch((error: Error) => {
      if (!/is already in use/.test(error.message)) throw error;
      return startServe(['--model', model, '--port', '0']);
    });
    client = new OpenAI({ baseURL: serve.url, apiKey: 'unused', maxRetries: 0, timeout: 60_000 });
  }, 120_000);
  afterAll(() => {
    serve?.child.kill('SIGTERM');
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('starts with chat in the plain format and says so in the startup line', () => {
    expect(serve.line).toMatch(/chat: plain 'role: content' format \(warning: the model has no chat_template/);
  });

  it('chat completion (no --chat-format flag needed)', async () => {
    const chat = await client.chat.completions.create({ model: 'stories260K', messages: [{ role: 'user', content: 'Tell me a story.' }], max_tokens: 8, temperature: 0 });
    expect(chat.choices).toHaveLength(1);
    expect(chat.choices[0]!.message.content!.length).toBeGreaterThan(0);
    expect(chat.usage!.completion_tokens).toBeLessThanOrEqual(8);
  });

  it('completion reproduces the greedy oracle prefix', async () => {
    const completion = await client.completions.create({ model: 'stories260K', prompt: 'Once upon a time', max_tokens: 8, temperature: 0 });
    const text = completion.choices[0]!.text;
    expect(text.length).toBeGreaterThan(10);
    expect(ORACLE_57.startsWith(`Once upon a time${text}`)).toBe(true);
  });

  it('streaming chat and completion deliver the same text as non-streaming', async () => {
    const stream = await client.completions.create({ model: 'stories260K', prompt: 'Once upon a time', max_tokens: 8, temperature: 0, stream: true });
    let text = '';
    let finish: string | null = null;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.text ?? '';
      finish = chunk.choices[0]?.finish_reason ?? finish;
    }
    expect(ORACLE_57.startsWith(`Once upon a time${text}`) && text.length > 10).toBe(true);
    expect(finish).toBe('length');
    const chatStream = await client.chat.completions.create({ model: 'stories260K', messages: [{ role: 'user', content: 'hi' }], max_tokens: 5, temperature: 0, stream: true, stream_options: { include_usage: true } });
    let chatText = '';
    let usage: OpenAI.CompletionUsage | undefined | null;
    for await (const chunk of chatStream) {
      chatText += chunk.choices[0]?.delta.content ?? '';
      usage = chunk.usage ?? usage;
    }
    const whole = await client.chat.completions.create({ model: 'stories260K', messages: [{ role: 'user', content: 'hi' }], max_tokens: 5, temperature: 0 });
    expect(chatText).toBe(whole.choices[0]!.message.content);
    expect(usage!.completion_tokens).toBe(whole.usage!.completion_tokens);
  });

  it('logprobs on chat (top_logprobs) and completions', async () => {
    const chat = await client.chat.completions.create({ model: 'stories260K', messages: [{ role: 'user', content: 'hi' }], max_tokens: 4, temperature: 0, logprobs: true, top_logprobs: 3 });
    const content = chat.choices[0]!.logprobs!.content!;
    expect(content).toHaveLength(chat.usage!.completion_tokens);
    for (const entry of content) {
      expect(entry.top_logprobs).toHaveLength(3);
      expect(entry.logprob).toBeCloseTo(entry.top_logprobs[0]!.logprob, 5); // greedy picks the top one
    }
    const completion = await client.completions.create({ model: 'stories260K', prompt: 'Once upon a time', max_tokens: 4, temperature: 0, logprobs: 2 });
    expect(completion.choices[0]!.logprobs!.tokens).toHaveLength(4);
    expect(completion.choices[0]!.logprobs!.token_logprobs!.every((lp) => lp! <= 0)).toBe(true);
  });

  it('n: 3 returns three choices (client: openai and ours)', async () => {
    const three = await client.completions.create({ model: 'stories260K', prompt: 'Once upon a time', max_tokens: 6, temperature: 1, seed: 5, n: 3 });
    expect(three.choices.map((c) => c.index)).toEqual([0, 1, 2]);
    expect(new Set(three.choices.map((c) => c.text)).size).toBeGreaterThan(1);
    const ours = createOpenAICompatible({ baseURL: serve.url, model: 'stories260K', timeoutMs: 60_000 });
    const result = await ours.generate({ prompt: 'Once upon a time', maxTokens: 6, temperature: 1, seed: 5, n: 3 });
    expect(result.choices!.map((c) => c.text)).toEqual(three.choices.map((c) => c.text));
    const chat = await client.chat.completions.create({ model: 'stories260K', messages: [{ role: 'user', content: 'hi' }], max_tokens: 4, temperature: 1, seed: 9, n: 3 });
    expect(chat.choices).toHaveLength(3);
  });

  it('the stop sequence that ended a choice is reported (server stop_reason, our client stopSequence)', async () => {
    const raw = await client.completions.create({ model: 'stories260K', prompt: 'Once upon a time', max_tokens: 20, temperature: 0, stop: ['Lily', 'girl'] });
    expect(raw.choices[0]).toMatchObject({ text: ', there was a little ', finish_reason: 'stop', stop_reason: 'girl' });
    const ours = createOpenAICompatible({ baseURL: serve.url, model: 'stories260K', timeoutMs: 60_000 });
    const result = await ours.generate({ prompt: 'Once upon a time', maxTokens: 20, stop: ['Lily', 'girl'], includeStop: true });
    expect(result).toMatchObject({ text: ', there was a little girl', finishReason: 'stop', stopCause: 'stop-sequence', stopSequence: 'girl' });
  });

  it('an unsupported parameter gets a 400 naming it', async () => {
    const tools = await client.chat.completions
      .create({ model: 'stories260K', messages: [{ role: 'user', content: 'hi' }], tools: [{ type: 'function', function: { name: 'lookup', parameters: {} } }] })
      .catch((e: unknown) => e);
    expect(tools).toBeInstanceOf(OpenAI.BadRequestError);
    expect((tools as InstanceType<typeof OpenAI.BadRequestError>).param).toBe('tools');
    const format = await client.chat.completions.create({ model: 'stories260K', messages: [{ role: 'user', content: 'hi' }], response_format: { type: 'json_object' } }).catch((e: unknown) => e);
    expect((format as InstanceType<typeof OpenAI.BadRequestError>).param).toBe('response_format');
    const model = await client.completions.create({ model: 'gpt-4o', prompt: 'x' }).catch((e: unknown) => e);
    expect(model).toBeInstanceOf(OpenAI.BadRequestError);
    expect((model as InstanceType<typeof OpenAI.BadRequestError>).param).toBe('model');
  });
});
