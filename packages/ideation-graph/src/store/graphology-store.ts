import Graph from 'graphology';
import type { SerializedGraph } from 'graphology-types';
import { parseOptions } from '@reasonkit/core';
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
import { VectorIndex } from './vector-index.js';
import { bm25Rank, checkEmbeddingLock, checkVectorDim, reciprocalRankFusion, seededSample, sortNeighbors } from './store-helpers.js';

/** Node attributes held in the graphology graph: a `MotivNode` without its key. */
export type NodeAttrs = Omit<MotivNode, 'id'>;
/** Edge attributes in the graphology graph: the edge kind and the papers that stated it. */
export type EdgeAttrs = { kind: EdgeKind; sources: SourceRef[] };

/**
 * The JSON form of a {@link GraphologyGraphStore} (`toJSON()` / `fromJSON()`): graphology's own
 * serialisation, the triple table, the embedding lock and the vectors as base64 float32 rows.
 */
export interface GraphologyStoreJson {
  /** Format marker. */
  format: 'reasonkit-ideation-graph/graphology';
  /** The store schema version ({@link SCHEMA_VERSION}). */
  schemaVersion: number;
  /** The embedding lock (`lockEmbedding`). */
  meta: { embedModel?: string; dim?: number };
  /** The next node id to hand out. */
  nextId: number;
  /** graphology's `graph.export()`. */
  graph: SerializedGraph<NodeAttrs, EdgeAttrs>;
  /** Stated triples with their source paper. */
  triples: MotivTriple[];
  /** `[nodeId, base64 of the little-endian float32 vector]` rows. */
  vectors: [string, string][];
}

function toBase64(v: Float32Array): string {
  const bytes = new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

function fromBase64(s: string, record: string): Float32Array {
  const bin = atob(s);
  if (bin.length % 4) throw new IdeationGraphError('EMBEDDING_MISMATCH', `vector of node ${record} has ${bin.length} bytes, not a float32 row`, { record, field: 'vectors' });
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return new Float32Array(bytes.buffer);
}

/**
 * The graphology back end (spec §9.3): an in-memory, browser-safe store on a directed
 * [graphology](https://graphology.github.io) graph. Node keys are the store ids, attributes are the
 * `MotivNode` fields, edge keys are `${kind}:${src}->${dst}`; vectors live in one pooled `Float32Array`
 * (the shared exact scan) and lexical search is BM25. `toJSON()` / `fromJSON()` persist it.
 *
 * The graph is created with `multi: true` (our choice, the spec says non-multi): a pair of nodes with
 * two edge kinds then never throws; the edge key still makes each (src, dst, kind) unique.
 */
export class GraphologyGraphStore implements GraphStore {
  /** The underlying graphology graph (read it with graphology's API; write through the store). */
  readonly graph: Graph<NodeAttrs, EdgeAttrs>;
  private byKey = new Map<string, string>();
  private triples: MotivTriple[] = [];
  private tripleKeys = new Set<string>();
  private vectors: VectorIndex | undefined;
  private metaState: { embedModel?: string; dim?: number } = {};
  private nextId = 1;

  /** An empty store. */
  constructor() {
    this.graph = new Graph<NodeAttrs, EdgeAttrs>({ type: 'directed', multi: true, allowSelfLoops: false });
  }

  /** Rebuilds a store from {@link GraphologyGraphStore.toJSON} output; a newer schema throws `STORE_SCHEMA_VERSION`. */
  static fromJSON(json: GraphologyStoreJson): GraphologyGraphStore {
    if (json.format !== 'reasonkit-ideation-graph/graphology') {
      throw new IdeationGraphError('STORE_SCHEMA_VERSION', `not a graphology store dump (format ${String(json.format)})`, { field: 'format' });
    }
    if (json.schemaVersion > SCHEMA_VERSION) {
      throw new IdeationGraphError('STORE_SCHEMA_VERSION', `dump written by schema ${json.schemaVersion}, this version reads ≤ ${SCHEMA_VERSION}`, { field: 'schemaVersion', expected: SCHEMA_VERSION, actual: json.schemaVersion });
    }
    const s = new GraphologyGraphStore();
    s.graph.import(json.graph);
    s.metaState = { ...json.meta };
    s.nextId = json.nextId;
    s.graph.forEachNode((id, a) => s.byKey.set(`${a.kind}\u0000${a.normKey}`, id));
    for (const t of json.triples) s.pushTriple(t);
    for (const [id, b64] of json.vectors) {
      const v = fromBase64(b64, id);
      if (!s.graph.hasNode(id)) throw new IdeationGraphError('NODE_NOT_FOUND', `vector for missing node ${id}`, { record: id, field: 'vectors' });
      checkVectorDim(s.metaState.dim, v, 'graphology dump', id);
      const a = s.graph.getNodeAttributes(id);
      s.vectors ??= new VectorIndex(v.length);
      s.vectors.set(Number(id), a.kind, !a.isParent, v);
    }
    return s;
  }

  /** A JSON-serialisable dump (graph, triples, embedding lock, base64 vectors). */
  toJSON(): GraphologyStoreJson {
    const vectors: [string, string][] = [];
    if (this.vectors) {
      this.graph.forEachNode((id) => {
        const v = this.vectors?.get(Number(id));
        if (v) vectors.push([id, toBase64(v)]);
      });
    }
    return {
      format: 'reasonkit-ideation-graph/graphology',
      schemaVersion: SCHEMA_VERSION,
      meta: { ...this.metaState },
      nextId: this.nextId,
      graph: this.graph.export(),
      triples: structuredClone(this.triples),
      vectors,
    };
  }

  async meta(): Promise<StoreMeta> {
    return { embedModel: this.metaState.embedModel, dim: this.metaState.dim, schemaVersion: SCHEMA_VERSION };
  }

  async lockEmbedding(modelId: string, dim: number): Promise<void> {
    checkEmbeddingLock(this.metaState, modelId, dim, 'graphology store');
    this.metaState = { embedModel: modelId, dim };
  }

  private node(id: string): MotivNode {
    return { id, ...structuredClone(this.graph.getNodeAttributes(id)) };
  }

  async upsertNode(d: UpsertNode): Promise<{ node: MotivNode; merged: boolean }> {
    const v = parseOptions(UpsertNodeSchema, d, 'upsertNode');
    const normKey = normalizeName(v.name);
    const key = `${v.kind}\u0000${normKey}`;
    if (v.embedding) checkVectorDim(this.metaState.dim, v.embedding, 'graphology store', `${v.kind}:${v.name}`);
    const existing = this.byKey.get(key);
    let id: string;
    let merged = false;
    if (existing !== undefined) {
      id = existing;
      merged = true;
      const a = this.graph.getNodeAttributes(id);
      if (v.source && !a.sources.some((s) => s.paperId === v.source?.paperId)) this.graph.setNodeAttribute(id, 'sources', [...a.sources, v.source]);
      if (v.isParent && !a.isParent) {
        this.graph.setNodeAttribute(id, 'isParent', true);
        this.vectors?.setLeaf(Number(id), false);
      }
    } else {
      id = String(this.nextId++);
      this.graph.addNode(id, { kind: v.kind, name: v.name, normKey, description: v.description, isParent: v.isParent ?? false, level: v.level ?? 0, sources: v.source ? [v.source] : [] });
      this.byKey.set(key, id);
    }
    if (v.embedding && (!merged || !this.vectors?.get(Number(id)))) {
      this.vectors ??= new VectorIndex(v.embedding.length);
      if (this.metaState.dim === undefined) this.metaState.dim = v.embedding.length;
      const a = this.graph.getNodeAttributes(id);
      this.vectors.set(Number(id), a.kind, !a.isParent, v.embedding);
    }
    return { node: this.node(id), merged };
  }

  private need(id: string): void {
    if (!this.graph.hasNode(id)) throw new IdeationGraphError('NODE_NOT_FOUND', `no node with id ${id}`, { record: id });
  }

  async addEdge(src: string, dst: string, kind: EdgeKind, source?: SourceRef): Promise<void> {
    this.need(src);
    this.need(dst);
    const key = `${kind}:${src}->${dst}`;
    if (this.graph.hasEdge(key)) {
      const sources = this.graph.getEdgeAttribute(key, 'sources');
      if (source && !sources.some((s) => s.paperId === source.paperId)) this.graph.setEdgeAttribute(key, 'sources', [...sources, source]);
      return;
    }
    this.graph.addDirectedEdgeWithKey(key, src, dst, { kind, sources: source ? [source] : [] });
  }

  private pushTriple(t: MotivTriple): MotivTriple {
    const k = `${t.problemId}|${t.challengeId}|${t.solutionId}|${t.source.paperId}`;
    const found = this.tripleKeys.has(k) ? this.triples.find((x) => `${x.problemId}|${x.challengeId}|${x.solutionId}|${x.source.paperId}` === k) : undefined;
    if (found) return found;
    this.tripleKeys.add(k);
    this.triples.push(t);
    return t;
  }

  async addTriple(t: Omit<MotivTriple, 'id'>): Promise<MotivTriple> {
    this.need(t.problemId);
    this.need(t.challengeId);
    this.need(t.solutionId);
    return structuredClone(this.pushTriple({ id: String(this.triples.length + 1), ...structuredClone(t) }));
  }

  async getNode(id: string): Promise<MotivNode | undefined> {
    return this.graph.hasNode(id) ? this.node(id) : undefined;
  }

  async findByName(name: string, kind?: NodeKind): Promise<MotivNode[]> {
    const normKey = normalizeName(name);
    const out: MotivNode[] = [];
    for (const k of kind ? [kind] : NODE_KINDS) {
      const id = this.byKey.get(`${k}\u0000${normKey}`);
      if (id !== undefined) out.push(this.node(id));
    }
    return out;
  }

  async neighbors(id: string, o: NeighborOptions = {}): Promise<Neighbor[]> {
    if (!this.graph.hasNode(id)) return [];
    const list: Neighbor[] = [];
    this.graph.forEachOutEdge(id, (_e, a, _s, t) => list.push({ node: this.node(t), edge: a.kind, direction: 'out' }));
    this.graph.forEachInEdge(id, (_e, a, s) => list.push({ node: this.node(s), edge: a.kind, direction: 'in' }));
    return sortNeighbors(list, o);
  }

  async triplesOf(id: string): Promise<MotivTriple[]> {
    return this.triples.filter((t) => t.problemId === id || t.challengeId === id || t.solutionId === id).map((t) => structuredClone(t));
  }

  private lexical(text: string, k: number, kinds?: readonly NodeKind[], leavesOnly?: boolean): { id: number; score: number }[] {
    return bm25Rank(this.graph.mapNodes((id, a) => ({ id, ...a })), text, k, kinds, leavesOnly);
  }

  async search(query: SearchQuery): Promise<{ node: MotivNode; score: number }[]> {
    const q = parseOptions(SearchQuerySchema, query, 'search query');
    if (q.vector) checkVectorDim(this.metaState.dim, q.vector, 'graphology store', 'query');
    const vec = () => (this.vectors && q.vector ? this.vectors.topK(q.vector, q.mode === 'hybrid' ? q.k * 4 : q.k, { kinds: q.kinds, leavesOnly: q.leavesOnly }) : []);
    let hits: { id: number; score: number }[];
    if (q.mode === 'vector') hits = vec();
    else if (q.mode === 'lexical') hits = this.lexical(q.text ?? '', q.k, q.kinds, q.leavesOnly);
    else hits = reciprocalRankFusion([vec(), this.lexical(q.text ?? '', q.k * 4, q.kinds, q.leavesOnly)], q.k);
    return hits.map((h) => ({ node: this.node(String(h.id)), score: h.score }));
  }

  async randomNodes(n: number, o: { seed: number; kinds?: NodeKind[]; excludeIds?: string[] }): Promise<MotivNode[]> {
    const ex = new Set(o.excludeIds ?? []);
    const ids = this.graph
      .filterNodes((id, a) => !a.isParent && (!o.kinds?.length || o.kinds.includes(a.kind)) && !ex.has(id))
      .map(Number)
      .sort((a, b) => a - b);
    return seededSample(ids, n, o.seed).map((id) => this.node(String(id)));
  }

  async allNodes(kind?: NodeKind): Promise<MotivNode[]> {
    return this.graph
      .filterNodes((_id, a) => !kind || a.kind === kind)
      .sort((a, b) => Number(a) - Number(b))
      .map((id) => this.node(id));
  }

  async getVector(id: string): Promise<Float32Array | undefined> {
    return this.vectors?.get(Number(id));
  }

  async stats(): Promise<{ nodes: Record<NodeKind, number>; parents: number; edges: Record<EdgeKind, number>; triples: number }> {
    const nodes = Object.fromEntries(NODE_KINDS.map((k) => [k, 0])) as Record<NodeKind, number>;
    let parents = 0;
    this.graph.forEachNode((_id, a) => {
      nodes[a.kind] += 1;
      parents += a.isParent ? 1 : 0;
    });
    const edges = Object.fromEntries(EDGE_KINDS.map((k) => [k, 0])) as Record<EdgeKind, number>;
    this.graph.forEachEdge((_e, a) => {
      edges[a.kind] += 1;
    });
    return { nodes, parents, edges, triples: this.triples.length };
  }

  /** Runs `fn` (in memory there is nothing to roll back: writes are applied as they come). */
  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    return fn();
  }

  /** Nothing to release. */
  async close(): Promise<void> {}
}
