import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { ReasonkitError } from '../errors/reasonkit-error.js';
import { createOpenAIServer, type OpenAIServer } from '../node/openai-server.js';
import { applyChat } from '../tokenizer/chat-template.js';
import type { ChatMessage } from '../tokenizer/tokenizer.js';
import { isImageUrl } from '../tokenizer/chat-message-schema.js';
import { validateGenerateRequest } from './generate-request-schema.js';
import { createOpenAICompatible } from './openai-compatible.js';
import { createScriptedTextModel } from './scripted-text-model.js';

// Image content parts (OpenAI `image_url` with base64 data URLs) through the request schema, the
// scripted double, the client (as-is on the wire) and the server (400 for text-only models).

// A 1×1 PNG, base64 (any bytes would do: nothing decodes them on this path).
const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
const vision: ChatMessage[] = [
  {
    role: 'user',
    content: [
      { type: 'text', text: 'Which frame shows the cat?' },
      { type: 'image_url', image_url: { url: PNG, detail: 'low' } },
      { type: 'image_url', image_url: { url: PNG } },
    ],
  },
];

const servers: OpenAIServer[] = [];
afterAll(async () => {
  for (const s of servers) await s.close();
});

function catchError(fn: () => unknown): ReasonkitError {
  try {
    fn();
  } catch (error) {
    if (ReasonkitError.is(error)) return error;
    throw error;
  }
  throw new Error('expected a ReasonkitError');
}

describe('image content parts', () => {
  it('the request schema accepts text + image parts and names a bad part', () => {
    expect(validateGenerateRequest({ messages: vision })).toBeDefined();
    const bad = catchError(() =>
      validateGenerateRequest({ messages: [{ role: 'user', content: [{ type: 'text', text: 'x' }, { type: 'image_url', image_url: { url: 'file:///etc/passwd' } }] }] }),
    );
    expect(bad.details.field).toBe('messages.0.content.1.image_url.url');
    const empty = catchError(() => validateGenerateRequest({ messages: [{ role: 'user', content: [] }] }));
    expect(empty.details.field).toBe('messages.0.content');
  });

  it('checks an image URL by its prefix: bad prefixes fail with the message, a multi-MB data URL passes', () => {
    const part = (url: string) => ({ messages: [{ role: 'user' as const, content: [{ type: 'image_url' as const, image_url: { url } }] }] });
    for (const url of ['file:///etc/passwd', 'data:text/plain;base64,QUJD', 'data:image/png,QUJD', 'data:image/png;base64QUJD', 'data:image/;base64,QUJD', 'ftp://x/y.png', 'https://', 'https://a b', ' data:image/png;base64,QUJD']) {
      const error = catchError(() => validateGenerateRequest(part(url)));
      expect(error.details.field, url).toBe('messages.0.content.0.image_url.url');
      expect(error.message, url).toMatch(/expected a data:image\/…;base64,… URL or an http\(s\) URL/);
    }
    expect(isImageUrl('https://example.com/a.png')).toBe(true);
    expect(isImageUrl('data:image/svg+xml;base64,')).toBe(true);
    const big = `data:image/jpeg;base64,${'QUJD'.repeat(1_250_000)}`; // 5 MB, 32 frames' worth
    expect(validateGenerateRequest(part(big))).toBeDefined();
  });

  it('the scripted double records the parts it received and reports capabilities.images', async () => {
    const model = createScriptedTextModel({ replies: ['B'], loop: true });
    expect(model.capabilities.images).toBe(true);
    await model.generate({ messages: vision });
    expect(model.requests[0]?.messages?.[0]?.content).toEqual(vision[0]?.content);
    const textOnly = createScriptedTextModel({ replies: ['B'], images: false });
    expect(textOnly.capabilities.images).toBe(false);
    await expect(textOnly.generate({ messages: vision })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', details: { field: 'messages.0.content.1' } });
  });

  it('the client sends the parts as-is on the wire', async () => {
    const bodies: any[] = [];
    const raws: Buffer[] = [];
    const framing: { length?: string; chunked?: string }[] = [];
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(chunks);
        raws.push(raw);
        framing.push({ length: req.headers['content-length'], chunked: req.headers['transfer-encoding'] });
        bodies.push(JSON.parse(raw.toString('utf8')));
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ choices: [{ message: { content: 'B' }, finish_reason: 'stop' }], usage: { prompt_tokens: 90, completion_tokens: 1 } }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const client = createOpenAICompatible({ baseURL: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`, model: 'vision', maxRetries: 0 });
      expect(client.capabilities.images).toBe(true);
      expect((await client.generate({ messages: vision })).text).toBe('B');
      expect(bodies[0].messages).toEqual([{ role: 'user', content: vision[0]!.content }]);
      const textOnly = createOpenAICompatible({ baseURL: 'http://127.0.0.1:9/v1', model: 'text', images: false });
      await expect(textOnly.generate({ messages: vision })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', details: { field: 'messages.0.content.1' } });
      expect(bodies).toHaveLength(1);
      // Multi-MB data URLs (long enough to be spliced into the body as bytes): the server receives
      // exactly the UTF-8 bytes of JSON.stringify of the body, twice (retries reuse nothing stale).
      const frame = (seed: number) => `data:image/jpeg;base64,${Buffer.from(Array.from({ length: 150_000 }, (_, i) => (i * 31 + seed * 7) & 255)).toString('base64')}`;
      const big: ChatMessage[] = [{ role: 'user', content: [{ type: 'text', text: 'Frames — «quoted» "x" ✓' }, ...[1, 2, 3].map((s) => ({ type: 'image_url' as const, image_url: { url: frame(s) } })), { type: 'image_url', image_url: { url: PNG } }] }];
      for (let i = 0; i < 2; i++) expect((await client.generate({ messages: big, maxTokens: 4 })).text).toBe('B');
      const expected = Buffer.from(JSON.stringify({ model: 'vision', messages: [{ role: 'user', content: big[0]!.content }], max_tokens: 4 }));
      expect(raws.slice(1).map((raw) => raw.equals(expected))).toEqual([true, true]);
      expect(bodies[2].messages[0].content).toEqual(big[0]!.content);
      // Sent as a stream of parts (Node's fetch), framed by content-length, not chunked.
      expect(framing.slice(1)).toEqual([
        { length: String(expected.length), chunked: undefined },
        { length: String(expected.length), chunked: undefined },
      ]);
      // One buffer instead (the path of a custom fetch and of browsers): the same bytes.
      const joined = createOpenAICompatible({ baseURL: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`, model: 'vision', maxRetries: 0, streamImageBodies: false, imageCacheBytes: 0 });
      expect((await joined.generate({ messages: big, maxTokens: 4 })).text).toBe('B');
      expect(raws[3]!.equals(expected)).toBe(true);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('a streamed image body is sent again whole on a retry (503, then 200)', async () => {
    const raws: Buffer[] = [];
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        raws.push(Buffer.concat(chunks));
        if (raws.length === 1) {
          res.writeHead(503, { 'content-type': 'application/json', 'retry-after': '0' });
          res.end(JSON.stringify({ error: { message: 'busy' } }));
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ choices: [{ message: { content: 'C' }, finish_reason: 'stop' }] }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const client = createOpenAICompatible({ baseURL: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`, model: 'vision', maxRetries: 1, retryBaseMs: 0 });
      const url = `data:image/jpeg;base64,${Buffer.from(Array.from({ length: 30_000 }, (_, i) => (i * 13) & 255)).toString('base64')}`;
      const messages: ChatMessage[] = [{ role: 'user', content: [{ type: 'text', text: 'x' }, { type: 'image_url', image_url: { url } }] }];
      expect((await client.generate({ messages })).text).toBe('C');
      const expected = Buffer.from(JSON.stringify({ model: 'vision', messages }));
      expect(raws.map((raw) => raw.equals(expected))).toEqual([true, true]);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('the server passes parts to a model that takes images, end to end through the client', async () => {
    const model = createScriptedTextModel({ replies: ['C'], loop: true });
    const server = await createOpenAIServer({ model, modelName: 'vision' });
    servers.push(server);
    const client = createOpenAICompatible({ baseURL: server.url, model: 'vision', timeoutMs: 5000 });
    expect((await client.generate({ messages: vision })).text).toBe('C');
    expect(model.requests[0]?.messages?.[0]?.content).toEqual(vision[0]?.content);
    // Text-only parts reach the model as one string (every text model takes that).
    await client.generate({ messages: [{ role: 'user', content: [{ type: 'text', text: 'a' }, { type: 'text', text: 'b' }] }] });
    expect(model.requests[1]?.messages?.[0]?.content).toBe('ab');
  });

  it('the server answers 400 naming the part when the model takes text only', async () => {
    const model = createScriptedTextModel({ replies: ['C'], loop: true, images: false });
    const server = await createOpenAIServer({ model, modelName: 'text' });
    servers.push(server);
    const response = await fetch(`${server.url}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'text', messages: [{ role: 'system', content: 'be brief' }, ...vision] }),
    });
    expect(response.status).toBe(400);
    const json = await response.json();
    expect(json.error).toMatchObject({ type: 'invalid_request_error', param: 'messages.1.content.1' });
    expect(json.error.message).toMatch(/image/);
    expect(model.requests).toHaveLength(0);
  });

  it('text-only chat formatters refuse image parts naming the part', () => {
    const error = catchError(() => applyChat(vision, { formatChat: (m) => m.map((x) => x.content).join('\n') }));
    expect(error.details.field).toBe('messages.0.content.1');
  });
});
