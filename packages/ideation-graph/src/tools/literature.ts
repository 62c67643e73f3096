import * as z from 'zod';
import { parseOptions, RETRYABLE_STATUSES, parseRetryAfter, retryDelayMs, ReasonkitError, sleep } from '@reasonkit/core';
import { IdeationGraphError } from '../errors/ideation-graph-error.js';

/** One paper returned by a literature search. */
export interface PaperHit {
  /** Provider paper id. */
  paperId: string;
  /** Title. */
  title: string;
  /** Abstract, when the provider has one. */
  abstract?: string;
  /** Publication year. */
  year?: number;
  /** Author names. */
  authors: string[];
  /** Venue name. */
  venue?: string;
}

/** A paper-search back end (Semantic Scholar, OpenAlex, a fixture, your own index). */
export interface LiteratureSearch {
  /** Provider id (part of the cache key). */
  readonly id: string;
  /** Papers for `query`; failures throw `LITERATURE_UNAVAILABLE` or core `ABORTED`. */
  search(query: string, options?: { signal?: AbortSignal; limit?: number }): Promise<PaperHit[]>;
}

/** Options of {@link SemanticScholarSearch}: API key, base URL, retries (5), backoff (1 s ×2, cap 30 s), timeout (20 s). */
export const SemanticScholarOptionsSchema = z.object({
  apiKey: z.string().optional(),
  /** Default the public Graph API; tests point it at a loopback server. */
  baseUrl: z.string().url().default('https://api.semanticscholar.org/graph/v1'),
  /** Retries after a 429/5xx/network failure. Default 5 (spec §9.7). */
  retries: z.number().int().min(0).max(20).default(5),
  /** Backoff base and cap: 1 s, ×2, cap 30 s with jitter (spec §9.7). */
  baseDelayMs: z.number().min(0).default(1000),
  maxDelayMs: z.number().min(0).default(30_000),
  /** Per-request timeout. Default 20 s (our choice). */
  timeoutMs: z.number().int().positive().default(20_000),
  /** `fetch` implementation (tests, proxies). Default the global `fetch`. */
  fetch: z.custom<typeof fetch>((v) => typeof v === 'function').optional(),
});
export type SemanticScholarOptions = z.input<typeof SemanticScholarOptionsSchema>;

/** Retry settings shared by the HTTP literature clients (see {@link fetchJsonWithRetries}). */
export interface RetrySettings {
  /** Retries after the first attempt. */
  retries: number;
  /** First backoff delay (doubled per retry, with jitter). */
  baseDelayMs: number;
  /** Backoff cap. */
  maxDelayMs: number;
  /** Per-attempt timeout. */
  timeoutMs: number;
  /** A `fetch` to use instead of the global one. */
  fetch?: typeof fetch | undefined;
}

/**
 * GET `url` as JSON with a per-attempt timeout, retries with backoff and jitter on 429/5xx/network failures
 * (core's `RETRYABLE_STATUSES`, `parseRetryAfter`, `retryDelayMs`) and cancellation by `signal` (core's
 * `ABORTED`). Other statuses and exhausted retries throw `LITERATURE_UNAVAILABLE` naming the provider.
 */
export async function fetchJsonWithRetries(provider: string, url: string, init: { headers?: Record<string, string> }, o: RetrySettings, signal?: AbortSignal): Promise<unknown> {
  const doFetch = o.fetch ?? fetch;
  let lastError = '';
  for (let attempt = 0; attempt <= o.retries; attempt++) {
    const signals = [AbortSignal.timeout(o.timeoutMs), ...(signal ? [signal] : [])];
    let retryAfter: number | undefined;
    try {
      const res = await doFetch(url, { headers: init.headers ?? {}, signal: AbortSignal.any(signals) });
      if (res.ok) return await res.json();
      lastError = `HTTP ${res.status}`;
      await res.body?.cancel().catch(() => {});
      if (!RETRYABLE_STATUSES.has(res.status)) break;
      retryAfter = parseRetryAfter(res.headers);
    } catch (e) {
      if (signal?.aborted) throw new ReasonkitError('ABORTED', 'literature search aborted', {}, { cause: e });
      lastError = (e as Error).message;
    }
    if (attempt < o.retries) await sleep(retryDelayMs(attempt, { baseMs: o.baseDelayMs, maxMs: o.maxDelayMs, retryAfterMs: retryAfter }), signal);
  }
  throw new IdeationGraphError('LITERATURE_UNAVAILABLE', `${provider} search failed after ${o.retries + 1} attempt(s): ${lastError}`, { file: url.split('?')[0], actual: lastError });
}

const S2Paper = z.object({
  paperId: z.string(),
  title: z.string().nullable().optional(),
  abstract: z.string().nullable().optional(),
  year: z.number().nullable().optional(),
  venue: z.string().nullable().optional(),
  authors: z.array(z.object({ name: z.string().nullable().optional() })).nullable().optional(),
});
const S2Response = z.object({ data: z.array(S2Paper).optional().default([]) });

/** Semantic Scholar paper search with timeouts, retries with backoff on 429/5xx, and cancellation. */
export class SemanticScholarSearch implements LiteratureSearch {
  readonly id = 'semantic-scholar';
  private o: z.output<typeof SemanticScholarOptionsSchema>;
  constructor(options: SemanticScholarOptions = {}) {
    this.o = parseOptions(SemanticScholarOptionsSchema, options, 'SemanticScholarSearch options');
  }

  /** Top `limit` (default 20) papers with abstracts for `query`. */
  async search(query: string, options: { signal?: AbortSignal; limit?: number } = {}): Promise<PaperHit[]> {
    const url = `${this.o.baseUrl}/paper/search?query=${encodeURIComponent(query)}&limit=${options.limit ?? 20}&fields=title,abstract,year,authors,venue`;
    const json = await fetchJsonWithRetries('Semantic Scholar', url, { headers: this.o.apiKey ? { 'x-api-key': this.o.apiKey } : {} }, this.o, options.signal);
    const body = S2Response.safeParse(json);
    if (!body.success) throw new IdeationGraphError('LITERATURE_UNAVAILABLE', `Semantic Scholar: unexpected response (${body.error.issues[0]?.path.join('.')}: ${body.error.issues[0]?.message})`, { file: this.o.baseUrl });
    return body.data.data.map((p) => ({
      paperId: p.paperId,
      title: p.title ?? '',
      ...(p.abstract ? { abstract: p.abstract } : {}),
      ...(p.year ? { year: p.year } : {}),
      ...(p.venue ? { venue: p.venue } : {}),
      authors: (p.authors ?? []).map((a) => a.name ?? '').filter(Boolean),
    }));
  }
}

/** Options of {@link CachedLiterature}: fallback provider, top K (20), spacing between calls (1.1 s), LRU size (512). */
export const CachedLiteratureOptionsSchema = z.object({
  fallback: z.custom<LiteratureSearch>((v) => typeof (v as LiteratureSearch)?.search === 'function').optional(),
  /** Results per query (the paper's top 20). */
  topK: z.number().int().min(1).max(100).default(20),
  /** Minimum spacing between calls to the primary (S2's 1 request/s for keyed clients). Default 1100 ms. */
  minIntervalMs: z.number().min(0).default(1100),
  cacheSize: z.number().int().min(0).default(512),
});
export type CachedLiteratureOptions = z.input<typeof CachedLiteratureOptionsSchema>;

/** LRU cache on (provider, normalised query), spacing between calls, and a fallback provider. */
export class CachedLiterature implements LiteratureSearch {
  /** `cached:<primary id>`. */
  readonly id: string;
  private o: z.output<typeof CachedLiteratureOptionsSchema>;
  private cache = new Map<string, PaperHit[]>();
  private nextSlot = 0;
  constructor(
    private primary: LiteratureSearch,
    options: CachedLiteratureOptions = {},
  ) {
    this.o = parseOptions(CachedLiteratureOptionsSchema, options, 'CachedLiterature options');
    this.id = `cached:${primary.id}`;
  }

  /** Cached, spaced search on the primary; the fallback on failure (not on `ABORTED`). */
  async search(query: string, options: { signal?: AbortSignal } = {}): Promise<PaperHit[]> {
    const key = `${this.primary.id}\u0000${query.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim()}`;
    const hit = this.cache.get(key);
    if (hit) {
      this.cache.delete(key);
      this.cache.set(key, hit);
      return hit;
    }
    const wait = this.nextSlot - Date.now();
    this.nextSlot = Math.max(Date.now(), this.nextSlot) + this.o.minIntervalMs;
    if (wait > 0) await sleep(wait, options.signal);
    let result: PaperHit[];
    try {
      result = await this.primary.search(query, { signal: options.signal, limit: this.o.topK });
    } catch (e) {
      if (!this.o.fallback || ReasonkitError.is(e, 'ABORTED')) throw e;
      result = await this.o.fallback.search(query, { signal: options.signal, limit: this.o.topK });
    }
    result = result.slice(0, this.o.topK);
    if (this.o.cacheSize > 0) {
      this.cache.set(key, result);
      if (this.cache.size > this.o.cacheSize) this.cache.delete(this.cache.keys().next().value as string);
    }
    return result;
  }
}
