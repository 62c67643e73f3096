import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as z from 'zod';
import { parseOptions } from '@reasonkit/core';
import { RetrieveRequestSchema } from '../retrieval/retrieve-wire.js';
import { fullDoc, type Retriever } from '../retrieval/types.js';

/** Options of `serveRetriever` (zod). */
export const ServeRetrieverOptionsSchema = z.object({
  /** Default 127.0.0.1 (spec §6.2: loopback unless asked). */
  host: z.string().default('127.0.0.1'),
  /** Default 8000 (Search-R1's port); 0 picks a free port. */
  port: z.number().int().min(0).max(65535).default(8000),
  /** `topk` when a request omits it or sends 0. Default 3 (all Search-R1/ASL scripts). */
  defaultTopk: z.number().int().min(1).default(3),
  /** Largest accepted `topk`. Default 100 (ours). */
  maxTopk: z.number().int().min(1).default(100),
  /** Largest request body. Default 8 MiB (ours). */
  maxBodyBytes: z.number().int().min(1).default(8 << 20),
  /** Name reported by `/health`. Default `bm25`. */
  name: z.string().default('bm25'),
  /** Document count reported by `/health`. */
  docs: z.number().int().min(0).optional(),
});
/** Input type of `ServeRetrieverOptionsSchema`. */
export type ServeRetrieverOptions = z.input<typeof ServeRetrieverOptionsSchema>;

/** A running retrieval server. */
export interface RetrieverServer {
  /** Base URL, e.g. `http://127.0.0.1:8000`; POST `${url}/retrieve`. */
  url: string;
  /** Stops the server and closes open connections. */
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function readBody(req: IncomingMessage, max: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > max) {
        reject(new Error(`request body larger than ${max} bytes`));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * Serves a retriever on the Search-R1 `/retrieve` API (spec §6.2 compatibility contract): accepts
 * Search-R1's, verl's and ASL's clients; docs always carry `id`, `title`, `text`, `contents`;
 * success always includes `error: false`; bad input → HTTP 400 `{error: true, result: message}`;
 * `GET /health` → `{ok: true, docs, retriever}`.
 */
export async function serveRetriever(retriever: Retriever & { size?: number }, options: ServeRetrieverOptions = {}): Promise<RetrieverServer> {
  const o = parseOptions(ServeRetrieverOptionsSchema, options, 'serveRetriever options');
  const server = createServer(async (req, res) => {
    try {
      const path = (req.url ?? '/').split('?')[0];
      if (req.method === 'GET' && path === '/health') return send(res, 200, { ok: true, docs: o.docs ?? retriever.size ?? null, retriever: o.name });
      if (path !== '/retrieve') return send(res, 404, { error: true, result: `unknown path ${path}; use POST /retrieve or GET /health` });
      if (req.method !== 'POST') return send(res, 405, { error: true, result: '/retrieve needs POST' });
      let json: unknown;
      try {
        json = JSON.parse(await readBody(req, o.maxBodyBytes));
      } catch (error) {
        return send(res, 400, { error: true, result: `bad request body: ${(error as Error).message}` });
      }
      const parsed = RetrieveRequestSchema.safeParse(json);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        const field = issue.path.length ? issue.path.join('.') : 'body';
        const message = issue.code === 'invalid_type' && issue.path.length === 1 && issue.path[0] === 'queries' && (json as Record<string, unknown>)?.queries === undefined ? 'missing required field "queries"' : issue.message;
        return send(res, 400, { error: true, result: `${field}: ${message}` });
      }
      const topk = parsed.data.topk ? parsed.data.topk : o.defaultTopk;
      if (topk > o.maxTopk) return send(res, 400, { error: true, result: `topk: at most ${o.maxTopk}, got ${topk}` });
      const hits = await retriever.search(parsed.data.queries, { topk });
      const result = hits.map((list) => list.map((h) => (parsed.data.return_scores ? { document: fullDoc(h.document), score: h.score } : fullDoc(h.document))));
      send(res, 200, { result, error: false });
    } catch (error) {
      send(res, 500, { error: true, result: `retrieval failed: ${(error as Error).message}` });
    }
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = o.host.includes(':') ? `[${o.host}]` : o.host;
  return {
    url: `http://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}
