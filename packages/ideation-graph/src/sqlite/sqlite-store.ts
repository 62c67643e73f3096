import { createRequire } from 'node:module';
import * as z from 'zod';
import { parseOptions } from '@reasonkit/core';
import type BetterSqlite3 from 'better-sqlite3';
import { normalizeName } from '../graph/normalize.js';
import {
  EDGE_KINDS,
  NODE_KINDS,
  SCHEMA_VERSION,
  SearchQuerySchema,
  UpsertNodeSchema,
  type EdgeKind,
  type GraphStore,
  type MotivNode,
  type MotivTriple,
  type Neighbor,
  type NeighborOptions,
  type NodeKind,
  type SearchQuery,
  type SourceRef,
  type StoreMeta,
  type UpsertNode,
} from '../graph/types.js';
import { IdeationGraphError } from '../errors/ideation-graph-error.js';
import { decodeVector, encodeVector } from '../embedding/vector-codec.js';
import { VectorIndex } from '../store/vector-index.js';
import { checkEmbeddingLock, checkVectorDim, lexicalTokens, reciprocalRankFusion, seededSample, sortNeighbors } from '../store/store-helpers.js';
import { checkBetterSqlite3 } from './version-guard.js';

/** Options of `openSqliteStore`: path, vector codec and read-only (spec §9.3). */
export const SqliteStoreOptionsSchema = z.object({
  /** Database file, or `:memory:`. */
  path: z.string().min(1),
  /** Vector encoding for new stores: `f32` (default) or `int8` (≈ 4× smaller). Existing stores keep theirs. */
  vectorCodec: z.enum(['f32', 'int8']).default('f32'),
  readonly: z.boolean().default(false),
});
/** Input form of {@link SqliteStoreOptionsSchema}. */
export type SqliteStoreOptions = z.input<typeof SqliteStoreOptionsSchema>;

const DDL = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS node (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('problem','challenge','solution')),
  name TEXT NOT NULL, norm_key TEXT NOT NULL, description TEXT NOT NULL,
  is_parent INTEGER NOT NULL DEFAULT 0, level INTEGER NOT NULL DEFAULT 0,
  UNIQUE (kind, norm_key));
CREATE TABLE IF NOT EXISTS node_vec (node_id INTEGER PRIMARY KEY REFERENCES node(id), vec BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS edge (src INTEGER NOT NULL REFERENCES node(id), dst INTEGER NOT NULL REFERENCES node(id), kind TEXT NOT NULL,
  PRIMARY KEY (src, dst, kind)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS edge_dst ON edge (dst, kind);
CREATE TABLE IF NOT EXISTS source (paper_id TEXT PRIMARY KEY, title TEXT, venue TEXT, year INTEGER, url TEXT);
CREATE TABLE IF NOT EXISTS node_source (node_id INTEGER NOT NULL REFERENCES node(id), paper_id TEXT NOT NULL REFERENCES source(paper_id),
  PRIMARY KEY (node_id, paper_id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS edge_source (src INTEGER NOT NULL, dst INTEGER NOT NULL, kind TEXT NOT NULL, paper_id TEXT NOT NULL,
  PRIMARY KEY (src, dst, kind, paper_id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS triple (id INTEGER PRIMARY KEY, problem_id INTEGER NOT NULL REFERENCES node(id),
  challenge_id INTEGER NOT NULL REFERENCES node(id), solution_id INTEGER NOT NULL REFERENCES node(id),
  paper_id TEXT NOT NULL REFERENCES source(paper_id), UNIQUE (problem_id, challenge_id, solution_id, paper_id));
CREATE INDEX IF NOT EXISTS triple_c ON triple (challenge_id);
CREATE INDEX IF NOT EXISTS triple_s ON triple (solution_id);
CREATE VIRTUAL TABLE IF NOT EXISTS node_fts USING fts5(name, description, content='node', content_rowid='id');
CREATE TRIGGER IF NOT EXISTS node_ai AFTER INSERT ON node BEGIN
  INSERT INTO node_fts(rowid, name, description) VALUES (new.id, new.name, new.description); END;
CREATE TRIGGER IF NOT EXISTS node_ad AFTER DELETE ON node BEGIN
  INSERT INTO node_fts(node_fts, rowid, name, description) VALUES ('delete', old.id, old.name, old.description); END;
CREATE TRIGGER IF NOT EXISTS node_au AFTER UPDATE OF name, description ON node BEGIN
  INSERT INTO node_fts(node_fts, rowid, name, description) VALUES ('delete', old.id, old.name, old.description);
  INSERT INTO node_fts(rowid, name, description) VALUES (new.id, new.name, new.description); END;
-- Vector snapshot (added without a schema-version bump; older readers ignore it): the rows of node_vec in
-- id order, packed a chunk at a time so a cold open reads a few large blobs instead of one row per node.
-- ids: float64 LE per vector; meta: kind code | leaf << 2 per vector; vecs: the encoded vectors back to back.
-- Any write to node_vec or to a node's kind / is_parent drops it (triggers, so every writer keeps it honest).
CREATE TABLE IF NOT EXISTS vec_chunk (chunk INTEGER PRIMARY KEY, ids BLOB NOT NULL, meta BLOB NOT NULL, vecs BLOB NOT NULL);
CREATE TRIGGER IF NOT EXISTS vec_chunk_vi AFTER INSERT ON node_vec BEGIN DELETE FROM vec_chunk; END;
CREATE TRIGGER IF NOT EXISTS vec_chunk_vu AFTER UPDATE ON node_vec BEGIN DELETE FROM vec_chunk; END;
CREATE TRIGGER IF NOT EXISTS vec_chunk_vd AFTER DELETE ON node_vec BEGIN DELETE FROM vec_chunk; END;
CREATE TRIGGER IF NOT EXISTS vec_chunk_nu AFTER UPDATE OF kind, is_parent ON node BEGIN DELETE FROM vec_chunk; END;
`;

/** Vectors per `vec_chunk` row (our choice: 1,024 × 384-d float32 = 1.5 MB blobs: large reads, little transient memory). */
const SNAPSHOT_CHUNK = 1024;
const BAD_ROW = Symbol('bad vector row');
const KIND_CODES: Record<NodeKind, number> = { problem: 0, challenge: 1, solution: 2 };

interface NodeRow {
  id: number;
  kind: NodeKind;
  name: string;
  norm_key: string;
  description: string;
  is_parent: number;
  level: number;
}

function loadBinding(): typeof BetterSqlite3 {
  const require = createRequire(import.meta.url);
  let version: string;
  try {
    version = (require('better-sqlite3/package.json') as { version: string }).version;
  } catch (cause) {
    throw new IdeationGraphError('NATIVE_MODULE_UNSUPPORTED', 'better-sqlite3 is not installed: npm install better-sqlite3@12.11.1', { field: 'better-sqlite3' }, { cause });
  }
  checkBetterSqlite3(version);
  return require('better-sqlite3') as typeof BetterSqlite3;
}

/** Opens (creating if needed) a SQLite graph store. Checks the binding version before loading it. */
export async function openSqliteStore(options: SqliteStoreOptions): Promise<SqliteGraphStore> {
  const o = parseOptions(SqliteStoreOptionsSchema, options, 'openSqliteStore options');
  const Database = loadBinding();
  const db = new Database(o.path, { readonly: o.readonly });
  return new SqliteGraphStore(db, o.path, o.vectorCodec);
}

/** The embedded store (spec §9.3): better-sqlite3 12.11.1, FTS5 lexical search, exact in-process vector scan. */
export class SqliteGraphStore implements GraphStore {
  private vectors: VectorIndex | undefined;
  private vectorsLoaded = false;
  /** Vectors were written in this session, so `close()` refreshes the snapshot. */
  private vectorsDirty = false;
  private embedModel: string | undefined;
  private dim: number | undefined;
  private codec: 'f32' | 'int8';
  private stmts: Record<string, BetterSqlite3.Statement>;
  private hasSnapshotTable: boolean;

  constructor(
    private db: BetterSqlite3.Database,
    private file: string,
    codec: 'f32' | 'int8',
  ) {
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = NORMAL');
    // Our choice: a 64 MB page cache (default 2 MB) so large ingest transactions do not spill dirty pages
    // mid-transaction, and memory-mapped reads for the cold vector load.
    db.pragma('cache_size = -65536');
    if (file !== ':memory:') db.pragma('mmap_size = 1073741824');
    if (!db.readonly) db.exec(DDL);
    this.hasSnapshotTable = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'vec_chunk'").pluck().get() !== undefined;
    const meta = Object.fromEntries((db.prepare('SELECT key, value FROM meta').all() as { key: string; value: string }[]).map((r) => [r.key, r.value]));
    const version = Number(meta.schema_version ?? SCHEMA_VERSION);
    if (version > SCHEMA_VERSION) throw new IdeationGraphError('STORE_SCHEMA_VERSION', `${file} has schema version ${version}; this package reads up to ${SCHEMA_VERSION}`, { file, field: 'schema_version' });
    if (meta.schema_version === undefined) db.prepare('INSERT OR REPLACE INTO meta VALUES (?, ?)').run('schema_version', String(SCHEMA_VERSION));
    this.codec = (meta.vector_codec as 'f32' | 'int8' | undefined) ?? codec;
    if (meta.vector_codec === undefined) db.prepare('INSERT OR REPLACE INTO meta VALUES (?, ?)').run('vector_codec', this.codec);
    this.embedModel = meta.embed_model;
    this.dim = meta.dim !== undefined ? Number(meta.dim) : undefined;
    this.stmts = {
      byKey: db.prepare('SELECT * FROM node WHERE kind = ? AND norm_key = ?'),
      byId: db.prepare('SELECT * FROM node WHERE id = ?'),
      // One statement probing the (kind, norm_key) index once per kind, in NODE_KINDS order.
      byKeyAny: db.prepare("SELECT * FROM node WHERE kind IN ('problem', 'challenge', 'solution') AND norm_key = ? ORDER BY CASE kind WHEN 'problem' THEN 0 WHEN 'challenge' THEN 1 ELSE 2 END"),
      insertNode: db.prepare('INSERT INTO node (kind, name, norm_key, description, is_parent, level) VALUES (?, ?, ?, ?, ?, ?)'),
      setParent: db.prepare('UPDATE node SET is_parent = 1 WHERE id = ?'),
      insertSource: db.prepare('INSERT INTO source (paper_id, title, venue, year, url) VALUES (?, ?, ?, ?, ?) ON CONFLICT(paper_id) DO NOTHING'),
      nodeSource: db.prepare('INSERT OR IGNORE INTO node_source VALUES (?, ?)'),
      sourcesOf: db.prepare('SELECT s.* FROM node_source ns JOIN source s ON s.paper_id = ns.paper_id WHERE ns.node_id = ? ORDER BY s.rowid'),
      getVec: db.prepare('SELECT vec FROM node_vec WHERE node_id = ?'),
      putVec: db.prepare('INSERT OR REPLACE INTO node_vec VALUES (?, ?)'),
      insertEdge: db.prepare('INSERT OR IGNORE INTO edge VALUES (?, ?, ?)'),
      edgeSource: db.prepare('INSERT OR IGNORE INTO edge_source VALUES (?, ?, ?, ?)'),
      out: db.prepare('SELECT n.*, e.kind AS edge_kind FROM edge e JOIN node n ON n.id = e.dst WHERE e.src = ?'),
      in: db.prepare('SELECT n.*, e.kind AS edge_kind FROM edge e JOIN node n ON n.id = e.src WHERE e.dst = ?'),
      insertTriple: db.prepare('INSERT OR IGNORE INTO triple (problem_id, challenge_id, solution_id, paper_id) VALUES (?, ?, ?, ?)'),
      findTriple: db.prepare('SELECT * FROM triple WHERE problem_id = ? AND challenge_id = ? AND solution_id = ? AND paper_id = ?'),
      triplesOf: db.prepare('SELECT * FROM triple WHERE problem_id = ? OR challenge_id = ? OR solution_id = ? ORDER BY id'),
      setMeta: db.prepare('INSERT OR REPLACE INTO meta VALUES (?, ?)'),
      source: db.prepare('SELECT * FROM source WHERE paper_id = ?'),
    };
  }

  async meta(): Promise<StoreMeta> {
    return { embedModel: this.embedModel, dim: this.dim, schemaVersion: SCHEMA_VERSION };
  }

  async lockEmbedding(modelId: string, dim: number): Promise<void> {
    checkEmbeddingLock({ embedModel: this.embedModel, dim: this.dim }, modelId, dim, this.file);
    if (this.embedModel === undefined) {
      this.stmts.setMeta?.run('embed_model', modelId);
      this.stmts.setMeta?.run('dim', String(dim));
      this.embedModel = modelId;
      this.dim = dim;
    }
  }

  private toNode(r: NodeRow): MotivNode {
    const sources = (this.stmts.sourcesOf?.all(r.id) as { paper_id: string; title: string | null; venue: string | null; year: number | null; url: string | null }[]).map((s) => {
      const ref: SourceRef = { paperId: s.paper_id };
      if (s.title !== null) ref.title = s.title;
      if (s.venue !== null) ref.venue = s.venue;
      if (s.year !== null) ref.year = s.year;
      if (s.url !== null) ref.url = s.url;
      return ref;
    });
    return { id: String(r.id), kind: r.kind, name: r.name, normKey: r.norm_key, description: r.description, isParent: r.is_parent === 1, level: r.level, sources };
  }

  private addSource(s: SourceRef): void {
    this.stmts.insertSource?.run(s.paperId, s.title ?? null, s.venue ?? null, s.year ?? null, s.url ?? null);
  }

  async upsertNode(d: UpsertNode): Promise<{ node: MotivNode; merged: boolean }> {
    const v = parseOptions(UpsertNodeSchema, d, 'upsertNode');
    if (v.embedding) checkVectorDim(this.dim, v.embedding, this.file, `${v.kind}:${v.name}`);
    const normKey = normalizeName(v.name);
    const run = this.db.transaction(() => {
      let row = this.stmts.byKey?.get(v.kind, normKey) as NodeRow | undefined;
      const merged = row !== undefined;
      if (!row) {
        const info = this.stmts.insertNode?.run(v.kind, v.name, normKey, v.description, v.isParent ? 1 : 0, v.level ?? 0);
        row = { id: Number(info?.lastInsertRowid), kind: v.kind, name: v.name, norm_key: normKey, description: v.description, is_parent: v.isParent ? 1 : 0, level: v.level ?? 0 };
      } else if (v.isParent && row.is_parent === 0) {
        this.stmts.setParent?.run(row.id);
        row.is_parent = 1;
        this.vectors?.setLeaf(row.id, false);
      }
      if (v.source) {
        this.addSource(v.source);
        this.stmts.nodeSource?.run(row.id, v.source.paperId);
      }
      if (v.embedding && (!merged || !this.stmts.getVec?.get(row.id))) {
        if (this.dim === undefined) {
          this.dim = v.embedding.length;
          this.stmts.setMeta?.run('dim', String(this.dim));
        }
        this.stmts.putVec?.run(row.id, encodeVector(v.embedding, this.codec));
        this.vectorsDirty = true;
        if (this.vectorsLoaded) (this.vectors ??= new VectorIndex(v.embedding.length)).set(row.id, row.kind, row.is_parent === 0, decodeVector(encodeVector(v.embedding, this.codec), this.codec, v.embedding.length));
      }
      return { row, merged };
    });
    const { row, merged } = run();
    return { node: this.toNode(row), merged };
  }

  private need(id: string): NodeRow {
    const r = this.stmts.byId?.get(Number(id)) as NodeRow | undefined;
    if (!r) throw new IdeationGraphError('NODE_NOT_FOUND', `${this.file}: no node with id ${id}`, { file: this.file, record: id });
    return r;
  }

  async addEdge(src: string, dst: string, kind: EdgeKind, source?: SourceRef): Promise<void> {
    this.need(src);
    this.need(dst);
    this.stmts.insertEdge?.run(Number(src), Number(dst), kind);
    if (source) {
      this.addSource(source);
      this.stmts.edgeSource?.run(Number(src), Number(dst), kind, source.paperId);
    }
  }

  private toTriple(r: { id: number; problem_id: number; challenge_id: number; solution_id: number; paper_id: string }): MotivTriple {
    const s = this.stmts.source?.get(r.paper_id) as { paper_id: string; title: string | null; venue: string | null; year: number | null; url: string | null };
    const source: SourceRef = { paperId: s.paper_id };
    if (s.title !== null) source.title = s.title;
    if (s.venue !== null) source.venue = s.venue;
    if (s.year !== null) source.year = s.year;
    if (s.url !== null) source.url = s.url;
    return { id: String(r.id), problemId: String(r.problem_id), challengeId: String(r.challenge_id), solutionId: String(r.solution_id), source };
  }

  async addTriple(t: Omit<MotivTriple, 'id'>): Promise<MotivTriple> {
    this.need(t.problemId);
    this.need(t.challengeId);
    this.need(t.solutionId);
    this.addSource(t.source);
    const args = [Number(t.problemId), Number(t.challengeId), Number(t.solutionId), t.source.paperId];
    this.stmts.insertTriple?.run(...args);
    return this.toTriple(this.stmts.findTriple?.get(...args) as never);
  }

  async getNode(id: string): Promise<MotivNode | undefined> {
    const r = this.stmts.byId?.get(Number(id)) as NodeRow | undefined;
    return r && this.toNode(r);
  }

  async findByName(name: string, kind?: NodeKind): Promise<MotivNode[]> {
    const key = normalizeName(name);
    if (!kind) return (this.stmts.byKeyAny?.all(key) as NodeRow[]).map((r) => this.toNode(r));
    const r = this.stmts.byKey?.get(kind, key) as NodeRow | undefined;
    return r ? [this.toNode(r)] : [];
  }

  async neighbors(id: string, o: NeighborOptions = {}): Promise<Neighbor[]> {
    const list: Neighbor[] = [];
    for (const r of this.stmts.out?.all(Number(id)) as (NodeRow & { edge_kind: EdgeKind })[]) list.push({ node: this.toNode(r), edge: r.edge_kind, direction: 'out' });
    for (const r of this.stmts.in?.all(Number(id)) as (NodeRow & { edge_kind: EdgeKind })[]) list.push({ node: this.toNode(r), edge: r.edge_kind, direction: 'in' });
    return sortNeighbors(list, o);
  }

  async triplesOf(id: string): Promise<MotivTriple[]> {
    return (this.stmts.triplesOf?.all(Number(id), Number(id), Number(id)) as never[]).map((r) => this.toTriple(r));
  }

  private loadVectors(): VectorIndex | undefined {
    if (this.vectorsLoaded) return this.vectors;
    this.vectorsLoaded = true;
    if (this.loadSnapshot()) return this.vectors;
    const count = this.db.prepare('SELECT count(*) FROM node_vec').pluck().get() as number;
    if (count === 0) return this.vectors;
    const dim = this.dim as number;
    this.vectors ??= new VectorIndex(dim, count);
    const want = this.vectorBytes();
    for (const [id, vec, kind, p] of this.vectorRows()) {
      if (vec.byteLength !== want) decodeVector(vec, this.codec, dim, String(id)); // throws EMBEDDING_MISMATCH naming the record
      this.vectors.setEncoded(id, kind, p === 0, vec, this.codec);
    }
    if (!this.db.readonly && !this.db.inTransaction && this.file !== ':memory:') this.writeSnapshot();
    return this.vectors;
  }

  private vectorBytes(): number {
    const dim = this.dim as number;
    return this.codec === 'f32' ? dim * 4 : dim + 4;
  }

  private vectorRows(): IterableIterator<[number, Uint8Array, NodeKind, number]> {
    return this.db.prepare('SELECT v.node_id, v.vec, n.kind, n.is_parent FROM node_vec v JOIN node n ON n.id = v.node_id ORDER BY v.node_id').raw().iterate() as IterableIterator<[number, Uint8Array, NodeKind, number]>;
  }

  /** Bulk load from `vec_chunk` when a complete snapshot is there; false to fall back to the row scan. */
  private loadSnapshot(): boolean {
    if (!this.hasSnapshotTable || this.dim === undefined) return false;
    // Sizes first (cheap), then one pass over the blobs copying each into the preallocated index, so only
    // one chunk is held at a time (fresh memory is what a cold load pays for: page faults, not bytes).
    const sizes = this.db.prepare('SELECT length(ids), length(meta), length(vecs) FROM vec_chunk ORDER BY chunk').raw().all() as [number, number, number][];
    if (!sizes.length) return false;
    const want = this.vectorBytes();
    let total = 0;
    for (const [ids, rows, vecs] of sizes) {
      if (ids !== rows * 8 || vecs !== rows * want) {
        throw new IdeationGraphError('EMBEDDING_MISMATCH', `${this.file}: vec_chunk snapshot does not match dim ${this.dim} / codec ${this.codec}; run DELETE FROM vec_chunk to rebuild it from node_vec`, { file: this.file, record: 'vec_chunk', field: 'vecs' });
      }
      total += rows;
    }
    const index = new VectorIndex(this.dim, total);
    for (const [ids, meta, vecs] of this.db.prepare('SELECT ids, meta, vecs FROM vec_chunk ORDER BY chunk').raw().iterate() as IterableIterator<[Uint8Array, Uint8Array, Uint8Array]>) {
      index.appendEncoded(new Float64Array(ids.buffer.slice(ids.byteOffset, ids.byteOffset + ids.byteLength)), meta, vecs, this.codec);
    }
    this.vectors = index;
    return true;
  }

  /** Rewrites `vec_chunk` from node_vec in one transaction (skipped silently when the database is busy). */
  private writeSnapshot(): void {
    if (!this.hasSnapshotTable || this.dim === undefined) return;
    const want = this.vectorBytes();
    const insert = this.db.prepare('INSERT INTO vec_chunk (chunk, ids, meta, vecs) VALUES (?, ?, ?, ?)');
    const write = this.db.transaction(() => {
      this.db.exec('DELETE FROM vec_chunk');
      let chunk = 0;
      const ids = new Float64Array(SNAPSHOT_CHUNK);
      const meta = new Uint8Array(SNAPSHOT_CHUNK);
      const vecs = new Uint8Array(SNAPSHOT_CHUNK * want);
      // Page through node_vec (better-sqlite3 allows no writes while a statement is iterating).
      const page = this.db.prepare('SELECT v.node_id, v.vec, n.kind, n.is_parent FROM node_vec v JOIN node n ON n.id = v.node_id WHERE v.node_id > ? ORDER BY v.node_id LIMIT ?').raw();
      let after = -Infinity;
      for (;;) {
        const rows = page.all(after, SNAPSHOT_CHUNK) as [number, Uint8Array, NodeKind, number][];
        if (!rows.length) break;
        let n = 0;
        for (const [id, vec, kind, p] of rows) {
          if (vec.byteLength !== want) throw BAD_ROW; // roll back: no snapshot, the row scan reports the record
          ids[n] = id;
          meta[n] = KIND_CODES[kind] | (p === 0 ? 4 : 0);
          vecs.set(vec, n * want);
          n++;
          after = id;
        }
        insert.run(chunk++, Buffer.from(ids.buffer, 0, n * 8), Buffer.from(meta.buffer, 0, n), Buffer.from(vecs.buffer, 0, n * want));
      }
    });
    // Another connection writing: skip at once (the snapshot is an optimisation) instead of waiting busy_timeout.
    const busy = this.db.pragma('busy_timeout', { simple: true }) as number;
    this.db.pragma('busy_timeout = 0');
    try {
      write();
    } catch (e) {
      if (e !== BAD_ROW && (e as { code?: string }).code !== 'SQLITE_BUSY') throw e;
    } finally {
      this.db.pragma(`busy_timeout = ${busy}`);
    }
  }

  /** Loads every stored vector into the in-process index now (otherwise on the first vector search). */
  async warm(): Promise<number> {
    return this.loadVectors()?.size ?? 0;
  }

  private lexical(text: string, k: number, kinds?: readonly NodeKind[], leavesOnly?: boolean): { id: number; score: number }[] {
    const tokens = lexicalTokens(text);
    if (!tokens.length) return [];
    const match = tokens.map((t) => `"${t}"`).join(' OR ');
    const filters: string[] = [];
    const params: unknown[] = [match];
    if (kinds?.length) filters.push(`n.kind IN (${kinds.map(() => '?').join(',')})`), params.push(...kinds);
    if (leavesOnly) filters.push('n.is_parent = 0');
    params.push(k);
    const sql = `SELECT n.id AS id, bm25(node_fts) AS rank FROM node_fts JOIN node n ON n.id = node_fts.rowid WHERE node_fts MATCH ? ${filters.map((f) => `AND ${f}`).join(' ')} ORDER BY rank, n.id LIMIT ?`;
    return (this.db.prepare(sql).all(...params) as { id: number; rank: number }[]).map((r) => ({ id: r.id, score: -r.rank }));
  }

  async search(query: SearchQuery): Promise<{ node: MotivNode; score: number }[]> {
    const q = parseOptions(SearchQuerySchema, query, 'search query');
    if (q.vector) checkVectorDim(this.dim, q.vector, this.file, 'query');
    const vec = () => (q.vector ? (this.loadVectors()?.topK(q.vector, q.mode === 'hybrid' ? q.k * 4 : q.k, { kinds: q.kinds, leavesOnly: q.leavesOnly }) ?? []) : []);
    let hits: { id: number; score: number }[];
    if (q.mode === 'vector') hits = vec();
    else if (q.mode === 'lexical') hits = this.lexical(q.text ?? '', q.k, q.kinds, q.leavesOnly);
    else hits = reciprocalRankFusion([vec(), this.lexical(q.text ?? '', q.k * 4, q.kinds, q.leavesOnly)], q.k);
    return hits.map((h) => ({ node: this.toNode(this.stmts.byId?.get(h.id) as NodeRow), score: h.score }));
  }

  async randomNodes(n: number, o: { seed: number; kinds?: NodeKind[]; excludeIds?: string[] }): Promise<MotivNode[]> {
    const ex = new Set((o.excludeIds ?? []).map(Number));
    const kinds = o.kinds?.length ? o.kinds : NODE_KINDS;
    const ids = (this.db.prepare(`SELECT id FROM node WHERE is_parent = 0 AND kind IN (${kinds.map(() => '?').join(',')}) ORDER BY id`).pluck().all(...kinds) as number[]).filter((id) => !ex.has(id));
    return seededSample(ids, n, o.seed).map((id) => this.toNode(this.stmts.byId?.get(id) as NodeRow));
  }

  async allNodes(kind?: NodeKind): Promise<MotivNode[]> {
    const rows = (kind ? this.db.prepare('SELECT * FROM node WHERE kind = ? ORDER BY id').all(kind) : this.db.prepare('SELECT * FROM node ORDER BY id').all()) as NodeRow[];
    return rows.map((r) => this.toNode(r));
  }

  async getVector(id: string): Promise<Float32Array | undefined> {
    const r = this.stmts.getVec?.get(Number(id)) as { vec: Uint8Array } | undefined;
    return r && decodeVector(r.vec, this.codec, this.dim as number, id);
  }

  async stats() {
    const nodes = Object.fromEntries(NODE_KINDS.map((k) => [k, 0])) as Record<NodeKind, number>;
    for (const r of this.db.prepare('SELECT kind, count(*) AS c FROM node GROUP BY kind').all() as { kind: NodeKind; c: number }[]) nodes[r.kind] = r.c;
    const edges = Object.fromEntries(EDGE_KINDS.map((k) => [k, 0])) as Record<EdgeKind, number>;
    for (const r of this.db.prepare('SELECT kind, count(*) AS c FROM edge GROUP BY kind').all() as { kind: EdgeKind; c: number }[]) edges[r.kind] = r.c;
    const parents = this.db.prepare('SELECT count(*) FROM node WHERE is_parent = 1').pluck().get() as number;
    const triples = this.db.prepare('SELECT count(*) FROM triple').pluck().get() as number;
    return { nodes, parents, edges, triples };
  }

  /** Runs `fn` in one SQLite transaction (BEGIN … COMMIT; ROLLBACK on error). */
  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    if (this.db.inTransaction) return fn();
    this.db.exec('BEGIN');
    try {
      const out = await fn();
      this.db.exec('COMMIT');
      return out;
    } catch (e) {
      this.db.exec('ROLLBACK');
      throw e;
    }
  }

  /** Closes the database; after vector writes in this session it first refreshes the `vec_chunk` snapshot. */
  async close(): Promise<void> {
    if (!this.db.open) return;
    if (this.vectorsDirty && !this.db.readonly && !this.db.inTransaction && this.file !== ':memory:') this.writeSnapshot();
    this.db.close();
  }
}
