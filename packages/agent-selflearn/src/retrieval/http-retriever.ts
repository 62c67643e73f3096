import * as z from 'zod';
import { createConcurrencyLimit, parseOptions, ReasonkitError, retryDelayMs, sleep, throwIfAborted } from '@reasonkit/core';
import { AslError } from '../errors/asl-error.js';
import { RetrieveResponseSchema } from './retrieve-wire.js';
import { PLACEHOLDER_HIT, type Doc, type Hit, type Retriever, type SearchOptions } from './types.js';

/** A `fetch`-compatible function (for tests or custom transports). */
export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

/** Options of `HttpRetriever` (zod; defaults from spec §6.3). */
export const HttpRetrieverOptionsSchema = z.object({
  /** `/retrieve` URLs of one or more replicas (ASL runs 8 on ports 8000–8007). */
  endpoints: z.array(z.string().url()).min(1),
  /** Replica choice per request. Default `round-robin` (ours; ASL picks at random). */
  pick: z.enum(['round-robin', 'random']).default('round-robin'),
  /** Hits per query sent as `topk`. Default 3 (ASL/Search-R1 scripts). */
  topk: z.number().int().min(1).default(3),
  /** Per-attempt timeout. Default 30,000 ms (verl SearchTool's 30 s). */
  timeoutMs: z.number().int().positive().default(30_000),
  /** Retries after the first attempt, exponential back-off with jitter. Default 3 (spec §6.3). */
  retries: z.number().int().min(0).max(20).default(3),
  /** Back-off base / cap. Defaults 500 ms / 10 s (our choice). */
  retryBaseMs: z.number().min(0).default(500),
  retryMaxMs: z.number().min(0).default(10_000),
  /** Requests in flight. Default 64 (spec §6.3). */
  concurrency: z.number().int().min(1).default(64),
  /** After all retries: ASL's placeholder hit per query (default), empty lists, or throw. */
  onError: z.enum(['placeholder', 'empty', 'throw']).default('placeholder'),
  fetch: z.custom<FetchLike>((v) => typeof v === 'function', { message: 'expected a fetch function' }).optional(),
  /** Random source for replica choice and jitter (tests). */
  random: z.custom<() => number>((v) => typeof v === 'function').optional(),
});
/** Input type of `HttpRetrieverOptionsSchema`. */
export type HttpRetrieverOptions = z.input<typeof HttpRetrieverOptionsSchema>;

function toDoc(raw: Record<string, unknown>, fallbackId: string): Doc {
  const title = typeof raw.title === 'string' ? raw.title : undefined;
  const text = typeof raw.text === 'string' ? raw.text : undefined;
  const contents = typeof raw.contents === 'string' ? raw.contents : `"${title ?? ''}"\n${text ?? ''}`;
  const doc: Doc = { id: raw.id === undefined ? fallbackId : String(raw.id), contents };
  if (title !== undefined) doc.title = title;
  if (text !== undefined) doc.text = text;
  return doc;
}

/**
 * Client for any server speaking the Search-R1 `/retrieve` API (spec §6.2–6.3): Search-R1's dense
 * or BM25 server, ASL's modified server, or our `serveRetriever`. Accepts scored and unscored hit
 * shapes and ASL's `{error, result}`; a missing `error` field counts as success (pitfall 8).
 * Documents without an `id` (Pyserini BM25 servers) get `q{query index}-{rank}`. Timeouts, HTTP
 * errors and bad bodies are retried with exponential back-off, then handled per `onError`.
 */
export class HttpRetriever implements Retriever {
  private readonly o: z.output<typeof HttpRetrieverOptionsSchema>;
  private readonly limit;
  private next = 0;
  /** Attempts made, by endpoint (for monitoring and tests). */
  readonly attempts = new Map<string, number>();

  constructor(options: HttpRetrieverOptions) {
    this.o = parseOptions(HttpRetrieverOptionsSchema, options, 'HttpRetriever options');
    this.limit = createConcurrencyLimit(this.o.concurrency);
  }

  private pickEndpoint(): string {
    const eps = this.o.endpoints;
    if (this.o.pick === 'random') return eps[Math.floor((this.o.random ?? Math.random)() * eps.length)]!;
    return eps[this.next++ % eps.length]!;
  }

  /** POSTs the queries to an endpoint (`{queries, topk, return_scores: true}`) with retries; one hit list per query. */
  async search(queries: readonly string[], options: SearchOptions = {}): Promise<Hit[][]> {
    if (queries.length === 0) return [];
    const topk = options.topk ?? this.o.topk;
    if (!Number.isInteger(topk) || topk < 1) throw new AslError('config', `HttpRetriever: topk must be an integer >= 1, got ${topk}`, { field: 'topk', actual: topk });
    const release = await this.limit.acquire(options.signal);
    try {
      return await this.withRetries(queries, topk, options.signal);
    } catch (error) {
      if (ReasonkitError.is(error, 'ABORTED') || this.o.onError === 'throw') throw error;
      return queries.map(() => (this.o.onError === 'placeholder' ? [{ ...PLACEHOLDER_HIT, document: { ...PLACEHOLDER_HIT.document } }] : []));
    } finally {
      release();
    }
  }

  private async withRetries(queries: readonly string[], topk: number, signal?: AbortSignal): Promise<Hit[][]> {
    let last: unknown;
    for (let attempt = 0; attempt <= this.o.retries; attempt++) {
      throwIfAborted(signal, 'retrieval');
      if (attempt > 0) await sleep(retryDelayMs(attempt - 1, { baseMs: this.o.retryBaseMs, maxMs: this.o.retryMaxMs, random: this.o.random }), signal);
      const url = this.pickEndpoint();
      this.attempts.set(url, (this.attempts.get(url) ?? 0) + 1);
      try {
        return await this.once(url, queries, topk, signal);
      } catch (error) {
        if (ReasonkitError.is(error, 'ABORTED')) throw error;
        last = error;
      }
    }
    throw last;
  }

  private async once(url: string, queries: readonly string[], topk: number, signal?: AbortSignal): Promise<Hit[][]> {
    const timeout = AbortSignal.timeout(this.o.timeoutMs);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    let body: unknown;
    try {
      const res = await (this.o.fetch ?? fetch)(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ queries, topk, return_scores: true }),
        signal: combined,
      });
      const text = await res.text();
      if (!res.ok) throw new AslError('retriever', `${url}: HTTP ${res.status}: ${text.slice(0, 200)}`, { file: url, status: res.status }, { code: 'HTTP_ERROR' });
      body = JSON.parse(text);
    } catch (error) {
      if (signal?.aborted) throw new ReasonkitError('ABORTED', 'retrieval aborted', { reason: signal.reason }, { cause: error });
      if (timeout.aborted) throw new AslError('retriever', `${url}: timed out after ${this.o.timeoutMs} ms`, { file: url }, { code: 'TIMEOUT', cause: error });
      if (error instanceof AslError) throw error;
      throw new AslError('retriever', `${url}: ${(error as Error).message}`, { file: url }, { cause: error });
    }
    const parsed = RetrieveResponseSchema.safeParse(body);
    if (!parsed.success) throw new AslError('retriever', `${url}: unexpected /retrieve response: ${parsed.error.issues[0]?.message}`, { file: url, field: parsed.error.issues[0]?.path.join('.') }, { code: 'PROTOCOL_ERROR' });
    if (parsed.data.error === true) throw new AslError('retriever', `${url}: server error: ${String(parsed.data.result).slice(0, 200)}`, { file: url }, { code: 'HTTP_ERROR' });
    const result = parsed.data.result as unknown[][];
    if (result.length !== queries.length) throw new AslError('retriever', `${url}: ${result.length} hit lists for ${queries.length} queries`, { file: url, field: 'result' }, { code: 'PROTOCOL_ERROR' });
    return result.map((hits, i) =>
      hits.map((h, j) => {
        const hit = h as Record<string, unknown>;
        const scored = typeof hit.score === 'number' && typeof hit.document === 'object' && hit.document !== null;
        const raw = (scored ? hit.document : hit) as Record<string, unknown>;
        return { document: toDoc(raw, `q${i}-${j}`), score: scored ? (hit.score as number) : 0 };
      }),
    );
  }
}
