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

/**
 * The in-memory store (browser-safe, no dependencies): plain maps, the shared exact vector scan and a
 * small BM25 for lexical search.
 */
export class MemoryGraphStore implements GraphStore {
  private nodes = new Map<number, MotivNode>();
  private byKey = new Map<string, number>();
  private out = new Map<number, { dst: number; kind: EdgeKind }[]>();
  private in = new Map<number, { src: number; kind: EdgeKind }[]>();
  private edgeKeys = new Set<string>();
  private triples: MotivTriple[] = [];
  private vectors: VectorIndex | undefined;
  private metaState: { embedModel?: string; dim?: number } = {};
  private nextId = 1;

  async meta(): Promise<StoreMeta> {
    return { embedModel: this.metaState.embedModel, dim: this.metaState.dim, schemaVersion: SCHEMA_VERSION };
  }

  async lockEmbedding(modelId: string, dim: number): Promise<void> {
    checkEmbeddingLock(this.metaState, modelId, dim, 'memory store');
    this.metaState = { embedModel: modelId, dim };
  }

  async upsertNode(d: UpsertNode): Promise<{ node: MotivNode; merged: boolean }> {
    const v = parseOptions(UpsertNodeSchema, d, 'upsertNode');
    const normKey = normalizeName(v.name);
    const key = `${v.kind}\u0000${normKey}`;
    const existing = this.byKey.get(key);
    if (v.embedding) checkVectorDim(this.metaState.dim, v.embedding, 'memory store', `${v.kind}:${v.name}`);
    let node: MotivNode;
    let merged = false;
    if (existing !== undefined) {
      node = this.nodes.get(existing) as MotivNode;
      merged = true;
      if (v.source && !node.sources.some((s) => s.paperId === v.source?.paperId)) node.sources.push(v.source);
      if (v.isParent && !node.isParent) (node.isParent = true), this.vectors?.setLeaf(Number(node.id), false);
    } else {
      const id = this.nextId++;
      node = { id: String(id), kind: v.kind, name: v.name, normKey, description: v.description, isParent: v.isParent ?? false, level: v.level ?? 0, sources: v.source ? [v.source] : [] };
      this.nodes.set(id, node);
      this.byKey.set(key, id);
    }
    if (v.embedding && (!merged || !this.vectors?.get(Number(node.id)))) {
      this.vectors ??= new VectorIndex(v.embedding.length);
      if (this.metaState.dim === undefined) this.metaState.dim = v.embedding.length;
      this.vectors.set(Number(node.id), node.kind, !node.isParent, v.embedding);
    }
    return { node: structuredClone(node), merged };
  }

  private need(id: string): MotivNode {
    const n = this.nodes.get(Number(id));
    if (!n) throw new IdeationGraphError('NODE_NOT_FOUND', `no node with id ${id}`, { record: id });
    return n;
  }

  async addEdge(src: string, dst: string, kind: EdgeKind, _source?: SourceRef): Promise<void> {
    this.need(src);
    this.need(dst);
    const k = `${kind}:${src}->${dst}`;
    if (this.edgeKeys.has(k)) return;
    this.edgeKeys.add(k);
    const s = Number(src);
    const t = Number(dst);
    (this.out.get(s) ?? this.out.set(s, []).get(s))?.push({ dst: t, kind });
    (this.in.get(t) ?? this.in.set(t, []).get(t))?.push({ src: s, kind });
  }

  async addTriple(t: Omit<MotivTriple, 'id'>): Promise<MotivTriple> {
    this.need(t.problemId);
    this.need(t.challengeId);
    this.need(t.solutionId);
    const found = this.triples.find((x) => x.problemId === t.problemId && x.challengeId === t.challengeId && x.solutionId === t.solutionId && x.source.paperId === t.source.paperId);
    if (found) return structuredClone(found);
    const triple = { id: String(this.triples.length + 1), ...t };
    this.triples.push(triple);
    return structuredClone(triple);
  }

  async getNode(id: string): Promise<MotivNode | undefined> {
    const n = this.nodes.get(Number(id));
    return n && structuredClone(n);
  }

  async findByName(name: string, kind?: NodeKind): Promise<MotivNode[]> {
    const normKey = normalizeName(name);
    const out: MotivNode[] = [];
    for (const k of kind ? [kind] : NODE_KINDS) {
      const id = this.byKey.get(`${k}\u0000${normKey}`);
      if (id !== undefined) out.push(structuredClone(this.nodes.get(id) as MotivNode));
    }
    return out;
  }

  async neighbors(id: string, o: NeighborOptions = {}): Promise<Neighbor[]> {
    const n = Number(id);
    const list: Neighbor[] = [];
    for (const e of this.out.get(n) ?? []) list.push({ node: structuredClone(this.nodes.get(e.dst) as MotivNode), edge: e.kind, direction: 'out' });
    for (const e of this.in.get(n) ?? []) list.push({ node: structuredClone(this.nodes.get(e.src) as MotivNode), edge: e.kind, direction: 'in' });
    return sortNeighbors(list, o);
  }

  async triplesOf(id: string): Promise<MotivTriple[]> {
    return this.triples.filter((t) => t.problemId === id || t.challengeId === id || t.solutionId === id).map((t) => structuredClone(t));
  }

  private lexical(text: string, k: number, kinds?: readonly NodeKind[], leavesOnly?: boolean): { id: number; score: number }[] {
    return bm25Rank([...this.nodes.values()], text, k, kinds, leavesOnly);
  }

  async search(query: SearchQuery): Promise<{ node: MotivNode; score: number }[]> {
    const q = parseOptions(SearchQuerySchema, query, 'search query');
    let hits: { id: number; score: number }[];
    const vec = () => (this.vectors && q.vector ? this.vectors.topK(q.vector, q.mode === 'hybrid' ? q.k * 4 : q.k, { kinds: q.kinds, leavesOnly: q.leavesOnly }) : []);
    if (q.vector) checkVectorDim(this.metaState.dim, q.vector, 'memory store', 'query');
    if (q.mode === 'vector') hits = vec();
    else if (q.mode === 'lexical') hits = this.lexical(q.text ?? '', q.k, q.kinds, q.leavesOnly);
    else hits = reciprocalRankFusion([vec(), this.lexical(q.text ?? '', q.k * 4, q.kinds, q.leavesOnly)], q.k);
    return hits.map((h) => ({ node: structuredClone(this.nodes.get(h.id) as MotivNode), score: h.score }));
  }

  async randomNodes(n: number, o: { seed: number; kinds?: NodeKind[]; excludeIds?: string[] }): Promise<MotivNode[]> {
    const ex = new Set(o.excludeIds ?? []);
    const ids = [...this.nodes.values()].filter((x) => !x.isParent && (!o.kinds?.length || o.kinds.includes(x.kind)) && !ex.has(x.id)).map((x) => Number(x.id)).sort((a, b) => a - b);
    return seededSample(ids, n, o.seed).map((id) => structuredClone(this.nodes.get(id) as MotivNode));
  }

  async allNodes(kind?: NodeKind): Promise<MotivNode[]> {
    return [...this.nodes.values()].filter((n) => !kind || n.kind === kind).map((n) => structuredClone(n));
  }

  async getVector(id: string): Promise<Float32Array | undefined> {
    return this.vectors?.get(Number(id));
  }

  async stats() {
    const nodes = Object.fromEntries(NODE_KINDS.map((k) => [k, 0])) as Record<NodeKind, number>;
    let parents = 0;
    for (const n of this.nodes.values()) (nodes[n.kind] += 1), (parents += n.isParent ? 1 : 0);
    const edges = Object.fromEntries(EDGE_KINDS.map((k) => [k, 0])) as Record<EdgeKind, number>;
    for (const k of this.edgeKeys) edges[k.slice(0, k.indexOf(':')) as EdgeKind] += 1;
    return { nodes, parents, edges, triples: this.triples.length };
  }

  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    return fn();
  }

  async close(): Promise<void> {}
}
