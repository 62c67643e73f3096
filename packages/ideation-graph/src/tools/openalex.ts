import * as z from 'zod';
import { parseOptions } from '@reasonkit/core';
import { IdeationGraphError } from '../errors/ideation-graph-error.js';
import { fetchJsonWithRetries, type LiteratureSearch, type PaperHit } from './literature.js';

/** Options of {@link OpenAlexSearch}. */
export const OpenAlexOptionsSchema = z.object({
  /** Your e-mail for OpenAlex's "polite pool" (sent as `mailto`); recommended by OpenAlex. */
  mailto: z.string().email().optional(),
  /** Default the public API; tests point it at a loopback server. */
  baseUrl: z.string().url().default('https://api.openalex.org'),
  /** Retries after a 429/5xx/network failure. Default 5 (spec §9.7). */
  retries: z.number().int().min(0).max(20).default(5),
  /** Backoff base: 1 s, ×2, with jitter (spec §9.7). */
  baseDelayMs: z.number().min(0).default(1000),
  /** Backoff cap: 30 s (spec §9.7). */
  maxDelayMs: z.number().min(0).default(30_000),
  /** Per-request timeout. Default 20 s (our choice). */
  timeoutMs: z.number().int().positive().default(20_000),
  /** A `fetch` to use instead of the global one. */
  fetch: z.custom<typeof fetch>((v) => typeof v === 'function').optional(),
});
/** Input form of {@link OpenAlexOptionsSchema}. */
export type OpenAlexOptions = z.input<typeof OpenAlexOptionsSchema>;

const OpenAlexWork = z.object({
  id: z.string(),
  display_name: z.string().nullable().optional(),
  title: z.string().nullable().optional(),
  publication_year: z.number().nullable().optional(),
  abstract_inverted_index: z.record(z.string(), z.array(z.number().int().min(0))).nullable().optional(),
  authorships: z.array(z.object({ author: z.object({ display_name: z.string().nullable().optional() }).nullable().optional() })).nullable().optional(),
  primary_location: z.object({ source: z.object({ display_name: z.string().nullable().optional() }).nullable().optional() }).nullable().optional(),
});
const OpenAlexResponse = z.object({ results: z.array(OpenAlexWork).optional().default([]) });

/**
 * Rebuilds an abstract from OpenAlex's `abstract_inverted_index` (word → positions): words placed at their
 * positions, joined by single spaces. `undefined` for a missing or empty index.
 */
export function abstractFromInvertedIndex(index: Record<string, number[]> | null | undefined): string | undefined {
  if (!index) return undefined;
  const words: string[] = [];
  for (const [word, positions] of Object.entries(index)) for (const p of positions) words[p] = word;
  const text = words.filter((w) => w !== undefined).join(' ').trim();
  return text || undefined;
}

/**
 * OpenAlex works search (paper metadata; no key needed), the spec's fallback for Semantic Scholar:
 * `GET /works?search=…&per-page=…&select=…[&mailto=…]`, with timeouts, retries with backoff on 429/5xx and
 * cancellation (shared with {@link SemanticScholarSearch}). `paperId` is the short work id (`W…`).
 */
export class OpenAlexSearch implements LiteratureSearch {
  /** Provider id (the cache key prefix of `CachedLiterature`). */
  readonly id = 'openalex';
  private o: z.output<typeof OpenAlexOptionsSchema>;

  /** Validates the options (zod; bad ones throw core's `INVALID_ARGUMENT` with the field path). */
  constructor(options: OpenAlexOptions = {}) {
    this.o = parseOptions(OpenAlexOptionsSchema, options, 'OpenAlexSearch options');
  }

  /** Top `limit` (default 20, at most 200 per OpenAlex page) works for `query`, with rebuilt abstracts. */
  async search(query: string, options: { signal?: AbortSignal; limit?: number } = {}): Promise<PaperHit[]> {
    const params = new URLSearchParams({
      search: query,
      'per-page': String(Math.min(200, Math.max(1, options.limit ?? 20))),
      select: 'id,display_name,publication_year,abstract_inverted_index,authorships,primary_location',
    });
    if (this.o.mailto) params.set('mailto', this.o.mailto);
    const url = `${this.o.baseUrl.replace(/\/$/, '')}/works?${params}`;
    const json = await fetchJsonWithRetries('OpenAlex', url, {}, this.o, options.signal);
    const body = OpenAlexResponse.safeParse(json);
    if (!body.success) {
      const issue = body.error.issues[0];
      throw new IdeationGraphError('LITERATURE_UNAVAILABLE', `OpenAlex: unexpected response (${issue?.path.join('.')}: ${issue?.message})`, { file: this.o.baseUrl, field: issue?.path.join('.') });
    }
    return body.data.results.map((w) => {
      const abstract = abstractFromInvertedIndex(w.abstract_inverted_index);
      const venue = w.primary_location?.source?.display_name;
      return {
        paperId: w.id.replace(/^https?:\/\/openalex\.org\//, ''),
        title: w.display_name ?? w.title ?? '',
        ...(abstract ? { abstract } : {}),
        ...(w.publication_year ? { year: w.publication_year } : {}),
        ...(venue ? { venue } : {}),
        authors: (w.authorships ?? []).map((a) => a.author?.display_name ?? '').filter(Boolean),
      };
    });
  }
}
