import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ReasonkitError } from '../errors/reasonkit-error.js';
import { createOpenAICompatible, type OpenAICompatibleOptions } from './openai-compatible.js';
import type { StreamPart } from './text-model.js';

// Fault tests against loopback servers that misbehave on purpose. Every case ends in a retry that
// succeeds or a typed error; timeouts and backoff are small so the file runs in a few seconds.

type Handler = (req: IncomingMessage, res: ServerResponse, n: number, body: string) => void;
const open: { close(): Promise<void> }[] = [];

async function misbehave(handler: Handler) {
  const arrivals: number[] = [];
  const server = createServer((req, res) => {
    arrivals.push(performance.now());
    const n = arrivals.length;
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (d: string) => (body += d));
    req.on('end', () => handler(req, res, n, body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const handle = {
    url: `http://127.0.0.1:${port}/v1`,
    arrivals,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  open.push(handle);
  return handle;
}
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

const chatBody = (content: string) => JSON.stringify({ choices: [{ message: { role: 'assistant', content }, finish_reason: 'stop' }], usage: { prompt_tokens: 2, completion_tokens: 1 } });
const ok = (res: ServerResponse, content = 'ok') => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(chatBody(content));
};
const sse = (res: ServerResponse) => res.writeHead(200, { 'content-type': 'text/event-stream' });
const chunk = (content: string, finish: string | null = null) => `data: ${JSON.stringify({ choices: [{ delta: { content }, finish_reason: finish }] })}\n\n`;

const client = (url: string, extra: Partial<OpenAICompatibleOptions> = {}) =>
  createOpenAICompatible({ baseURL: url, model: 'm', timeoutMs: 300, maxRetries: 2, retryBaseMs: 5, retryMaxMs: 100, ...extra });
const chat = { messages: [{ role: 'user' as const, content: 'hi' }] };

async function errorOf(promise: Promise<unknown>): Promise<ReasonkitError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ReasonkitError);
  return error as ReasonkitError;
}

async function drain(stream: AsyncIterable<StreamPart>, seen: string[] = []) {
  for await (const part of stream) seen.push(part.textDelta);
  return seen;
}

describe('client fault handling', () => {
  it('429 with Retry-After: waits at least the requested time, then succeeds', async () => {
    const server = await misbehave((_req, res, n) => {
      if (n === 1) {
        res.writeHead(429, { 'retry-after': '1', 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: 'slow down' } }));
      } else ok(res);
    });
    const result = await client(server.url, { retryMaxMs: 5000 }).generate(chat);
    expect(result.text).toBe('ok');
    expect(server.arrivals).toHaveLength(2);
    // Backoff alone would be ~5 ms; the server asked for 1 s.
    expect(server.arrivals[1]! - server.arrivals[0]!).toBeGreaterThanOrEqual(950);
  });

  it('Retry-After is capped by retryMaxMs', async () => {
    const server = await misbehave((_req, res, n) => {
      if (n === 1) {
        res.writeHead(503, { 'retry-after': '3600' });
        res.end('busy');
      } else ok(res);
    });
    expect((await client(server.url, { retryMaxMs: 20 }).generate(chat)).text).toBe('ok');
  });

  it('503 twice then success; persistent 503 gives HTTP_ERROR with status and message after maxRetries', async () => {
    const flaky = await misbehave((_req, res, n) => {
      if (n <= 2) {
        res.writeHead(503);
        res.end();
      } else ok(res, 'third time');
    });
    expect((await client(flaky.url).generate(chat)).text).toBe('third time');
    expect(flaky.arrivals).toHaveLength(3);

    const down = await misbehave((_req, res) => {
      res.writeHead(503, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: 'overloaded, try later' } }));
    });
    const error = await errorOf(client(down.url).generate(chat));
    expect(error.code).toBe('HTTP_ERROR');
    expect(error.details).toMatchObject({ status: 503, message: 'overloaded, try later', attempts: 3 });
    expect(error.message).toContain('overloaded, try later');
    expect(down.arrivals).toHaveLength(3);
  });

  it('4xx is not retried and carries the server message', async () => {
    const server = await misbehave((_req, res) => {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: "'top_p' must be <= 1", param: 'top_p' } }));
    });
    const error = await errorOf(client(server.url).generate(chat));
    expect(error.details).toMatchObject({ status: 400, message: "'top_p' must be <= 1" });
    expect(server.arrivals).toHaveLength(1);
  });

  it('connection dropped before the response: retried, then succeeds', async () => {
    const server = await misbehave((req, res, n) => {
      if (n === 1) req.socket.destroy();
      else ok(res);
    });
    expect((await client(server.url).generate(chat)).text).toBe('ok');
  });

  it('connection dropped mid-stream after output: NETWORK_ERROR, not a silent partial result', async () => {
    const server = await misbehave((req, res) => {
      sse(res);
      res.write(chunk('Once'));
      setTimeout(() => req.socket.destroy(), 20);
    });
    const seen: string[] = [];
    const error = await errorOf(drain(client(server.url).stream!(chat), seen));
    expect(error.code).toBe('NETWORK_ERROR');
    expect(seen).toEqual(['Once']);
    expect(server.arrivals).toHaveLength(1); // output was already emitted: no replay
  });

  it('stream ending without [DONE] is a NETWORK_ERROR', async () => {
    const server = await misbehave((_req, res) => {
      sse(res);
      res.end(chunk('half'));
    });
    const error = await errorOf(drain(client(server.url, { maxRetries: 0 }).stream!(chat)));
    expect(error.code).toBe('NETWORK_ERROR');
    expect(error.message).toContain('[DONE]');
  });

  it('dropped stream before any output is retried', async () => {
    const server = await misbehave((req, res, n) => {
      if (n === 1) {
        sse(res);
        res.flushHeaders();
        setTimeout(() => req.socket.destroy(), 10);
        return;
      }
      sse(res);
      res.end(chunk('ok', 'stop') + 'data: [DONE]\n\n');
    });
    expect((await drain(client(server.url).stream!(chat))).join('')).toBe('ok');
    expect(server.arrivals).toHaveLength(2);
  });

  it('stalled response past the timeout: TIMEOUT after bounded retries', async () => {
    const server = await misbehave(() => {
      /* never answers */
    });
    const error = await errorOf(client(server.url, { timeoutMs: 150, maxRetries: 1 }).generate(chat));
    expect(error.code).toBe('TIMEOUT');
    expect(server.arrivals).toHaveLength(2);
  });

  it('stream that stalls between chunks: TIMEOUT', async () => {
    const server = await misbehave((_req, res) => {
      sse(res);
      res.write(chunk('first'));
    });
    const seen: string[] = [];
    const error = await errorOf(drain(client(server.url, { timeoutMs: 150 }).stream!(chat), seen));
    expect(error.code).toBe('TIMEOUT');
    expect(seen).toEqual(['first']);
  });

  it('slow but steady stream within the idle timeout succeeds', async () => {
    const server = await misbehave((_req, res) => {
      sse(res);
      let i = 0;
      const timer = setInterval(() => {
        if (i < 6) res.write(chunk(String(i++)));
        else {
          clearInterval(timer);
          res.end(chunk('', 'stop') + 'data: [DONE]\n\n');
        }
      }, 100);
    });
    // ~700 ms in total, longer than the 400 ms timeout, but never 400 ms without a chunk.
    expect((await drain(client(server.url, { timeoutMs: 400 }).stream!(chat))).join('')).toBe('012345');
  });

  it('malformed SSE data: PROTOCOL_ERROR; comments and unknown fields are ignored', async () => {
    const bad = await misbehave((_req, res) => {
      sse(res);
      res.end(chunk('a') + 'data: {"choices": [ {"delta": \n\n' + 'data: [DONE]\n\n');
    });
    const error = await errorOf(drain(client(bad.url).stream!(chat)));
    expect(error.code).toBe('PROTOCOL_ERROR');
    expect(bad.arrivals).toHaveLength(1);

    const noisy = await misbehave((_req, res) => {
      sse(res);
      res.end(': keep-alive\n\nevent: message\nid: 7\nretry: 10\ngarbage line\r\n' + chunk('a').replace('\n\n', '\r\n\r\n') + chunk('b', 'stop') + 'data: [DONE]\n\n');
    });
    expect((await drain(client(noisy.url).stream!(chat))).join('')).toBe('ab');
  });

  it('SSE chunk of the wrong shape and error events are typed errors', async () => {
    const shape = await misbehave((_req, res) => {
      sse(res);
      res.end('data: {"choices": 5}\n\ndata: [DONE]\n\n');
    });
    const error = await errorOf(drain(client(shape.url).stream!(chat)));
    expect(error.code).toBe('PROTOCOL_ERROR');
    expect(error.message).toContain('choices');

    const event = await misbehave((_req, res) => {
      sse(res);
      res.end('data: {"error": {"message": "model crashed"}}\n\n');
    });
    const error2 = await errorOf(drain(client(event.url).stream!(chat)));
    expect(error2.code).toBe('HTTP_ERROR');
    expect(error2.message).toContain('model crashed');
  });

  it('invalid JSON and wrong-shape bodies on 200: PROTOCOL_ERROR naming the problem', async () => {
    const notJson = await misbehave((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"choices": [');
    });
    const e1 = await errorOf(client(notJson.url).generate(chat));
    expect(e1.code).toBe('PROTOCOL_ERROR');
    expect(e1.details.body).toBe('{"choices": [');

    const wrong = await misbehave((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ choices: [{ message: { content: 3 } }] }));
    });
    const e2 = await errorOf(client(wrong.url).generate(chat));
    expect(e2.code).toBe('PROTOCOL_ERROR');
    expect(e2.message).toContain('choices.0.message.content');
  });

  it('logprobs requested but absent: LOGPROBS_UNSUPPORTED, never silently empty', async () => {
    const server = await misbehave((_req, res) => ok(res));
    const error = await errorOf(client(server.url).generate({ ...chat, logprobs: 0 }));
    expect(error.code).toBe('LOGPROBS_UNSUPPORTED');
  });

  it('connection refused: NETWORK_ERROR after bounded retries', async () => {
    const server = await misbehave(() => undefined);
    const url = server.url;
    await server.close();
    const error = await errorOf(client(url).generate(chat));
    expect(error.code).toBe('NETWORK_ERROR');
    expect(error.details.attempts).toBe(3);
  });

  it('abort during a stalled request and during backoff: ABORTED promptly', async () => {
    const stalled = await misbehave(() => undefined);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 30);
    const e1 = await errorOf(client(stalled.url, { timeoutMs: 10_000 }).generate({ ...chat, signal: controller.signal }));
    expect(e1.code).toBe('ABORTED');

    const limited = await misbehave((_req, res) => {
      res.writeHead(429, { 'retry-after': '30' });
      res.end();
    });
    const controller2 = new AbortController();
    setTimeout(() => controller2.abort(), 50);
    const e2 = await errorOf(client(limited.url, { retryMaxMs: 30_000 }).generate({ ...chat, signal: controller2.signal }));
    expect(e2.code).toBe('ABORTED');
    expect(limited.arrivals).toHaveLength(1);
  });
});

describe('client concurrency limit', () => {
  it('never has more than `concurrency` requests in flight at the server under 200 parallel calls', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const server = await misbehave((_req, res, n, body) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      res.on('close', () => inFlight--);
      setTimeout(() => {
        if (!JSON.parse(body).stream) ok(res, `r${n}`);
        else {
          sse(res);
          res.end(chunk('s') + chunk('', 'stop') + 'data: [DONE]\n\n');
        }
      }, 20);
    });
    const model = client(server.url, { concurrency: 7, timeoutMs: 10_000 });
    const calls = Array.from({ length: 200 }, (_, i) => (i % 2 ? model.generate(chat).then((r) => r.text) : drain(model.stream!(chat)).then((s) => s.join(''))));
    const results = await Promise.all(calls);
    expect(results).toHaveLength(200);
    expect(server.arrivals).toHaveLength(200);
    expect(maxInFlight).toBeLessThanOrEqual(7);
    expect(maxInFlight).toBe(7); // the limit is reached, not just respected
    expect(model.limiter.active).toBe(0);
    expect(model.limiter.pending).toBe(0);
  });
});
