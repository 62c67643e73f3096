import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { z } from 'zod';
import { ReasonkitError } from '../errors/reasonkit-error.js';
import { createConcurrencyLimit } from '../text-model/concurrency-limit.js';
import { toChatLogprob, toCompletionLogprobs, toWireFinishReason } from '../text-model/openai-wire.js';
import type { FinishReason, GenerateChoice, GenerateRequest, GenerateResult, StreamPart, TextModel, TokenLogprob, Usage } from '../text-model/text-model.js';
import { issuePath, parseOrThrow } from '../text-model/zod-issues.js';
import { type ChatMessage, type ContentPart, findImagePart } from '../tokenizer/tokenizer.js';
import {
  ChatCompletionRequestSchema,
  CompletionRequestSchema,
  OpenAIServerOptionsSchema,
  type ChatCompletionRequest,
  type CompletionRequest,
  unsupportedParam,
} from './openai-server-schemas.js';

/** Options of `startOpenAIServer`: the text model to serve plus server settings. */
export type OpenAIServerOptions = z.input<typeof OpenAIServerOptionsSchema> & { model: TextModel };

/** A running OpenAI-compatible HTTP server: its URL and how to close it. */
export interface OpenAIServer {
  /** API root, e.g. `http://127.0.0.1:41234/v1` (give it to `createOpenAICompatible` as `baseURL`). */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  /** Stop listening and drop open connections. */
  close(): Promise<void>;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly param: string | null = null,
    readonly type = status >= 500 ? 'server_error' : 'invalid_request_error',
    readonly code: string | null = null,
  ) {
    super(message);
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown, extraHeaders: Record<string, string> = {}): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...extraHeaders });
  res.end(text);
}

function sendError(res: ServerResponse, error: HttpError, extraHeaders?: Record<string, string>): void {
  sendJson(res, error.status, { error: { message: error.message, type: error.type, param: error.param, code: error.code } }, extraHeaders);
}

function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBytes) {
      reject(new HttpError(413, `request body of ${declared} bytes exceeds the limit of ${maxBytes} bytes`));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        reject(new HttpError(413, `request body exceeds the limit of ${maxBytes} bytes`));
        req.removeAllListeners('data');
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function validate<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0] as z.core.$ZodIssue;
  const path = issuePath(issue);
  throw new HttpError(400, `Invalid request: ${path}: ${issue.message}`, path);
}

type WireMessage = ChatCompletionRequest['messages'][number];

/**
 * Wire message → ours: text-only parts joined to a string (every text model takes those), image
 * parts kept as parts, `tool_call_id` → `toolCallId`.
 */
function fromWireMessage(message: WireMessage): ChatMessage {
  const content = message.content ?? '';
  let ours: ChatMessage['content'];
  if (typeof content === 'string') ours = content;
  else if (content.every((p) => p.type === 'text')) ours = content.map((p) => (p as { text: string }).text).join('');
  else {
    ours = content.map((p): ContentPart =>
      p.type === 'text'
        ? { type: 'text', text: p.text }
        : { type: 'image_url', image_url: { url: p.image_url.url, ...(p.image_url.detail ? { detail: p.image_url.detail } : {}) } },
    );
  }
  const out: ChatMessage = { role: message.role, content: ours };
  if (message.tool_call_id) out.toolCallId = message.tool_call_id;
  if (message.name) out.name = message.name;
  return out;
}

function samplingOf(body: ChatCompletionRequest | CompletionRequest): Partial<GenerateRequest> {
  const out: Partial<GenerateRequest> = {};
  if (body.temperature != null) out.temperature = body.temperature;
  if (body.top_p != null) out.topP = body.top_p;
  if (body.top_k != null && body.top_k > 0) out.topK = body.top_k;
  if (body.seed != null) out.seed = body.seed;
  if (body.stop != null) out.stop = typeof body.stop === 'string' ? [body.stop] : body.stop;
  if (body.n != null && body.n > 1) out.n = body.n;
  if (body.frequency_penalty != null && body.frequency_penalty !== 0) out.frequencyPenalty = body.frequency_penalty;
  if (body.presence_penalty != null && body.presence_penalty !== 0) out.presencePenalty = body.presence_penalty;
  if (body.logit_bias != null && Object.keys(body.logit_bias).length > 0) out.logitBias = body.logit_bias as Record<number, number>;
  if (body.include_stop_str_in_output === true) out.includeStop = true;
  return out;
}

/** Our request field → the wire name the caller sent (for `param` in 400s). */
const WIRE_FIELDS: Record<string, string> = {
  maxTokens: 'max_tokens',
  topP: 'top_p',
  topK: 'top_k',
  frequencyPenalty: 'frequency_penalty',
  presencePenalty: 'presence_penalty',
  logitBias: 'logit_bias',
  includeStop: 'include_stop_str_in_output',
};
function wireField(field: string): string {
  const [head, ...rest] = field.split('.');
  return [WIRE_FIELDS[head as string] ?? head, ...rest].join('.');
}

/** The choices of a result: `result.choices`, or the result itself as the only one. */
function choicesOf(result: GenerateResult): GenerateChoice[] {
  return result.choices && result.choices.length > 0 ? result.choices : [result];
}

const wireUsage = (usage: Usage | undefined) => ({
  prompt_tokens: usage?.input ?? 0,
  completion_tokens: usage?.output ?? 0,
  total_tokens: (usage?.input ?? 0) + (usage?.output ?? 0),
});

/**
 * An OpenAI-compatible HTTP server over any `TextModel`: `POST /v1/chat/completions`,
 * `POST /v1/completions` (with `echo` for prompt scoring when the model has `score`),
 * `GET /v1/models`; SSE streaming; logprobs in OpenAI shapes; zod-validated bodies with 400 errors
 * naming the field (`param`); 404 for unknown routes; 413 for oversized bodies. Binds to loopback
 * by default.
 */
export async function createOpenAIServer(options: OpenAIServerOptions): Promise<OpenAIServer> {
  const { model, ...rest } = options;
  if (!model || typeof model.generate !== 'function') throw new ReasonkitError('INVALID_ARGUMENT', 'createOpenAIServer: model must be a TextModel', { field: 'model' });
  const o = parseOrThrow(OpenAIServerOptionsSchema, rest, 'OpenAI server options');
  const modelName = o.modelName ?? model.id;
  const limit = createConcurrencyLimit(o.concurrency);
  let counter = 0;

  const run = async (request: GenerateRequest): Promise<GenerateResult> => {
    const release = await limit.acquire(request.signal);
    try {
      return await model.generate(request);
    } finally {
      release();
    }
  };

  async function* runStream(request: GenerateRequest): AsyncGenerator<StreamPart> {
    const release = await limit.acquire(request.signal);
    try {
      if (model.stream) {
        yield* model.stream(request);
      } else {
        const result = await model.generate(request);
        for (const [index, choice] of choicesOf(result).entries()) {
          yield { textDelta: choice.text, index, finishReason: choice.finishReason, stopSequence: choice.stopSequence };
        }
        yield { textDelta: '', usage: result.usage };
      }
    } finally {
      release();
    }
  }

  const writeEvent = (res: ServerResponse, data: unknown) => {
    res.write(`data: ${JSON.stringify(data)}\n\n`);
  };

  /** One SSE response: a chunk per text delta (per choice), a final chunk per choice, then usage and [DONE]. */
  const streamResponse = async (
    res: ServerResponse,
    request: GenerateRequest,
    includeUsage: boolean,
    chunk: (part: { index: number; textDelta: string; token?: TokenLogprob; first: boolean }) => unknown,
    finalChunk: (index: number, reason: FinishReason, stopSequence: string | undefined) => unknown,
    usageChunk: (usage: Usage | undefined) => unknown,
  ) => {
    const parts = runStream(request);
    // Pull the first part before committing to 200, so request errors still become 4xx.
    let next = await parts.next();
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    let usage: Usage | undefined;
    const started = new Set<number>();
    const finished = new Set<number>();
    try {
      for (; !next.done; next = await parts.next()) {
        const part = next.value;
        const index = part.index ?? 0;
        if (part.usage) usage = part.usage;
        if (part.textDelta !== '' || part.token) {
          writeEvent(res, chunk({ index, textDelta: part.textDelta, token: part.token, first: !started.has(index) }));
          started.add(index);
        }
        if (part.finishReason && !finished.has(index)) {
          finished.add(index);
          writeEvent(res, finalChunk(index, part.finishReason, part.stopSequence));
        }
      }
    } catch (error) {
      if (!res.destroyed) {
        writeEvent(res, { error: { message: error instanceof Error ? error.message : String(error), type: 'server_error', param: null, code: null } });
        res.end();
      }
      return;
    } finally {
      await parts.return(undefined);
    }
    for (let index = 0; index < (request.n ?? 1); index++) if (!finished.has(index)) writeEvent(res, finalChunk(index, 'stop', undefined));
    if (includeUsage) writeEvent(res, usageChunk(usage));
    res.write('data: [DONE]\n\n');
    res.end();
  };

  const chatCompletions = async (body: ChatCompletionRequest, res: ServerResponse, signal: AbortSignal) => {
    const id = `chatcmpl-${++counter}`;
    const created = Math.floor(Date.now() / 1000);
    const wantLogprobs = body.logprobs === true;
    const messages = body.messages.map(fromWireMessage);
    const image = findImagePart(messages);
    if (image !== undefined && model.capabilities.images !== true) {
      throw new HttpError(400, `Invalid request: ${image}: model ${modelName} cannot take image content parts (text only)`, image);
    }
    const request: GenerateRequest = {
      messages,
      ...samplingOf(body),
      signal,
    };
    const maxTokens = body.max_completion_tokens ?? body.max_tokens;
    if (maxTokens != null) request.maxTokens = maxTokens;
    if (wantLogprobs) request.logprobs = body.top_logprobs ?? 0;
    const base = { id, object: 'chat.completion.chunk', created, model: modelName };
    if (body.stream) {
      await streamResponse(
        res,
        request,
        body.stream_options?.include_usage === true,
        ({ index, textDelta, token, first }) => ({
          ...base,
          choices: [{ index, delta: first ? { role: 'assistant', content: textDelta } : { content: textDelta }, logprobs: wantLogprobs && token ? { content: [toChatLogprob(token)] } : null, finish_reason: null }],
        }),
        (index, reason, stopSequence) => ({
          ...base,
          choices: [{ index, delta: {}, logprobs: null, finish_reason: toWireFinishReason(reason), stop_reason: stopSequence ?? null }],
        }),
        (usage) => ({ ...base, choices: [], usage: wireUsage(usage) }),
      );
      return;
    }
    const result = await run(request);
    sendJson(res, 200, {
      id,
      object: 'chat.completion',
      created,
      model: modelName,
      choices: choicesOf(result).map((choice, index) => ({
        index,
        message: { role: 'assistant', content: choice.text },
        logprobs: wantLogprobs ? { content: (choice.tokens ?? []).map(toChatLogprob) } : null,
        finish_reason: toWireFinishReason(choice.finishReason),
        stop_reason: choice.stopSequence ?? null,
      })),
      usage: wireUsage(result.usage),
    });
  };

  const completions = async (body: CompletionRequest, res: ServerResponse, signal: AbortSignal) => {
    const id = `cmpl-${++counter}`;
    const created = Math.floor(Date.now() / 1000);
    const prompt = typeof body.prompt === 'string' ? body.prompt : (body.prompt[0] as string);
    const n = body.logprobs ?? undefined;
    const request: GenerateRequest = { prompt, ...samplingOf(body), maxTokens: body.max_tokens ?? o.defaultMaxTokens, signal };
    if (n !== undefined) request.logprobs = n;
    const base = { id, object: 'text_completion', created, model: modelName };

    if (body.echo) {
      if (body.stream) throw new HttpError(400, 'Invalid request: echo: not supported together with stream', 'echo');
      if (request.n !== undefined) throw new HttpError(400, 'Invalid request: n: echo supports n = 1 only', 'n');
      if (!model.score) throw new HttpError(400, `Invalid request: echo: model ${modelName} cannot score prompts`, 'echo');
      if (prompt === '') throw new HttpError(400, 'Invalid request: prompt: echo needs a non-empty prompt', 'prompt');
      const release = await limit.acquire(signal);
      let echoed: TokenLogprob[];
      let promptTokens: number;
      let result: GenerateResult | undefined;
      try {
        const scored = await model.score({ prompt: '', continuation: prompt, logprobs: n ?? 0, signal }).catch((error: unknown) => {
          // The caller sent `prompt`; the scorer calls it `continuation`.
          if (ReasonkitError.is(error) && error.details.field === 'continuation') error.details.field = 'prompt';
          throw error;
        });
        echoed = scored.tokens;
        // As generate counts them: every prompt token fed, the scorer's context (e.g. BOS) included.
        promptTokens = scored.usage ? scored.usage.input + scored.usage.output : scored.tokens.length;
        if (request.maxTokens !== 0) result = await model.generate(request);
      } finally {
        release();
      }
      const tokens = [...echoed, ...(result?.tokens ?? [])];
      sendJson(res, 200, {
        ...base,
        choices: [
          {
            index: 0,
            text: prompt + (result?.text ?? ''),
            logprobs: n !== undefined ? toCompletionLogprobs(tokens, 0, n > 0) : null,
            finish_reason: toWireFinishReason(result?.finishReason ?? 'length'),
            stop_reason: result?.stopSequence ?? null,
          },
        ],
        usage: wireUsage({ input: result?.usage?.input ?? promptTokens, output: result?.usage?.output ?? 0 }),
      });
      return;
    }

    if (body.stream) {
      const offsets = new Map<number, number>();
      await streamResponse(
        res,
        request,
        body.stream_options?.include_usage === true,
        ({ index, textDelta, token }) => {
          const offset = offsets.get(index) ?? 0;
          const logprobs = n !== undefined && token ? toCompletionLogprobs([token], offset, n > 0) : null;
          offsets.set(index, offset + textDelta.length);
          return { ...base, choices: [{ index, text: textDelta, logprobs, finish_reason: null }] };
        },
        (index, reason, stopSequence) => ({
          ...base,
          choices: [{ index, text: '', logprobs: null, finish_reason: toWireFinishReason(reason), stop_reason: stopSequence ?? null }],
        }),
        (usage) => ({ ...base, choices: [], usage: wireUsage(usage) }),
      );
      return;
    }
    const result = await run(request);
    sendJson(res, 200, {
      ...base,
      choices: choicesOf(result).map((choice, index) => ({
        index,
        text: choice.text,
        logprobs: n !== undefined ? toCompletionLogprobs(choice.tokens ?? [], 0, n > 0) : null,
        finish_reason: toWireFinishReason(choice.finishReason),
        stop_reason: choice.stopSequence ?? null,
      })),
      usage: wireUsage(result.usage),
    });
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const controller = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) controller.abort(new Error('client disconnected'));
    });
    try {
      if (path === '/v1/models' || path === '/models') {
        if (req.method !== 'GET') throw new HttpError(405, `Method ${req.method} not allowed on ${path}`);
        sendJson(res, 200, { object: 'list', data: [{ id: modelName, object: 'model', created: 0, owned_by: 'reasonkit' }] });
        return;
      }
      if (path === '/health') {
        sendJson(res, 200, { status: 'ok' });
        return;
      }
      const route = path === '/v1/chat/completions' || path === '/chat/completions' ? 'chat' : path === '/v1/completions' || path === '/completions' ? 'completion' : undefined;
      if (!route) throw new HttpError(404, `Unknown route: ${req.method} ${path}`);
      if (req.method !== 'POST') throw new HttpError(405, `Method ${req.method} not allowed on ${path}; use POST`);
      const raw = await readBody(req, o.maxBodyBytes);
      let body: unknown;
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch (error) {
        throw new HttpError(400, `Invalid JSON body: ${error instanceof Error ? error.message : String(error)}`);
      }
      if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new HttpError(400, 'Invalid request: body must be a JSON object');
      const unsupported = unsupportedParam(body as Record<string, unknown>, route);
      if (unsupported) throw new HttpError(400, `Invalid request: ${unsupported.message}`, unsupported.param);
      const requested = (body as { model?: unknown }).model;
      if (typeof requested === 'string' && requested !== modelName && requested !== model.id) {
        throw new HttpError(400, `Invalid request: model: unknown model "${requested}"; this server serves "${modelName}" (see GET /v1/models)`, 'model', 'invalid_request_error', 'model_not_found');
      }
      if (route === 'chat') {
        if (!model.capabilities.chat) throw new HttpError(400, `Invalid request: messages: model ${modelName} does not support chat`, 'messages');
        await chatCompletions(validate(ChatCompletionRequestSchema, body), res, controller.signal);
      } else {
        if (!model.capabilities.completion) throw new HttpError(400, `Invalid request: prompt: model ${modelName} does not support completions`, 'prompt');
        await completions(validate(CompletionRequestSchema, body), res, controller.signal);
      }
    } catch (error) {
      if (controller.signal.aborted || res.destroyed) return;
      if (error instanceof HttpError) {
        sendError(res, error, error.status === 413 ? { connection: 'close' } : undefined);
        return;
      }
      if (ReasonkitError.is(error)) {
        const client = error.code === 'INVALID_ARGUMENT' || error.code === 'LOGPROBS_UNSUPPORTED' || error.code === 'CONTEXT_OVERFLOW';
        const field = typeof error.details.field === 'string' ? wireField(error.details.field) : null;
        sendError(res, new HttpError(client ? 400 : 500, error.message, field));
        return;
      }
      sendError(res, new HttpError(500, `Internal error: ${error instanceof Error ? error.message : String(error)}`));
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.destroyed) res.destroy();
    });
  });
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n');
    else socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const hostForUrl = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${hostForUrl}:${address.port}/v1`,
    host: address.address,
    port: address.port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
