import * as z from 'zod';
import { lazySchema } from '../validation/lazy-schema.js';
import { ReasonkitError } from '../errors/reasonkit-error.js';
import { type ChatMessage, findImagePart } from '../tokenizer/tokenizer.js';
import { abortError, sleep } from './abort.js';
import { createConcurrencyLimit, type ConcurrencyLimit } from './concurrency-limit.js';
import { validateGenerateRequest, validateScoreRequest } from './generate-request-schema.js';
import { createSegmentCache, encodeJsonBodyParts, joinParts, streamParts } from './json-body.js';
import {
  ChatCompletionChunkSchema,
  ChatCompletionResponseSchema,
  CompletionChunkSchema,
  CompletionResponseSchema,
  fromChatLogprob,
  fromCompletionLogprobs,
  mapFinishReason,
  mapStop,
  mapUsage,
} from './openai-wire.js';
import { parseRetryAfter, RETRYABLE_STATUSES, retryDelayMs } from './retry-policy.js';
import { parseSSE } from './sse-parser.js';
import type { FinishReason, GenerateChoice, GenerateRequest, GenerateResult, ScoreRequest, ScoreResult, StreamPart, TextModel, TokenLogprob, Usage } from './text-model.js';
import { formatIssues, parseOrThrow } from './zod-issues.js';

/**
 * The subset of `fetch` the client calls; defaults to `globalThis.fetch`.
 *
 * @inline
 */
type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

/** zod schema of `OpenAICompatibleOptions`: validates it and applies its defaults. */
export const OpenAICompatibleOptionsSchema = /* @__PURE__ */ lazySchema(() => z.object({
  /** API root including the version, e.g. `http://127.0.0.1:8000/v1`. */
  baseURL: z.string().url(),
  apiKey: z.string().optional(),
  /** Model name sent in every request body. */
  model: z.string().min(1),
  headers: z.record(z.string(), z.string()).optional(),
  /** The `fetch` to use (default: the global `fetch`). */
  fetch: z.custom<FetchLike>((value) => typeof value === 'function', { message: 'expected a fetch function' }).optional(),
  /** Per-attempt timeout; for streams, the longest silence between chunks. Default 60 s (our choice). */
  timeoutMs: z.number().int().positive().default(60_000),
  /** Retries after the first attempt. Default 2 (our choice, as the OpenAI SDK). */
  maxRetries: z.number().int().min(0).max(20).default(2),
  /** Backoff base. Default 500 ms (our choice). */
  retryBaseMs: z.number().min(0).default(500),
  /** Longest wait between attempts, also caps `Retry-After`. Default 20 s (our choice). */
  retryMaxMs: z.number().min(0).default(20_000),
  /** Requests in flight at once across all calls on this client. Default 16 (our choice). */
  concurrency: z.number().int().min(1).default(16),
  /** Server supports `/chat/completions`. Default true. */
  chat: z.boolean().default(true),
  /** Server supports `/completions`. Default true. */
  completion: z.boolean().default(true),
  /** Server accepts `image_url` content parts (vision models). Default true: parts are sent as-is and the server decides. */
  images: z.boolean().default(true),
  /**
   * Bytes of recently sent image data (long base64 data URLs and the JSON between them) kept to
   * be resent without copying, e.g. a video's frames across its questions. Default 16 MiB (our
   * choice; the strings stay referenced too); 0 keeps none.
   */
  imageCacheBytes: z.number().int().min(0).default(16 * 1024 * 1024),
  /**
   * Send bodies with images as a stream of their parts (`duplex: 'half'`, with `content-length`),
   * so megabytes of image data are neither joined into one buffer nor copied by `fetch`. Default:
   * on with Node's built-in `fetch`, off with a custom `fetch` and outside Node (browsers stream
   * uploads only over HTTP/2).
   */
  streamImageBodies: z.boolean().optional(),
  /** Server returns logprobs. Default true. */
  logprobs: z.boolean().default(true),
  /** Most top alternatives the chat endpoint returns. Default 20 (OpenAI's `top_logprobs` cap). */
  topLogprobs: z.number().int().min(0).max(20).default(20),
  /** Most top alternatives the completions endpoint returns. Default 5 (OpenAI's legacy `logprobs` cap). */
  completionTopLogprobs: z.number().int().min(0).max(20).default(5),
  /** Server supports `echo` + `max_tokens: 0` on completions, enabling `score()`. Default false (support varies). */
  promptScoring: z.boolean().default(false),
  /** Ask for a final usage chunk when streaming (`stream_options.include_usage`). Default true. */
  streamUsage: z.boolean().default(true),
  /** Extra fields merged into every request body (e.g. vLLM sampling params). */
  extraBody: z.record(z.string(), z.unknown()).optional(),
  id: z.string().optional(),
}));

/** Input accepted by `OpenAICompatibleOptionsSchema` (optional fields may be omitted; defaults are applied when parsed). */
export type OpenAICompatibleOptions = z.input<typeof OpenAICompatibleOptionsSchema>;
type Resolved = z.output<typeof OpenAICompatibleOptionsSchema>;

export interface OpenAICompatibleModel extends TextModel {
  /** Live view of the shared concurrency limit. */
  readonly limiter: Pick<ConcurrencyLimit, 'active' | 'pending'>;
}

interface Endpoint {
  path: '/chat/completions' | '/completions';
  body: Record<string, unknown>;
  /** The request has image parts: long base64 data URLs are spliced into the body as bytes (`encodeJsonBodyParts`). */
  images?: boolean;
  topN: number;
  wantLogprobs: boolean;
}

const TIMEOUT = Symbol('timeout');

/** Node's built-in `fetch` (undici), which streams request bodies over HTTP/1.1; not Bun or Deno. */
function isNodeFetch(): boolean {
  const g = globalThis as { process?: { versions?: { node?: string; bun?: string } }; Deno?: unknown };
  return typeof g.process?.versions?.node === 'string' && g.process.versions.bun === undefined && g.Deno === undefined;
}

/**
 * A `TextModel` over any OpenAI-compatible server (OpenAI, vLLM, llama.cpp server, `reasonkit
 * serve`) using plain `fetch`: chat for `messages`, completions for `prompt`, SSE streaming,
 * logprobs, per-attempt timeouts, retries with backoff + jitter honouring `Retry-After`, one
 * concurrency limit per client, and typed errors (`HTTP_ERROR`, `TIMEOUT`, `NETWORK_ERROR`,
 * `PROTOCOL_ERROR`, `ABORTED`, `LOGPROBS_UNSUPPORTED`).
 */
export function createOpenAICompatible(options: OpenAICompatibleOptions): OpenAICompatibleModel {
  const o: Resolved = parseOrThrow(OpenAICompatibleOptionsSchema, options, 'OpenAI-compatible options');
  const baseURL = o.baseURL.replace(/\/+$/, '');
  const doFetch: FetchLike = o.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const segments = createSegmentCache(o.imageCacheBytes);
  const streamImageBodies = o.streamImageBodies ?? (o.fetch === undefined && isNodeFetch());
  const limit = createConcurrencyLimit(o.concurrency);
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...o.headers };
  if (o.apiKey) headers.authorization = `Bearer ${o.apiKey}`;

  const endpointFor = (request: GenerateRequest, stream: boolean): Endpoint => {
    const chat = request.messages !== undefined;
    if (chat && !o.chat) throw new ReasonkitError('INVALID_ARGUMENT', `model ${o.model}: chat is disabled (chat: false); send prompt instead`, { field: 'messages' });
    if (!chat && !o.completion) throw new ReasonkitError('INVALID_ARGUMENT', `model ${o.model}: completions are disabled (completion: false); send messages instead`, { field: 'prompt' });
    const n = request.logprobs;
    const cap = chat ? o.topLogprobs : o.completionTopLogprobs;
    if (n !== undefined && (!o.logprobs || n > cap)) {
      throw new ReasonkitError(
        'LOGPROBS_UNSUPPORTED',
        o.logprobs
          ? `model ${o.model}: logprobs ${n} exceeds the ${chat ? 'chat' : 'completions'} limit of ${cap} (options.${chat ? 'topLogprobs' : 'completionTopLogprobs'})`
          : `model ${o.model}: logprobs are disabled for this server (options.logprobs: false)`,
        { field: 'logprobs', expected: cap, actual: n },
      );
    }
    if (chat && !o.images) {
      const image = findImagePart(request.messages ?? []);
      if (image !== undefined) throw new ReasonkitError('INVALID_ARGUMENT', `${image}: model ${o.model} takes no images (images: false)`, { field: image });
    }
    const body: Record<string, unknown> = { model: o.model, ...o.extraBody };
    if (chat) body.messages = (request.messages ?? []).map(toWireMessage);
    else body.prompt = request.prompt;
    if (request.maxTokens !== undefined) body.max_tokens = request.maxTokens;
    if (request.temperature !== undefined) body.temperature = request.temperature;
    if (request.topP !== undefined) body.top_p = request.topP;
    if (request.topK !== undefined) body.top_k = request.topK;
    if (request.stop !== undefined) body.stop = request.stop;
    if (request.seed !== undefined) body.seed = request.seed;
    if (request.n !== undefined && request.n > 1) body.n = request.n;
    if (request.frequencyPenalty !== undefined) body.frequency_penalty = request.frequencyPenalty;
    if (request.presencePenalty !== undefined) body.presence_penalty = request.presencePenalty;
    if (request.logitBias !== undefined) body.logit_bias = request.logitBias;
    if (n !== undefined) {
      if (chat) {
        body.logprobs = true;
        if (n > 0) body.top_logprobs = n;
      } else body.logprobs = n;
    }
    if (stream) {
      body.stream = true;
      if (o.streamUsage) body.stream_options = { include_usage: true };
    }
    const images = chat && findImagePart(request.messages ?? []) !== undefined;
    return { path: chat ? '/chat/completions' : '/completions', body, images, topN: n ?? 0, wantLogprobs: n !== undefined };
  };

  /**
   * One attempt's transport: abort on the caller's signal or on the timer (`touch()` restarts it),
   * mapping failures to typed errors.
   */
  const openAttempt = (url: string, signal: AbortSignal | undefined) => {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const touch = () => {
      if (timer !== undefined) clearTimeout(timer);
      timer = setTimeout(() => controller.abort(TIMEOUT), o.timeoutMs);
    };
    const onAbort = () => controller.abort(signal?.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    touch();
    const close = () => {
      if (timer !== undefined) clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      if (!controller.signal.aborted) controller.abort(); // frees an unread body / half-read stream
    };
    const mapError = (error: unknown): ReasonkitError => {
      if (ReasonkitError.is(error)) return error;
      if (controller.signal.aborted && controller.signal.reason === TIMEOUT) {
        return new ReasonkitError('TIMEOUT', `${url}: no response within ${o.timeoutMs} ms`, { file: url, timeoutMs: o.timeoutMs }, { cause: error });
      }
      if (signal?.aborted) return abortError(signal, `${url}`);
      const message = error instanceof Error ? `${error.message}${error.cause instanceof Error ? ` (${error.cause.message})` : ''}` : String(error);
      return new ReasonkitError('NETWORK_ERROR', `${url}: ${message}`, { file: url }, { cause: error });
    };
    return { signal: controller.signal, touch, close, mapError };
  };

  /** POST and check the status; throws typed errors (HTTP_ERROR carries status and server message). */
  const post = async (url: string, endpoint: Endpoint, attempt: ReturnType<typeof openAttempt>): Promise<Response> => {
    let response: Response;
    try {
      const body = endpoint.images ? encodeJsonBodyParts(endpoint.body, segments) : JSON.stringify(endpoint.body);
      let init: RequestInit & { duplex?: 'half' };
      if (typeof body === 'string') init = { method: 'POST', headers, body, signal: attempt.signal };
      else if (streamImageBodies) {
        const streamHeaders = { ...headers, 'content-length': String(body.byteLength) };
        init = { method: 'POST', headers: streamHeaders, body: streamParts(body.parts), duplex: 'half', signal: attempt.signal };
      } else init = { method: 'POST', headers, body: joinParts(body) as BodyInit, signal: attempt.signal };
      response = await doFetch(url, init);
    } catch (error) {
      throw attempt.mapError(error);
    }
    if (response.ok) return response;
    let text = '';
    try {
      text = await response.text();
    } catch {
      // body unreadable; the status still says enough
    }
    const message = serverMessage(text) ?? response.statusText ?? '';
    throw new ReasonkitError('HTTP_ERROR', `${url}: HTTP ${response.status}${message ? `: ${message}` : ''}`, {
      file: url,
      status: response.status,
      message,
      body: text.slice(0, 2000),
      retryAfterMs: parseRetryAfter(response.headers),
    });
  };

  /** Run `once` with retries on retryable errors; `once` may report that it already emitted output. */
  async function* withRetries<T>(signal: AbortSignal | undefined, once: () => AsyncGenerator<T>): AsyncGenerator<T> {
    for (let attempt = 0; ; attempt++) {
      let emitted = false;
      try {
        for await (const value of once()) {
          emitted = true;
          yield value;
        }
        return;
      } catch (error) {
        const e = ReasonkitError.is(error) ? error : new ReasonkitError('NETWORK_ERROR', String(error), {}, { cause: error });
        const retryable =
          e.code === 'TIMEOUT' || e.code === 'NETWORK_ERROR' || (e.code === 'HTTP_ERROR' && RETRYABLE_STATUSES.has(e.details.status as number));
        if (emitted || !retryable || attempt >= o.maxRetries) {
          if (attempt > 0) e.details.attempts = attempt + 1;
          throw e;
        }
        const delay = retryDelayMs(attempt, { baseMs: o.retryBaseMs, maxMs: o.retryMaxMs, retryAfterMs: e.details.retryAfterMs as number | undefined });
        await sleep(delay, signal);
      }
    }
  }

  const protocolError = (url: string, what: string, issues: string, raw?: string) =>
    new ReasonkitError('PROTOCOL_ERROR', `${url}: invalid ${what}: ${issues}`, { file: url, body: raw?.slice(0, 2000) });

  const parseJson = (url: string, text: string, what: string): unknown => {
    try {
      return JSON.parse(text);
    } catch {
      throw protocolError(url, what, 'not JSON', text);
    }
  };

  const missingLogprobs = (url: string) =>
    new ReasonkitError('LOGPROBS_UNSUPPORTED', `${url}: logprobs were requested but the server returned none`, { file: url, field: 'logprobs' });

  const generateOnce = async function* (request: GenerateRequest, endpoint: Endpoint): AsyncGenerator<GenerateResult> {
    const url = baseURL + endpoint.path;
    const release = await limit.acquire(request.signal);
    const attempt = openAttempt(url, request.signal);
    try {
      const response = await post(url, endpoint, attempt);
      let text: string;
      try {
        text = await response.text();
      } catch (error) {
        throw attempt.mapError(error);
      }
      const json = parseJson(url, text, 'response body');
      const choices: GenerateChoice[] = [];
      let usage: Usage | undefined;
      if (endpoint.path === '/chat/completions') {
        const parsed = ChatCompletionResponseSchema.safeParse(json);
        if (!parsed.success) throw protocolError(url, 'chat completion', formatIssues(parsed.error.issues), text);
        usage = mapUsage(parsed.data.usage);
        for (const choice of byIndex(parsed.data.choices)) {
          const out: GenerateChoice = { text: choice.message.content ?? '', finishReason: mapFinishReason(choice.finish_reason), ...mapStop(choice) };
          if (endpoint.wantLogprobs) {
            const content = choice.logprobs?.content;
            if (!content) throw missingLogprobs(url);
            out.tokens = content.map((entry) => fromChatLogprob(entry, endpoint.topN));
          }
          choices.push(out);
        }
      } else {
        const parsed = CompletionResponseSchema.safeParse(json);
        if (!parsed.success) throw protocolError(url, 'completion', formatIssues(parsed.error.issues), text);
        usage = mapUsage(parsed.data.usage);
        for (const choice of byIndex(parsed.data.choices)) {
          const out: GenerateChoice = { text: choice.text, finishReason: mapFinishReason(choice.finish_reason), ...mapStop(choice) };
          if (endpoint.wantLogprobs) {
            if (!choice.logprobs) throw missingLogprobs(url);
            out.tokens = fromCompletionLogprobs(choice.logprobs, endpoint.topN).map((entry) => entry.token);
          }
          choices.push(out);
        }
      }
      const kept = choices.map((choice) => withStop(choice, request.includeStop));
      const result: GenerateResult = { ...(kept[0] as GenerateChoice), usage, raw: json };
      if (kept.length > 1) result.choices = kept;
      yield result;
    } finally {
      attempt.close();
      release();
    }
  };

  const streamOnce = async function* (request: GenerateRequest, endpoint: Endpoint): AsyncGenerator<StreamPart> {
    const url = baseURL + endpoint.path;
    const started = now();
    let firstTokenMs: number | undefined;
    const release = await limit.acquire(request.signal);
    const attempt = openAttempt(url, request.signal);
    let reader: AsyncGenerator<string> | undefined;
    try {
      const response = await post(url, endpoint, attempt);
      if (!response.body) throw protocolError(url, 'stream', 'response has no body');
      const body = response.body;
      // getReader() rather than async iteration: Safari's ReadableStream is not async-iterable.
      const chunks = async function* () {
        const streamReader = body.getReader();
        try {
          while (true) {
            const { done, value } = await streamReader.read();
            if (done) return;
            attempt.touch();
            yield value;
          }
        } finally {
          streamReader.cancel().catch(() => undefined);
        }
      };
      reader = parseSSE(chunks());
      const finished = new Map<number, { finishReason: FinishReason; stopCause?: StopPart['stopCause']; stopSequence?: string }>();
      let usage: Usage | undefined;
      let done = false;
      const chat = endpoint.path === '/chat/completions';
      const choiceCount = request.n ?? 1;
      const tag = (index: number) => (choiceCount > 1 ? { index } : {});
      while (true) {
        let next: IteratorResult<string>;
        try {
          next = await reader.next();
        } catch (error) {
          throw attempt.mapError(error);
        }
        if (next.done) break;
        const data = next.value;
        if (data.trim() === '[DONE]') {
          done = true;
          break;
        }
        const json = parseJson(url, data, 'SSE event');
        if (typeof json === 'object' && json !== null && 'error' in json) {
          throw new ReasonkitError('HTTP_ERROR', `${url}: error event in stream: ${serverMessage(data) ?? data.slice(0, 200)}`, { file: url, status: response.status, message: serverMessage(data), body: data.slice(0, 2000) });
        }
        const parsed = (chat ? ChatCompletionChunkSchema : CompletionChunkSchema).safeParse(json);
        if (!parsed.success) throw protocolError(url, 'SSE chunk', formatIssues(parsed.error.issues), data);
        usage = mapUsage(parsed.data.usage) ?? usage;
        for (const choice of parsed.data.choices) {
          const index = choice.index ?? 0;
          const textDelta = chat ? ((choice as { delta?: { content?: string | null } | null }).delta?.content ?? '') : ((choice as { text?: string | null }).text ?? '');
          let tokens: TokenLogprob[] = [];
          if (endpoint.wantLogprobs) {
            if (chat) {
              const content = (choice.logprobs as { content?: Parameters<typeof fromChatLogprob>[0][] | null } | null | undefined)?.content;
              tokens = (content ?? []).map((entry) => fromChatLogprob(entry, endpoint.topN));
            } else if (choice.logprobs) {
              tokens = fromCompletionLogprobs(choice.logprobs as Parameters<typeof fromCompletionLogprobs>[0], endpoint.topN).map((entry) => entry.token);
            }
            if (textDelta !== '' && tokens.length === 0) throw missingLogprobs(url);
          }
          for (const part of splitDelta(textDelta, tokens)) {
            if (firstTokenMs === undefined && part.textDelta !== '') firstTokenMs = now() - started;
            yield { ...part, ...tag(index) };
          }
          if (choice.finish_reason) finished.set(index, { finishReason: mapFinishReason(choice.finish_reason), ...mapStop(choice) });
        }
      }
      if (!done) {
        throw new ReasonkitError('NETWORK_ERROR', `${url}: stream ended before data: [DONE]`, { file: url });
      }
      for (let index = 0; index < choiceCount; index++) {
        const end = finished.get(index) ?? { finishReason: 'other' as const };
        if (request.includeStop === true && end.stopSequence !== undefined) yield { textDelta: end.stopSequence, ...tag(index) };
        const last: StreamPart = { textDelta: '', ...end, ...tag(index) };
        if (index === choiceCount - 1) last.usage = withLatency(usage, started, firstTokenMs);
        yield last;
      }
    } finally {
      attempt.close();
      release();
      await reader?.return(undefined).catch(() => undefined);
    }
  };

  const capabilities = {
    chat: o.chat,
    images: o.chat && o.images,
    completion: o.completion,
    logprobs: o.logprobs,
    topLogprobs: o.logprobs ? o.topLogprobs : 0,
    promptScoring: o.promptScoring && o.completion && o.logprobs,
  };

  const model: OpenAICompatibleModel = {
    id: o.id ?? `openai-compatible:${o.model}`,
    capabilities,
    limiter: limit,
    async generate(request) {
      validateGenerateRequest(request);
      const endpoint = endpointFor(request, false);
      const started = now();
      for await (const result of withRetries(request.signal, () => generateOnce(request, endpoint))) {
        const usage = withLatency(result.usage, started, undefined);
        if (usage) result.usage = usage;
        return result;
      }
      throw new ReasonkitError('PROTOCOL_ERROR', `${baseURL}${endpoint.path}: no result`, { file: baseURL + endpoint.path });
    },
    async *stream(request) {
      validateGenerateRequest(request);
      const endpoint = endpointFor(request, true);
      yield* withRetries(request.signal, () => streamOnce(request, endpoint));
    },
  };

  if (capabilities.promptScoring) {
    model.score = async (request: ScoreRequest): Promise<ScoreResult> => {
      validateScoreRequest(request);
      const n = request.logprobs ?? 0;
      if (n > o.completionTopLogprobs) {
        throw new ReasonkitError('LOGPROBS_UNSUPPORTED', `model ${o.model}: logprobs ${n} exceeds the completions limit of ${o.completionTopLogprobs}`, { field: 'logprobs', expected: o.completionTopLogprobs, actual: n });
      }
      const url = `${baseURL}/completions`;
      /** Echo `prompt` with `max_tokens: 0`: its tokens with logprobs, and the usage. */
      const echo = async (prompt: string) => {
        const endpoint: Endpoint = { path: '/completions', body: { model: o.model, ...o.extraBody, prompt, max_tokens: 0, echo: true, logprobs: n }, topN: n, wantLogprobs: true };
        let result: GenerateResult | undefined;
        for await (const r of withRetries(request.signal, () => generateOnce({ prompt: '', signal: request.signal }, endpoint))) result = r;
        const logprobs = CompletionResponseSchema.parse(result?.raw).choices[0]?.logprobs;
        if (!logprobs) throw protocolError(url, 'echo response', 'logprobs missing (server does not support prompt scoring)');
        return { tokens: fromCompletionLogprobs(logprobs, n).map((e) => e.token), usage: result?.usage };
      };
      // The boundary in tokens, as the local model measures it: the continuation is every token of
      // prompt + continuation after the longest prefix it shares with the prompt's own tokens (a
      // token straddling the boundary counts). Text offsets are not used: servers count them in
      // different units (UTF-16, code points, bytes) and byte tokens need not spell the text.
      const [full, context] = await Promise.all([echo(request.prompt + request.continuation), request.prompt === '' ? undefined : echo(request.prompt)]);
      let k = 0;
      const own = context?.tokens ?? [];
      while (k < own.length && k < full.tokens.length && own[k]!.token === full.tokens[k]!.token) k++;
      const tokens = full.tokens.slice(k);
      if (tokens.length === 0) throw new ReasonkitError('INVALID_ARGUMENT', 'score: continuation encodes to no tokens', { field: 'continuation' });
      if (tokens.some((t) => Number.isNaN(t.logprob))) throw protocolError(url, 'echo response', 'continuation tokens without logprobs');
      const usage: Usage | undefined = full.usage ? { ...full.usage, input: full.usage.input - tokens.length, output: tokens.length } : undefined;
      return { tokens, sum: tokens.reduce((s, t) => s + t.logprob, 0), ...(usage ? { usage } : {}) };
    };
  }
  return model;
}

type StopPart = Pick<StreamPart, 'stopCause' | 'stopSequence'>;

const now = () => globalThis.performance?.now() ?? Date.now();

/** Usage with the client-measured `latencyMs` (whole call, retries included) and `firstTokenMs`. */
function withLatency(usage: Usage | undefined, started: number, firstTokenMs: number | undefined): Usage | undefined {
  if (!usage) return undefined;
  const out: Usage = { ...usage, latencyMs: now() - started };
  if (firstTokenMs !== undefined) out.firstTokenMs = firstTokenMs;
  return out;
}

/** Choices in `index` order (servers may send them in any order). */
function byIndex<T extends { index?: number | null }>(choices: readonly T[]): T[] {
  return [...choices].sort((a, b) => (a.index ?? 0) - (b.index ?? 0));
}

/** `includeStop`: the stop sequence the server reported goes back at the end of the text. */
function withStop(choice: GenerateChoice, includeStop: boolean | undefined): GenerateChoice {
  if (includeStop !== true || choice.stopSequence === undefined) return choice;
  return { ...choice, text: choice.text + choice.stopSequence };
}

/** A chat message in OpenAI's wire shape: content (string or parts) as-is, `tool_call_id`, `name`. */
export function toWireMessage(message: ChatMessage): Record<string, unknown> {
  const wire: Record<string, unknown> = { role: message.role, content: message.content };
  if (message.toolCallId !== undefined) wire.tool_call_id = message.toolCallId;
  if (message.name !== undefined) wire.name = message.name;
  return wire;
}

/** Split a chunk's delta over its tokens when they spell it exactly; else one part per token. */
function* splitDelta(textDelta: string, tokens: TokenLogprob[]): Generator<StreamPart> {
  if (tokens.length === 0) {
    if (textDelta !== '') yield { textDelta };
    return;
  }
  if (tokens.map((t) => t.token).join('') === textDelta) {
    for (const token of tokens) yield { textDelta: token.token, token };
    return;
  }
  for (let i = 0; i < tokens.length; i++) yield { textDelta: i === 0 ? textDelta : '', token: tokens[i] };
}

/** The human message in an error body: `{error:{message}}`, `{error:"…"}`, `{message}`, `{detail}`, or the text. */
export function serverMessage(text: string): string | undefined {
  if (text.trim() === '') return undefined;
  try {
    const json = JSON.parse(text) as Record<string, unknown>;
    const error = json.error;
    if (typeof error === 'string') return error;
    if (error && typeof error === 'object' && typeof (error as { message?: unknown }).message === 'string') return (error as { message: string }).message;
    if (typeof json.message === 'string') return json.message;
    if (typeof json.detail === 'string') return json.detail;
  } catch {
    // not JSON: fall through to the raw text
  }
  return text.slice(0, 500);
}
