import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReasonkitError } from '@reasonkit/core';
import { IdeationGraphError } from '../errors/ideation-graph-error.js';
import { CachedLiterature, SemanticScholarSearch } from './literature.js';
import { abstractFromInvertedIndex, OpenAlexSearch } from './openalex.js';

// A real loopback HTTP server answering in the shape of OpenAlex's /works list (meta + results, the work
// id as a URL, the abstract as an inverted index, authorships, primary_location.source).
const WORK = {
  id: 'https://openalex.org/W4385245566',
  display_name: 'Oversmoothing in graph neural networks',
  publication_year: 2024,
  abstract_inverted_index: { We: [0], study: [1], oversmoothing: [2], in: [3], deep: [4], GNNs: [5], and: [6], we: [7], fix: [8], it: [9] },
  authorships: [{ author: { id: 'https://openalex.org/A1', display_name: 'Ada Lovelace' } }, { author: { display_name: 'Alan Turing' } }],
  primary_location: { source: { display_name: 'ICLR' } },
};
let server: Server;
let base = '';
let failuresLeft = 0;
const urls: URL[] = [];
beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    urls.push(url);
    const q = url.searchParams.get('search') ?? '';
    if (url.pathname.startsWith('/s2/')) return res.writeHead(503).end('semantic scholar down');
    if (q === 'hang') return; // never answers: timeouts and cancellation
    if (q === 'forbidden') return res.writeHead(403).end('no');
    if (failuresLeft > 0) {
      failuresLeft--;
      return res.writeHead(503).end('busy');
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    if (q === 'nothing') return res.end(JSON.stringify({ meta: { count: 0, page: 1, per_page: 20 }, results: [] }));
    if (q === 'garbled') return res.end(JSON.stringify({ results: [{ title: 'no id' }] }));
    res.end(JSON.stringify({ meta: { count: 1, db_response_time_ms: 12, page: 1, per_page: 20 }, results: [WORK, { id: 'https://openalex.org/W2', display_name: 'Bare', publication_year: null, abstract_inverted_index: null, authorships: [], primary_location: null }], group_by: [] }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r()))));

describe('OpenAlexSearch on loopback', () => {
  it('rebuilds the inverted-index abstract', () => {
    expect(abstractFromInvertedIndex({ b: [1, 3], a: [0], c: [2] })).toBe('a b c b');
    expect(abstractFromInvertedIndex({})).toBeUndefined();
    expect(abstractFromInvertedIndex(null)).toBeUndefined();
  });

  it('maps works to PaperHits and sends search, per-page, select and mailto', async () => {
    urls.length = 0;
    const oa = new OpenAlexSearch({ baseUrl: base, mailto: 'me@example.org' });
    const hits = await oa.search('graph oversmoothing', { limit: 7 });
    expect(hits).toEqual([
      { paperId: 'W4385245566', title: 'Oversmoothing in graph neural networks', abstract: 'We study oversmoothing in deep GNNs and we fix it', year: 2024, venue: 'ICLR', authors: ['Ada Lovelace', 'Alan Turing'] },
      { paperId: 'W2', title: 'Bare', authors: [] },
    ]);
    const u = urls[0]!;
    expect(u.pathname).toBe('/works');
    expect(u.searchParams.get('search')).toBe('graph oversmoothing');
    expect(u.searchParams.get('per-page')).toBe('7');
    expect(u.searchParams.get('mailto')).toBe('me@example.org');
    expect(u.searchParams.get('select')?.split(',')).toContain('abstract_inverted_index');
    expect(await oa.search('nothing')).toEqual([]);
  });

  it('retries 503s then delivers; a 403 is not retried; a garbled body is LITERATURE_UNAVAILABLE', async () => {
    failuresLeft = 3;
    urls.length = 0;
    const oa = new OpenAlexSearch({ baseUrl: base, baseDelayMs: 1, maxDelayMs: 5 });
    expect(await oa.search('graph')).toHaveLength(2);
    expect(urls).toHaveLength(4);
    urls.length = 0;
    await expect(oa.search('forbidden')).rejects.toSatisfy((e) => IdeationGraphError.isKind(e, 'LITERATURE_UNAVAILABLE') && /HTTP 403/.test((e as Error).message));
    expect(urls).toHaveLength(1);
    await expect(oa.search('garbled')).rejects.toSatisfy((e) => IdeationGraphError.isKind(e, 'LITERATURE_UNAVAILABLE'));
  });

  it('times out per attempt (then LITERATURE_UNAVAILABLE) and is cancelled by a signal (ABORTED)', async () => {
    urls.length = 0;
    const oa = new OpenAlexSearch({ baseUrl: base, timeoutMs: 50, retries: 1, baseDelayMs: 1, maxDelayMs: 2 });
    await expect(oa.search('hang')).rejects.toSatisfy((e) => IdeationGraphError.isKind(e, 'LITERATURE_UNAVAILABLE'));
    expect(urls).toHaveLength(2);
    const slow = new OpenAlexSearch({ baseUrl: base, timeoutMs: 60_000 });
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 30);
    await expect(slow.search('hang', { signal: ac.signal })).rejects.toSatisfy((e) => ReasonkitError.is(e, 'ABORTED'));
  });

  it('is the fallback when Semantic Scholar keeps failing', async () => {
    urls.length = 0;
    const lit = new CachedLiterature(new SemanticScholarSearch({ baseUrl: `${base}/s2`, retries: 1, baseDelayMs: 1, maxDelayMs: 2 }), { minIntervalMs: 0, fallback: new OpenAlexSearch({ baseUrl: base, retries: 0 }) });
    expect((await lit.search('graph'))[0]?.paperId).toBe('W4385245566');
    expect(urls.map((u) => u.pathname)).toEqual(['/s2/paper/search', '/s2/paper/search', '/works']);
  });
});
