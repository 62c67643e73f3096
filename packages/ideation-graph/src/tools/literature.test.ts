import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CachedLiterature, SemanticScholarSearch } from './literature.js';
import { IdeationGraphError } from '../errors/ideation-graph-error.js';

// A real loopback HTTP server standing in for the Semantic Scholar API.
let server: Server;
let base = '';
let failuresLeft = 0;
let requests = 0;
beforeAll(async () => {
  server = createServer((req, res) => {
    requests++;
    if (req.url?.includes('permanent')) return res.writeHead(503).end('down');
    if (failuresLeft > 0) {
      failuresLeft--;
      return res.writeHead(429, { 'retry-after-ms': '5' }).end('slow down');
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ data: [{ paperId: 'p1', title: 'Oversmoothing', abstract: 'We study it.', year: 2024, authors: [{ name: 'Ada Lovelace' }], venue: 'ICLR' }] }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('SemanticScholarSearch on loopback', () => {
  it('five 429s then success → retried and delivered', async () => {
    failuresLeft = 5;
    requests = 0;
    const s2 = new SemanticScholarSearch({ baseUrl: base, baseDelayMs: 1, maxDelayMs: 10 });
    const hits = await s2.search('graph oversmoothing');
    expect(requests).toBe(6);
    expect(hits).toEqual([{ paperId: 'p1', title: 'Oversmoothing', abstract: 'We study it.', year: 2024, authors: ['Ada Lovelace'], venue: 'ICLR' }]);
  });
  it('permanent failure → LITERATURE_UNAVAILABLE after the retries', async () => {
    const s2 = new SemanticScholarSearch({ baseUrl: base, baseDelayMs: 1, maxDelayMs: 5, retries: 2 });
    await expect(s2.search('permanent')).rejects.toSatisfy((e) => IdeationGraphError.isKind(e, 'LITERATURE_UNAVAILABLE'));
  });
  it('cache: the same normalised query is fetched once; fallback used when the primary fails', async () => {
    requests = 0;
    const lit = new CachedLiterature(new SemanticScholarSearch({ baseUrl: base, baseDelayMs: 1 }), { minIntervalMs: 0 });
    await lit.search('Graph  Oversmoothing');
    await lit.search('graph oversmoothing');
    expect(requests).toBe(1);
    const fb = new CachedLiterature(new SemanticScholarSearch({ baseUrl: base, retries: 0 }), {
      minIntervalMs: 0,
      fallback: { id: 'fixture', search: async () => [{ paperId: 'f', title: 'Fallback', authors: [] }] },
    });
    expect((await fb.search('permanent'))[0]?.title).toBe('Fallback');
  });
});
