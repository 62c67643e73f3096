import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScriptedTextModel } from '../text-model/scripted-text-model.js';
import { createOpenAIServer, type OpenAIServer } from './openai-server.js';

const model = createScriptedTextModel({ replies: ['fine thanks'], loop: true });
let server: OpenAIServer;
beforeAll(async () => {
  server = await createOpenAIServer({ model, maxBodyBytes: 64 * 1024 });
});
afterAll(async () => {
  await server.close();
});

async function post(path: string, body: string | object) {
  const response = await fetch(server.url + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  const text = await response.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, json, text };
}

describe('createOpenAIServer request validation', () => {
  const chat = { messages: [{ role: 'user', content: 'hi' }] };
  const cases: [string, string, object, string][] = [
    ['chat without messages', '/chat/completions', {}, 'messages'],
    ['bad role', '/chat/completions', { messages: [{ role: 'wizard', content: 'x' }] }, 'messages.0.role'],
    ['non-string content', '/chat/completions', { messages: [{ role: 'user', content: 5 }] }, 'messages.0.content'],
    ['negative max_tokens', '/chat/completions', { ...chat, max_tokens: -1 }, 'max_tokens'],
    ['top_p > 1', '/chat/completions', { ...chat, top_p: 1.5 }, 'top_p'],
    ['negative temperature', '/chat/completions', { ...chat, temperature: -1 }, 'temperature'],
    ['top_logprobs > 20', '/chat/completions', { ...chat, logprobs: true, top_logprobs: 21 }, 'top_logprobs'],
    ['top_logprobs without logprobs', '/chat/completions', { ...chat, top_logprobs: 2 }, 'top_logprobs'],
    ['n = 17', '/chat/completions', { ...chat, n: 17 }, 'n'],
    ['tools', '/chat/completions', { ...chat, tools: [{ type: 'function', function: { name: 'f' } }] }, 'tools'],
    ['response_format', '/chat/completions', { ...chat, response_format: { type: 'json_object' } }, 'response_format'],
    ['an unknown parameter', '/completions', { prompt: 'x', frobnicate: 1 }, 'frobnicate'],
    ['an unknown model', '/completions', { prompt: 'x', model: 'gpt-4o' }, 'model'],
    ['frequency_penalty > 2', '/chat/completions', { ...chat, frequency_penalty: 3 }, 'frequency_penalty'],
    ['logit_bias key not a token id', '/chat/completions', { ...chat, logit_bias: { abc: 1 } }, 'logit_bias.abc'],
    ['echo with n = 2', '/completions', { prompt: 'x', echo: true, n: 2 }, 'n'],
    ['completion without prompt', '/completions', { max_tokens: 3 }, 'prompt'],
    ['completion logprobs as boolean', '/completions', { prompt: 'x', logprobs: true }, 'logprobs'],
    ['stream not boolean', '/completions', { prompt: 'x', stream: 'yes' }, 'stream'],
  ];
  for (const [name, path, body, field] of cases) {
    it(`400 for ${name}, naming ${field}`, async () => {
      const { status, json } = await post(path, body);
      expect(status).toBe(400);
      expect(json.error).toMatchObject({ type: 'invalid_request_error', param: field });
      expect(json.error.message).toContain(field);
    });
  }

  it('400 for invalid JSON and non-object bodies', async () => {
    expect((await post('/chat/completions', '{"messages": [')).json.error.message).toMatch(/Invalid JSON body/);
    expect((await post('/chat/completions', '[1,2]')).status).toBe(400);
    expect((await post('/chat/completions', 'null')).status).toBe(400);
  });

  it('404 for unknown routes, 405 for wrong methods, 413 for big bodies', async () => {
    expect((await post('/embeddings', { input: 'x' })).status).toBe(404);
    expect((await fetch(`${server.url}/chat/completions`)).status).toBe(405);
    const big = await post('/completions', { prompt: 'x'.repeat(70 * 1024) });
    expect(big.status).toBe(413);
  });

  it('serves valid requests, accepting text-part content and the no-op user field', async () => {
    const { status, json } = await post('/chat/completions', { messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }], user: 'u', frequency_penalty: 0 });
    expect(status).toBe(200);
    expect(json.choices[0].message.content).toBe('fine thanks');
    expect(model.requests.at(-1)?.messages).toEqual([{ role: 'user', content: 'hi' }]);
  });

  it('survives 1,000 requests with random bodies and still serves', async () => {
    const bodies = fc.sample(
      fc.oneof(
        fc.string({ maxLength: 60 }),
        fc.json({ maxDepth: 3 }),
        fc.record(
          {
            messages: fc.oneof(fc.anything({ maxDepth: 2 }), fc.array(fc.record({ role: fc.constantFrom('user', 'system', 'x'), content: fc.oneof(fc.string({ maxLength: 10 }), fc.integer()) }), { maxLength: 3 })),
            prompt: fc.oneof(fc.string({ maxLength: 10 }), fc.anything({ maxDepth: 1 })),
            max_tokens: fc.oneof(fc.integer({ min: -5, max: 5 }), fc.double(), fc.string({ maxLength: 3 })),
            top_p: fc.double(),
            logprobs: fc.oneof(fc.boolean(), fc.integer({ min: -2, max: 25 })),
            top_logprobs: fc.integer({ min: -2, max: 25 }),
            stream: fc.boolean(),
            echo: fc.boolean(),
          },
          { requiredKeys: [] },
        ).map((o) => JSON.stringify(o)),
      ),
      { numRuns: 1000, seed: 1234 },
    );
    const statuses = new Map<number, number>();
    for (let i = 0; i < bodies.length; i += 25) {
      const batch = bodies.slice(i, i + 25).map(async (body, j) => {
        const response = await fetch(server.url + ((i + j) % 2 ? '/chat/completions' : '/completions'), { method: 'POST', body: body as string });
        await response.arrayBuffer();
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        expect([200, 400]).toContain(response.status);
      });
      await Promise.all(batch);
    }
    expect([...statuses.values()].reduce((a, b) => a + b, 0)).toBe(1000);
    expect(statuses.get(400)).toBeGreaterThan(0);
    const ok = await post('/completions', { prompt: 'still alive?' });
    expect(ok.status).toBe(200);
  });
});
