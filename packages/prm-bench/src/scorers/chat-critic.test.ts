import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createScriptedTextModel } from '@reasonkit/core/testing';
import type { BenchItem } from '../load/bench-item.js';
import { jsonlCache } from '../node/jsonl-cache.js';
import { runBenchmark, toPredictions } from '../run/run-benchmark.js';
import { scoreSteps } from '../metrics/score-steps.js';
import { createChatCritic, createOpenAICritic } from './chat-critic.js';
import { DECISIONS } from './decisions.js';

// Loopback HTTP servers on 127.0.0.1 speaking the OpenAI chat wire format.
type Handler = (body: Record<string, unknown>, req: IncomingMessage, res: ServerResponse, n: number) => void;
const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});
async function serve(handler: Handler): Promise<{ url: string; bodies: Record<string, unknown>[] }> {
  const bodies: Record<string, unknown>[] = [];
  const server = createServer((req, res) => {
    let data = '';
    req.on('data', (c) => (data += c));
    req.on('end', () => {
      const body = JSON.parse(data) as Record<string, unknown>;
      bodies.push(body);
      handler(body, req, res, bodies.length);
    });
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`, bodies };
}
const reply = (res: ServerResponse, content: string) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ id: 'x', object: 'chat.completion', created: 0, model: 'm', choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }], usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 } }));
};
const item = (id: string, steps: string[], errorSteps1: number[] = []): BenchItem => ({ id, benchmark: 'socratic', question: `Q ${id}?`, steps, errorSteps1, firstError0: null, category: 'c', lang: 'en', warnings: [] });

describe('chat critic, PRMBench contract, against a loopback mock server', () => {
  it('sends system, two user/assistant shots, then the instance; parses validity/redundancy; keeps the raw text', async () => {
    const { url, bodies } = await serve((_b, _q, res) => reply(res, 'Sure.\n{"validity": [1, -0.5], "redundancy": [-1, 0.5]}'));
    const critic = createOpenAICritic({ baseURL: url, model: 'critic-model', seed: 42 });
    const r = await critic.score(item('a', ['Step 1. Add 2 and 2.', 'Step 2: = 5']), {});
    expect(r).toMatchObject({ valid: true, scores: [1, -0.5], redundancy: [-1, 0.5], raw: 'Sure.\n{"validity": [1, -0.5], "redundancy": [-1, 0.5]}' });
    expect(r.usage).toMatchObject({ promptTokens: 10, completionTokens: 5 });
    const body = bodies[0]!;
    const messages = body.messages as { role: string; content: string }[];
    expect(messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'user', 'assistant', 'user']);
    expect(messages[5]!.content).toBe('Question: Q a?\n\nSolutions: Step 1: Add 2 and 2. \n\nStep 2: Step 2: = 5 \n\n');
    expect(body).toMatchObject({ model: 'critic-model', temperature: 0, max_tokens: 2048, seed: 42 });
    expect(critic.id).toBe(`critic:critic-model@${url}|prmbench-critic@1|t=0|max=2048|n=1|seed=42|role=system`);
  });

  it('systemRole user folds the system text into the first user turn', async () => {
    const model = createScriptedTextModel({ replies: ['{"validity":[1],"redundancy":[0]}'] });
    let seen: unknown;
    const spy = { ...model, id: model.id, capabilities: model.capabilities, generate: (r: Parameters<typeof model.generate>[0]) => ((seen = r.messages), model.generate(r)) };
    await createChatCritic({ model: spy, systemRole: 'user' }).score(item('b', ['x']), {});
    expect((seen as { role: string }[]).map((m) => m.role)).toEqual(['user', 'assistant', 'user', 'assistant', 'user']);
  });

  it('retries 429 and 500 with backoff, then succeeds', async () => {
    const { url, bodies } = await serve((_b, _q, res, n) => {
      if (n === 1) {
        res.writeHead(429, { 'content-type': 'application/json', 'retry-after-ms': '20' });
        res.end('{"error":{"message":"slow down"}}');
      } else if (n === 2) {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end('{"error":{"message":"boom"}}');
      } else reply(res, '{"validity":[1],"redundancy":[-1]}');
    });
    const r = await createOpenAICritic({ baseURL: url, model: 'm', retryBaseMs: 5, maxRetries: 3 }).score(item('c', ['x']), {});
    expect(r.valid).toBe(true);
    expect(bodies).toHaveLength(3);
  });

  it('aborts an in-flight request via the signal', async () => {
    const { url } = await serve(() => undefined);
    const controller = new AbortController();
    const p = createOpenAICritic({ baseURL: url, model: 'm' }).score(item('d', ['x']), { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await expect(p).rejects.toMatchObject({ code: 'ABORTED' });
  });

  it('a misbehaving server (429 forever, 500 forever, garbage bodies, garbage content): typed errors per item, invalid results cached, cache consistent on resume', async () => {
    const { url, bodies } = await serve((b, _q, res) => {
      const text = JSON.stringify(b.messages);
      if (text.includes('Q rate?')) {
        res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '0' });
        res.end('{}');
      } else if (text.includes('Q crash?')) {
        res.writeHead(500);
        res.end('internal');
      } else if (text.includes('Q garbage?')) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('<html>not json');
      } else if (text.includes('Q babble?')) reply(res, 'I think every step is fine!');
      else reply(res, '{"validity":[1,-1],"redundancy":[-1,-1]}');
    });
    const items = [item('ok', ['a', 'b'], [2]), item('rate', ['a']), item('crash', ['a']), item('garbage', ['a']), item('babble', ['a', 'b'], [1])];
    const file = join(mkdtempSync(join(tmpdir(), 'prm-bench-critic-')), 'cache.jsonl');
    const critic = createOpenAICritic({ baseURL: url, model: 'm', retryBaseMs: 1, retryMaxMs: 5, maxRetries: 2 });
    const run = await runBenchmark({ items, scorer: critic, cache: jsonlCache(file), retry: { attempts: 2, backoffMs: () => 1 }, decision: DECISIONS.llmCritic, concurrency: 2 });
    expect(run.failures.map((f) => [f.itemId, f.code])).toEqual([
      ['rate', 'HTTP_ERROR'],
      ['crash', 'HTTP_ERROR'],
      ['garbage', 'PROTOCOL_ERROR'],
    ]);
    expect(run.failures[0]!.message).toMatch(/429/);
    expect(run.predictions.map((p) => [p.itemId, p.result.valid])).toEqual([
      ['ok', true],
      ['babble', false],
    ]);
    expect(run.predictions[1]!.result.raw).toBe('I think every step is fine!');
    expect(run.predictions[0]!.labels).toEqual([true, false]);
    // 3 HTTP attempts (client) × 2 runner attempts for each failing item, 1 each for the others.
    expect(bodies.filter((b) => JSON.stringify(b.messages).includes('Q rate?'))).toHaveLength(6);
    const lines = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l).itemId);
    expect(lines.sort()).toEqual(['babble', 'ok']);
    const m = scoreSteps(items, toPredictions(run), { maxMissing: 10 }).overall!;
    expect(m.validityRate).toBe(1 / 5);
    const before = bodies.length;
    const again = await runBenchmark({ items: items.filter((i) => i.id === 'ok' || i.id === 'babble'), scorer: critic, cache: jsonlCache(file) });
    expect(again.stats.cached).toBe(2);
    expect(bodies.length).toBe(before);
  });
});

describe('chat critic, ProcessBench contract', () => {
  it('parses the last boxed index, votes over choices, and turns it into labels', async () => {
    const model = createScriptedTextModel({ replies: ['para 0 fine, \\boxed{1}'] });
    const r = await createChatCritic({ model, preset: 'processbench-critic@1' }).score(item('p', ['a', 'b', 'c']), {});
    expect(r).toMatchObject({ valid: true, firstError0: 1, labels: [true, false, false] });
    const bad = await createChatCritic({ model: createScriptedTextModel({ replies: ['no idea'] }), preset: 'processbench-critic@1' }).score(item('p', ['a']), {});
    expect(bad).toMatchObject({ valid: false, firstError0: null, raw: 'no idea' });
    expect(() => createChatCritic({ model, preset: 'nope@1' })).toThrow(/field preset: unknown critic preset 'nope@1'/);
  });
});
