import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Bm25Index } from '../retrieval/bm25-index.js';
import { HttpRetriever } from '../retrieval/http-retriever.js';
import { renderHits } from '../retrieval/render-hits.js';
import { serveRetriever, type RetrieverServer } from './serve-retriever.js';

const CORPUS = [
  { id: '0', contents: '"Paris"\nParis is the capital and largest city of France.' },
  { id: '1', contents: '"Rome"\nRome is the capital city of Italy.' },
  { id: '2', contents: '"Oslo"\nOslo is the capital of Norway.' },
  { id: '3', contents: '"Seine"\nThe Seine is a river that flows through Paris.' },
];

// A Search-R1-shaped server (as search_r1/search/retrieval_server.py answers), plus ASL's and faulty variants.
let mock: Server;
let mockUrl = '';
const hitsOn = new Map<string, number>();
function mockHandler(path: string, body: { queries: string[]; topk?: number; return_scores?: boolean }): { status: number; json?: unknown; delayMs?: number } {
  const docs = (q: string) => CORPUS.filter((d) => d.contents.toLowerCase().includes(q.split(' ')[0]!.toLowerCase())).slice(0, body.topk || 3);
  switch (path) {
    case '/dense': // FAISS server: corpus rows {id, contents}
      return { status: 200, json: { result: body.queries.map((q) => docs(q).map((d, i) => (body.return_scores ? { document: d, score: 1 - i * 0.1 } : d))) } };
    case '/pyserini': // BM25 with stored docs: {title, text, contents}, no id
      return { status: 200, json: { result: body.queries.map((q) => docs(q).map((d) => ({ document: { title: d.contents.split('\n')[0]!.replace(/"/g, ''), text: d.contents.split('\n')[1], contents: d.contents }, score: 2 }))) } };
    case '/asl': // ASL's modified server: error flag
      return { status: 200, json: { result: body.queries.map((q) => docs(q).map((d) => ({ document: d, score: 1 }))), error: false } };
    case '/asl-error':
      return { status: 200, json: { error: true, result: 'index not loaded' } };
    case '/slow':
      return { status: 200, json: { result: [] }, delayMs: 400 };
    case '/500':
      return { status: 500, json: { detail: 'boom' } };
    default:
      return { status: 404 };
  }
}

beforeAll(async () => {
  mock = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      const path = (req.url ?? '/').replace(/\/retrieve$/, '') || '/';
      hitsOn.set(path, (hitsOn.get(path) ?? 0) + 1);
      const r = mockHandler(path, JSON.parse(raw || '{}'));
      const reply = () => {
        res.writeHead(r.status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(r.json ?? {}));
      };
      if (r.delayMs) setTimeout(reply, r.delayMs);
      else reply();
    });
  });
  await new Promise<void>((resolve) => mock.listen(0, '127.0.0.1', resolve));
  mockUrl = `http://127.0.0.1:${(mock.address() as AddressInfo).port}`;
});
afterAll(async () => {
  mock.closeAllConnections();
  await new Promise((r) => mock.close(r));
});

const fast = { retryBaseMs: 1, retryMaxMs: 5 };

describe('HttpRetriever against Search-R1- and ASL-shaped servers (T7)', () => {
  it('reads scored dense hits and unscored id-less Pyserini docs', async () => {
    const dense = await new HttpRetriever({ endpoints: [`${mockUrl}/dense`], ...fast }).search(['Paris', 'Oslo']);
    expect(dense.map((l) => l.map((h) => h.document.id))).toEqual([['0', '3'], ['2']]);
    expect(dense[0]![1]!.score).toBeCloseTo(0.9, 12);
    const bm25 = await new HttpRetriever({ endpoints: [`${mockUrl}/pyserini`], ...fast }).search(['Rome']);
    expect(bm25[0]![0]!.document).toMatchObject({ id: 'q0-0', title: 'Rome', contents: CORPUS[1]!.contents });
  });
  it('accepts ASL {error:false}, tolerates a missing error field, maps error:true to the placeholder', async () => {
    expect((await new HttpRetriever({ endpoints: [`${mockUrl}/asl`], ...fast }).search(['Paris']))[0]!.length).toBe(2);
    const failing = new HttpRetriever({ endpoints: [`${mockUrl}/asl-error`], retries: 1, ...fast });
    expect(await failing.search(['Paris', 'Rome'])).toEqual([
      [{ document: { id: '-1', contents: 'No relevant documents found' }, score: 0 }],
      [{ document: { id: '-1', contents: 'No relevant documents found' }, score: 0 }],
    ]);
    await expect(new HttpRetriever({ endpoints: [`${mockUrl}/asl-error`], retries: 0, onError: 'throw' }).search(['x'])).rejects.toThrow(/index not loaded/);
    expect(await new HttpRetriever({ endpoints: [`${mockUrl}/500`], retries: 0, onError: 'empty' }).search(['x'])).toEqual([[]]);
  });
  it('timeout → 3 retries with back-off → onError', async () => {
    hitsOn.delete('/slow');
    const r = new HttpRetriever({ endpoints: [`${mockUrl}/slow`], timeoutMs: 50, retries: 3, ...fast });
    const out = await r.search(['x']);
    expect(out[0]![0]!.document.id).toBe('-1');
    expect(r.attempts.get(`${mockUrl}/slow`)).toBe(4);
    await expect(new HttpRetriever({ endpoints: [`${mockUrl}/slow`], timeoutMs: 50, retries: 0, onError: 'throw' }).search(['x'])).rejects.toMatchObject({ code: 'TIMEOUT' });
  });
  it('rotates endpoints round-robin, and cancels with an AbortSignal', async () => {
    const r = new HttpRetriever({ endpoints: [`${mockUrl}/500`, `${mockUrl}/dense`], retries: 2, ...fast });
    expect((await r.search(['Paris']))[0]![0]!.document.id).toBe('0'); // first attempt fails on /500, retry goes to /dense
    expect([...r.attempts.values()]).toEqual([1, 1]);
    const ac = new AbortController();
    const slow = new HttpRetriever({ endpoints: [`${mockUrl}/slow`], timeoutMs: 5_000 }).search(['x'], { signal: ac.signal });
    setTimeout(() => ac.abort(), 20);
    await expect(slow).rejects.toMatchObject({ code: 'ABORTED' });
  });
  it('rejects bad options naming the field', () => {
    expect(() => new HttpRetriever({ endpoints: [] })).toThrow(/endpoints/);
    expect(() => new HttpRetriever({ endpoints: ['http://x/retrieve'], topk: 0 })).toThrow(/topk/);
  });
});

// What each Python client sends and reads (Search-R1 `_passages2string`, verl SearchTool, ASL retrieval.py).
async function post(url: string, body: unknown) {
  const res = await fetch(`${url}/retrieve`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, json: (await res.json()) as any };
}
const clients = {
  'search-r1': async (url: string) => {
    const { json } = await post(url, { queries: ['Paris'], topk: 3, return_scores: true });
    return json.result[0].map((d: any, i: number) => `Doc ${i + 1}(Title: ${d.document.contents.split('\n')[0]}) ${d.document.contents.split('\n').slice(1).join('\n')}`);
  },
  verl: async (url: string) => {
    const { json } = await post(url, { queries: ['Paris'], topk: 3, return_scores: true });
    return json.result[0].map((d: any) => d.document.contents.split('\n')[0].replace(/"/g, ''));
  },
  asl: async (url: string) => {
    const { json } = await post(url, { queries: ['Paris'], topk: 3, return_scores: true });
    if (json.error !== false) return ['No relevant documents found'];
    return json.result[0].map((d: any) => `${d.document.id}:${d.score > 0}`);
  },
};

describe('serveRetriever (T7, spec §6.2 contract)', () => {
  let server: RetrieverServer;
  beforeAll(async () => {
    const index = await Bm25Index.build(CORPUS);
    server = await serveRetriever(index, { port: 0 });
  });
  afterAll(() => server.close());

  it('serves Search-R1, verl and ASL clients the same way a Search-R1-shaped server does', async () => {
    expect(await clients['search-r1'](server.url)).toEqual(['Doc 1(Title: "Paris") Paris is the capital and largest city of France.', 'Doc 2(Title: "Seine") The Seine is a river that flows through Paris.']);
    expect(await clients.verl(server.url)).toEqual(['Paris', 'Seine']);
    expect(await clients.asl(server.url)).toEqual(['0:true', '3:true']);
    // the same client suite against the Search-R1-shaped (dense) and ASL-shaped mocks gives the same output
    expect(await clients['search-r1'](`${mockUrl}/dense`)).toEqual(await clients['search-r1'](server.url));
    expect(await clients.verl(`${mockUrl}/dense`)).toEqual(await clients.verl(server.url));
    expect(await clients.asl(`${mockUrl}/asl`)).toEqual(await clients.asl(server.url));
    // pitfall 8: ASL's client treats a plain Search-R1 server (no `error` field) as failing; ours always sends error:false
    expect(await clients.asl(`${mockUrl}/dense`)).toEqual(['No relevant documents found']);
  });
  it('our HttpRetriever consumes it (scored), docs carry id/title/text/contents and error:false', async () => {
    const hits = await new HttpRetriever({ endpoints: [`${server.url}/retrieve`] }).search(['capital of Norway', 'river']);
    expect(hits[0]![0]!.document).toEqual({ id: '2', title: 'Oslo', text: 'Oslo is the capital of Norway.', contents: CORPUS[2]!.contents });
    expect(hits[1]![0]!.document.id).toBe('3');
    const { json } = await post(server.url, { queries: ['Rome'] });
    expect(json.error).toBe(false);
    expect(json.result[0][0]).toEqual({ id: '1', title: 'Rome', text: 'Rome is the capital city of Italy.', contents: CORPUS[1]!.contents }); // unscored shape
    expect(renderHits(hits[0]!, 'asl')).toContain('id: 2');
  });
  it('topk: missing or 0 → default 3; honoured otherwise', async () => {
    expect((await post(server.url, { queries: ['capital'], topk: 0, return_scores: true })).json.result[0]).toHaveLength(3);
    expect((await post(server.url, { queries: ['capital'], topk: 1, return_scores: true })).json.result[0]).toHaveLength(1);
  });
  it('bad input → 400 {error: true, result} naming the field', async () => {
    const missing = await post(server.url, { topk: 3 });
    expect(missing.status).toBe(400);
    expect(missing.json).toEqual({ error: true, result: expect.stringMatching(/queries/) });
    const nonString = await post(server.url, { queries: ['a', 3] });
    expect(nonString.status).toBe(400);
    expect(nonString.json.result).toMatch(/queries\.1/);
    const negative = await post(server.url, { queries: ['a'], topk: -1 });
    expect(negative.status).toBe(400);
    expect(negative.json.result).toMatch(/topk/);
    const res = await fetch(`${server.url}/retrieve`, { method: 'POST', body: '{not json' });
    expect(res.status).toBe(400);
  });
  it('GET /health', async () => {
    const res = await fetch(`${server.url}/health`);
    expect(await res.json()).toEqual({ ok: true, docs: 4, retriever: 'bm25' });
  });
});
