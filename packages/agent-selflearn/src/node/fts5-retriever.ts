import { randomBytes } from 'node:crypto';
import { existsSync, renameSync, rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import * as z from 'zod';
import { parseOptions, throwIfAborted } from '@reasonkit/core';
import { AslError } from '../errors/asl-error.js';
import { ENGLISH_STOP_WORDS } from '../retrieval/analyzer.js';
import type { Doc, Hit, Retriever, SearchOptions } from '../retrieval/types.js';

/** Format tag and version stored in the file's `meta` table; `open` refuses anything else. */
const FORMAT = 'reasonkit-agent-selflearn-fts5';
const VERSION = 1;

/** Options of `Fts5Retriever.build` / `Fts5Retriever.open`. */
export const Fts5OptionsSchema = z.object({
  /** Hits per query when a search does not say. Default 3 (every Search-R1 / ASL script). */
  topk: z.number().int().min(1).default(3),
  /**
   * FTS5 tokenizer of the index (build only; `open` reads it from the file). Default
   * `porter unicode61` (ours: FTS5's built-in Porter stemmer over Unicode word splitting, the
   * nearest built-in to the in-memory index's analyzer).
   */
  tokenize: z.string().regex(/^[a-z0-9_ '"]+$/i).default('porter unicode61'),
  /** Drop Lucene's 33 English stop words from queries (the index keeps them). Default true (ours: same stop list as `Bm25Index`). */
  stopWords: z.boolean().default(true),
  /** Documents per insert transaction while building. Default 10,000 (ours). */
  batchSize: z.number().int().min(1).default(10_000),
});
/** Input type of `Fts5OptionsSchema`. */
export type Fts5Options = z.input<typeof Fts5OptionsSchema>;

const SCHEMA = (tokenize: string) => `
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE docs(rowid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, contents TEXT NOT NULL, title TEXT, text TEXT);
CREATE VIRTUAL TABLE fts USING fts5(contents, content='docs', content_rowid='rowid', tokenize='${tokenize.replace(/'/g, "''")}');
`;

const WORD = /[\p{L}\p{N}]+/gu;
/** Extra candidates fetched past topk so ties at the cut can be ordered by id (ours). */
const TIE_MARGIN = 16;

type DocRow = { id: string; contents: string; title: string | null; text: string | null; s: number };

/**
 * A `Retriever` on SQLite FTS5 for corpora too large for memory (spec §6.3): documents and an
 * external-content FTS5 index live in one file; queries are ranked by FTS5's `bm25()` (fixed
 * k1 = 1.2, b = 0.75, idf = ln((N − df + 0.5)/(df + 0.5)) floored at 1e-6, so rankings differ from
 * `Bm25Index` and Pyserini). A query is its words OR-ed (each quoted, so FTS5 syntax in user text
 * is inert); the score is −bm25 (higher is better); ties break by document id (ascending), as in
 * `Bm25Index`. The file is the saved form: `build` writes it atomically (temporary file + rename),
 * `open` loads it read-only, `save` copies it elsewhere (SQLite online backup).
 */
export class Fts5Retriever implements Retriever {
  /** Default hits per query. */
  readonly defaultTopk: number;
  /** Number of documents in the index. */
  readonly size: number;
  /** The FTS5 tokenizer the file was built with. */
  readonly tokenize: string;
  private readonly db: Database.Database;
  private readonly stopWords: boolean;
  private readonly stmt: Database.Statement<[string, number], DocRow>;
  private readonly fast: Database.Statement<[string, number], DocRow>;

  private constructor(db: Database.Database, options: z.output<typeof Fts5OptionsSchema>, file: string) {
    this.db = db;
    this.defaultTopk = options.topk;
    this.stopWords = options.stopWords;
    const meta = new Map<string, string>();
    try {
      for (const r of db.prepare('SELECT key, value FROM meta').all() as { key: string; value: string }[]) meta.set(r.key, r.value);
    } catch (error) {
      db.close();
      throw new AslError('config', `${file}: not an FTS5 index written by Fts5Retriever (${(error as Error).message})`, { file, field: 'meta' }, { cause: error });
    }
    if (meta.get('format') !== FORMAT || meta.get('version') !== String(VERSION)) {
      db.close();
      throw new AslError('config', `${file}: unsupported FTS5 index format ${meta.get('format')} v${meta.get('version')} (expected ${FORMAT} v${VERSION})`, { file, field: 'meta.version' });
    }
    this.size = Number(meta.get('docs'));
    this.tokenize = meta.get('tokenize') ?? '';
    this.stmt = db.prepare(
      'SELECT d.id AS id, d.contents AS contents, d.title AS title, d.text AS text, -bm25(fts) AS s FROM fts JOIN docs d ON d.rowid = fts.rowid WHERE fts MATCH ? ORDER BY s DESC, d.id ASC LIMIT ?',
    );
    // Rank inside FTS5 first, join the few winners to their documents after (3× faster than ranking the join).
    this.fast = db.prepare(
      'SELECT d.id AS id, d.contents AS contents, d.title AS title, d.text AS text, -t.r AS s FROM (SELECT rowid AS rid, bm25(fts) AS r FROM fts WHERE fts MATCH ? ORDER BY r LIMIT ?) t JOIN docs d ON d.rowid = t.rid ORDER BY s DESC, d.id ASC',
    );
  }

  /**
   * Builds an index file at `path` from `{id, contents[, title, text]}` documents (any iterable,
   * sync or async), atomically: a crash leaves no half-written file at `path`. Duplicate ids throw
   * naming the record. `path` may be `:memory:` (tests, small corpora).
   */
  static async build(docs: Iterable<Doc> | AsyncIterable<Doc>, path: string, options: Fts5Options & { signal?: AbortSignal } = {}): Promise<Fts5Retriever> {
    const { signal, ...rest } = options;
    const o = parseOptions(Fts5OptionsSchema, rest, 'Fts5Options');
    const memory = path === ':memory:';
    const tmp = memory ? path : `${path}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
    const db = new Database(tmp);
    let ok = false;
    try {
      db.pragma('journal_mode = OFF');
      db.pragma('synchronous = OFF');
      db.exec(SCHEMA(o.tokenize));
      const insert = db.prepare('INSERT INTO docs(id, contents, title, text) VALUES (?, ?, ?, ?)');
      const flush = db.transaction((batch: Doc[], start: number) => {
        batch.forEach((d, i) => {
          try {
            insert.run(d.id, d.contents, d.title ?? null, d.text ?? null);
          } catch (error) {
            const dup = /UNIQUE/.test((error as Error).message);
            throw new AslError('config', `Fts5Retriever.build: document ${start + i}: ${dup ? `duplicate id "${d.id}"` : (error as Error).message}`, { record: start + i, field: dup ? 'id' : 'contents' }, { cause: error });
          }
        });
      });
      let batch: Doc[] = [];
      let n = 0;
      for await (const d of docs as AsyncIterable<Doc>) {
        if (typeof d?.id !== 'string' || typeof d.contents !== 'string') {
          throw new AslError('config', `Fts5Retriever.build: document ${n + batch.length}: needs string id and contents`, { record: n + batch.length, field: typeof d?.id !== 'string' ? 'id' : 'contents' });
        }
        batch.push(d);
        if (batch.length >= o.batchSize) {
          throwIfAborted(signal, 'fts5 build');
          flush(batch, n);
          n += batch.length;
          batch = [];
        }
      }
      flush(batch, n);
      n += batch.length;
      throwIfAborted(signal, 'fts5 build');
      db.exec("INSERT INTO fts(fts) VALUES('rebuild'); INSERT INTO fts(fts) VALUES('optimize');");
      const meta = db.prepare('INSERT INTO meta(key, value) VALUES (?, ?)');
      db.transaction(() => {
        meta.run('format', FORMAT);
        meta.run('version', String(VERSION));
        meta.run('docs', String(n));
        meta.run('tokenize', o.tokenize);
      })();
      ok = true;
    } finally {
      if (!ok) {
        db.close();
        if (!memory) rmSync(tmp, { force: true });
      }
    }
    if (memory) return new Fts5Retriever(db, o, path);
    db.close();
    renameSync(tmp, path);
    return Fts5Retriever.open(path, o);
  }

  /** Opens an index file written by `build` or `save` (read-only). Throws naming the file if it is missing or not ours. */
  static open(path: string, options: Fts5Options = {}): Fts5Retriever {
    const o = parseOptions(Fts5OptionsSchema, options, 'Fts5Options');
    if (!existsSync(path)) throw new AslError('config', `${path}: FTS5 index not found`, { file: path }, { code: 'FILE_NOT_FOUND' });
    let db: Database.Database;
    try {
      db = new Database(path, { readonly: true, fileMustExist: true });
    } catch (error) {
      throw new AslError('config', `${path}: cannot open FTS5 index: ${(error as Error).message}`, { file: path }, { cause: error });
    }
    return new Fts5Retriever(db, o, path);
  }

  /** Copies the index to `path` (SQLite online backup; works from `:memory:` too). */
  async save(path: string): Promise<void> {
    const tmp = `${path}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
    try {
      await this.db.backup(tmp);
      renameSync(tmp, path);
    } catch (error) {
      rmSync(tmp, { force: true });
      throw new AslError('config', `${path}: cannot save FTS5 index: ${(error as Error).message}`, { file: path }, { cause: error });
    }
  }

  /** The FTS5 MATCH expression for a query: its words, quoted, OR-ed; undefined when nothing is left. */
  matchExpression(query: string): string | undefined {
    const words = new Set<string>();
    for (const w of query.toLowerCase().match(WORD) ?? []) if (!(this.stopWords && ENGLISH_STOP_WORDS.has(w))) words.add(w);
    return words.size === 0 ? undefined : [...words].map((w) => `"${w}"`).join(' OR ');
  }

  /** Top-`topk` hits for one query (documents sharing no word with it are not returned). */
  query(query: string, topk = this.defaultTopk): Hit[] {
    if (!Number.isInteger(topk) || topk < 1) throw new AslError('config', `Fts5Retriever: topk must be an integer >= 1, got ${topk}`, { field: 'topk', actual: topk });
    const match = this.matchExpression(query);
    if (match === undefined) return [];
    // Fetch the best topk + TIE_MARGIN by score alone, then order by (score, id). Exact unless the
    // k-th score equals the last fetched one (a tie may continue past the cut): then rank everything.
    const limit = topk + TIE_MARGIN;
    let rows = this.fast.all(match, limit);
    if (rows.length === limit && rows[topk - 1]!.s <= Math.min(...rows.map((r) => r.s))) rows = this.stmt.all(match, topk);
    return rows.slice(0, topk).map((r) => ({
      document: { id: r.id, contents: r.contents, ...(r.title !== null ? { title: r.title } : {}), ...(r.text !== null ? { text: r.text } : {}) },
      score: r.s,
    }));
  }

  /** One ranked hit list per query, in query order (the `Retriever` interface). */
  async search(queries: readonly string[], options: SearchOptions = {}): Promise<Hit[][]> {
    const topk = options.topk ?? this.defaultTopk;
    const out: Hit[][] = [];
    for (const q of queries) {
      throwIfAborted(options.signal, 'fts5 search');
      out.push(this.query(q, topk));
    }
    return out;
  }

  /** Closes the database handle. */
  close(): void {
    this.db.close();
  }
}
