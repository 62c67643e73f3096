import * as z from 'zod';

/** Node kinds of MotivGraph [paper §2.1.1]. */
export const NODE_KINDS = ['problem', 'challenge', 'solution'] as const;
/** A node kind of MotivGraph. */
export type NodeKind = (typeof NODE_KINDS)[number];
/** Edge kinds [paper §2.1.1]: hierarchy over problems and challenges, P→C and C→S. */
export const EDGE_KINDS = ['parent_of', 'problem_challenge', 'challenge_solution'] as const;
/** An edge kind of MotivGraph. */
export type EdgeKind = (typeof EDGE_KINDS)[number];

/** Accepts the paper's alias `method` and emits `solution` (spec §2.1). */
export const NodeKindSchema = z.preprocess(
  (v) => (typeof v === 'string' && v.toLowerCase() === 'method' ? 'solution' : typeof v === 'string' ? v.toLowerCase() : v),
  z.enum(NODE_KINDS),
);
/** zod schema of {@link EdgeKind}. */
export const EdgeKindSchema = z.enum(EDGE_KINDS);

/** zod schema of a source paper: id plus optional title, venue, year and URL. */
export const SourceRefSchema = z.object({
  paperId: z.string().min(1),
  title: z.string().optional(),
  venue: z.string().optional(),
  year: z.number().int().optional(),
  url: z.string().optional(),
});
/** A source paper reference. */
export type SourceRef = z.infer<typeof SourceRefSchema>;

/** A MotivGraph node as stored (spec §9.2). */
export interface MotivNode {
  /** Store id (numeric string). */
  id: string;
  /** Node kind. */
  kind: NodeKind;
  /** Short name as first stated (unique per kind after normalisation). */
  name: string;
  /** Merge key: `normalizeName(name)`. */
  normKey: string;
  /** Description used for embedding and retrieval (the first one stated is kept). */
  description: string;
  /** True for hierarchy parents (excluded from random draws and `leavesOnly` search). */
  isParent: boolean;
  /** 0 = leaf. */
  level: number;
  /** Papers that stated this node. */
  sources: SourceRef[];
}

/** A stated (problem, challenge, solution) triple with the paper that stated it (spec §2.3). */
export interface MotivTriple {
  /** Store id. */
  id: string;
  /** The problem node. */
  problemId: string;
  /** The challenge node. */
  challengeId: string;
  /** The solution node. */
  solutionId: string;
  /** The paper that stated the triple. */
  source: SourceRef;
}

/** A node to insert or merge: kind (`method` accepted), name, description, source, embedding, level, parent flag. */
export const UpsertNodeSchema = z.object({
  kind: NodeKindSchema,
  name: z.string().min(1).max(300),
  description: z.string().max(4000),
  source: SourceRefSchema.optional(),
  embedding: z.custom<Float32Array>((v) => v instanceof Float32Array, 'must be a Float32Array').optional(),
  level: z.number().int().min(0).optional(),
  isParent: z.boolean().optional(),
});
/** Input form of {@link UpsertNodeSchema}. */
export type UpsertNode = z.input<typeof UpsertNodeSchema>;

/** A store search: text and/or vector, kinds, k, mode (`vector`, `lexical`, `hybrid`), leaves only, and ANN knobs. */
export const SearchQuerySchema = z
  .object({
    text: z.string().optional(),
    vector: z.custom<Float32Array>((v) => v instanceof Float32Array, 'must be a Float32Array').optional(),
    kinds: z.array(NodeKindSchema).optional(),
    k: z.number().int().min(1).max(1000),
    mode: z.enum(['vector', 'lexical', 'hybrid']).default('vector'),
    leavesOnly: z.boolean().default(false),
    /** Approximate-index back ends (PostgreSQL `pgvector`): scan exactly instead. Others are always exact. */
    exact: z.boolean().optional(),
    /** Approximate-index back ends: HNSW `ef_search` for this query (default: the store's). */
    efSearch: z.number().int().min(1).max(1000).optional(),
  })
  .refine((q) => q.mode === 'lexical' ? q.text !== undefined : q.vector !== undefined, { message: 'vector search needs `vector`, lexical search needs `text`', path: ['vector'] });
/** Input form of {@link SearchQuerySchema}. */
export type SearchQuery = z.input<typeof SearchQuerySchema>;

/** Filters of `GraphStore.neighbors`: edge kinds, direction and a limit. */
export interface NeighborOptions {
  /** Edge kinds to keep (default all). */
  kinds?: EdgeKind[];
  /** `in`, `out` or `both` (default). */
  direction?: 'in' | 'out' | 'both';
  /** At most this many, after ordering. */
  limit?: number;
}
/** One neighbour of a node: the node, the edge kind and the direction seen from the queried node. */
export interface Neighbor {
  /** The neighbouring node. */
  node: MotivNode;
  /** Edge kind. */
  edge: EdgeKind;
  /** `out` when the queried node is the source. */
  direction: 'in' | 'out';
}

/** A store's embedding lock and schema version. */
export interface StoreMeta {
  /** Locked embedder model id (undefined before the first lock). */
  embedModel: string | undefined;
  /** Locked vector width. */
  dim: number | undefined;
  /** Schema version of the stored data. */
  schemaVersion: number;
}

/** The store contract every back end implements (spec §9.2). Async everywhere. */
export interface GraphStore {
  /** The embedding lock (model id, dim) and schema version. */
  meta(): Promise<StoreMeta>;
  /** Inserts a node, or merges it into the node of the same kind and normalised name (first description kept, source appended). */
  upsertNode(d: UpsertNode): Promise<{ node: MotivNode; merged: boolean }>;
  /** Adds an edge once per (src, dst, kind); unknown ids throw `NODE_NOT_FOUND`. */
  addEdge(src: string, dst: string, kind: EdgeKind, source?: SourceRef): Promise<void>;
  /** Records a stated triple with its source paper (idempotent per paper). */
  addTriple(t: Omit<MotivTriple, 'id'>): Promise<MotivTriple>;
  /** The node with this id, if any. */
  getNode(id: string): Promise<MotivNode | undefined>;
  /** Nodes whose normalised name equals `normalize(name)`, one per kind (or of `kind`). */
  findByName(name: string, kind?: NodeKind): Promise<MotivNode[]>;
  /** One-hop neighbours over every edge kind in both directions, filtered and ordered the same on every back end. */
  neighbors(id: string, o?: NeighborOptions): Promise<Neighbor[]>;
  /** Stated triples only: never a P–S pair joined through a merged challenge. */
  triplesOf(id: string): Promise<MotivTriple[]>;
  /** Vector (exact dot product unless the back end has an ANN index), lexical or hybrid (RRF) search; ties by ascending id. */
  search(q: SearchQuery): Promise<{ node: MotivNode; score: number }[]>;
  /** `n` distinct leaves drawn by the package PRNG from the eligible ids in insertion order: identical on every back end for one seed. */
  randomNodes(n: number, o: { seed: number; kinds?: NodeKind[]; excludeIds?: string[] }): Promise<MotivNode[]>;
  /** Records the embedder identity; a different one throws `EMBEDDING_MISMATCH`. */
  lockEmbedding(modelId: string, dim: number): Promise<void>;
  /** Every node (of `kind`), by ascending id. */
  allNodes(kind?: NodeKind): Promise<MotivNode[]>;
  /** The stored (decoded) vector of a node. */
  getVector(id: string): Promise<Float32Array | undefined>;
  /** Node counts per kind, parents, edge counts per kind and triples. */
  stats(): Promise<{ nodes: Record<NodeKind, number>; parents: number; edges: Record<EdgeKind, number>; triples: number }>;
  /** Runs `fn` atomically where the back end can (SQLite, PostgreSQL); nested calls join the outer one. */
  transaction<T>(fn: () => Promise<T>): Promise<T>;
  /** Releases the back end's resources. */
  close(): Promise<void>;
}

/** Version of the store schema written by this package; a newer one on disk throws `STORE_SCHEMA_VERSION`. */
export const SCHEMA_VERSION = 1;
