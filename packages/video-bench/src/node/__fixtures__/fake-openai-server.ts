import { type IncomingMessage, type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeRequest {
  body: any;
  /** The record this request is about (from `Question <i>?` in the text part), or -1. */
  record: number;
}

export interface FakeServer {
  url: string;
  requests: FakeRequest[];
  /** Requests per record number. */
  counts(): Map<number, number>;
  close(): Promise<void>;
}

export type FakeReply = { status: number; headers?: Record<string, string>; body: unknown } | string;

async function readBody(req: IncomingMessage): Promise<string> {
  let raw = '';
  for await (const chunk of req) raw += chunk;
  return raw;
}

/**
 * A real loopback HTTP server speaking OpenAI's chat completions (non-streaming), for runner tests.
 * `reply(record, attempt, body)` returns the assistant text or an HTTP error to send.
 */
export async function startFakeOpenAIServer(reply: (record: number, attempt: number, body: any) => FakeReply): Promise<FakeServer> {
  const requests: FakeRequest[] = [];
  const attempts = new Map<number, number>();
  const server: Server = createServer(async (req, res) => {
    const body = JSON.parse(await readBody(req));
    const text: string = body.messages?.[0]?.content?.[0]?.text ?? '';
    const record = Number(/Question (\d+)\?/.exec(text)?.[1] ?? -1);
    requests.push({ body, record });
    const attempt = attempts.get(record) ?? 0;
    attempts.set(record, attempt + 1);
    const out = reply(record, attempt, body);
    if (typeof out === 'string') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: 'x', object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content: out }, finish_reason: 'stop' }], usage: { prompt_tokens: 100, completion_tokens: 5 } }));
    } else {
      res.writeHead(out.status, { 'content-type': 'application/json', ...out.headers });
      res.end(JSON.stringify(out.body));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    requests,
    counts() {
      const m = new Map<number, number>();
      for (const r of requests) m.set(r.record, (m.get(r.record) ?? 0) + 1);
      return m;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
