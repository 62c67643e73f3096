import * as z from 'zod';

/** Node kinds of MotivGraph [paper §2.1.1]. */
export const NODE_KINDS = ['problem', 'challenge', 'solution'] as const;
export type NodeKind = (typeof NODE_KINDS)[number];
/** Edge kinds [paper §2.1.1]: hierarchy over problems and challenges, P→C and C→S. */
export const EDGE_KINDS = ['parent_of', 'problem_challenge', 'challenge_solution'] as const;
export type EdgeKind = (typeof EDGE_KINDS)[number];

/** Accepts the paper's alias `method` and emits `solution` (spec §2.1). */
export const NodeKindSchema = z.preprocess(
  (v) => (typeof v === 'string' && v.toLowerCase() === 'method' ? 'solution' : typeof v === 'string' ? v.toLowerCase() : v),
  z.enum(NODE_KINDS),
);
export const EdgeKindSchema = z.enum(EDGE_KINDS);

export const SourceRefSchema = z.object({
  paperId: z.string().min(1),
  title: z.string().optional(),
  venue: z.string().optional(),
  year: z.number().int().optional(),
  url: z.string().optional(),
});
export type SourceRef = z.infer<typeof SourceRefSchema>;

export interface MotivNode {
  id: string;
  kind: NodeKind;
  name: string;
  normKey: string;
  description: string;
  isParent: boolean;
  /** 0 = leaf. */
  level: number;
  sources: SourceRef[];
}

/** A stated (problem, challenge, solution) triple with the paper that stated it (spec §2.3). */
export interface MotivTriple {
  id: string;
  problemId: string;
  challengeId: string;
  solutionId: string;
  source: SourceRef;
}

export const UpsertNodeSchema = z.object({
  kind: NodeKindSchema,
  name: z.string().min(1).max(300),
  description: z.string().max(4000),
  source: SourceRefSchema.optional(),
  embedding: z.custom<Float32Array>((v) => v instanceof Float32Array, 'must be a Float32Array').optional(),
  level: z.number().int().min(0).optional(),
  isParent: z.boolean().optional(),
});
export type UpsertNode = z.input<typeof UpsertNodeSchema>;

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
export type SearchQuery = z.input<typeof SearchQuerySchema>;

export interface NeighborOptions {
  kinds?: EdgeKind[];
  direction?: 'in' | 'out' | 'both';
  limit?: number;
}
export interface Neighbor {
  node: MotivNode;
  edge: EdgeKind;
  direction: 'in' | 'out';
}

export interface StoreMeta {
  embedModel: string | undefined;
  dim: number | undefined;
  schemaVersion: number;
}

/** The store contract every back end implements (spec §9.2). Async everywhere. */
export interface GraphStore {
  meta(): Promise<StoreMeta>;
  upsertNode(d: UpsertNode): Promise<{ node: MotivNode; merged: boolean }>;
  addEdge(src: string, dst: string, kind: EdgeKind, source?: SourceRef): Promise<void>;
  addTriple(t: Omit<MotivTriple, 'id'>): Promise<MotivTriple>;
  getNode(id: string): Promise<MotivNode | undefined>;
  findByName(name: string, kind?: NodeKind): Promise<MotivNode[]>;
  neighbors(id: string, o?: NeighborOptions): Promise<Neighbor[]>;
  /** Stated triples only: never a P–S pair joined through a merged challenge. */
  triplesOf(id: string): Promise<MotivTriple[]>;
  search(q: SearchQuery): Promise<{ node: MotivNode; score: number }[]>;
  randomNodes(n: number, o: { seed: number; kinds?: NodeKind[]; excludeIds?: string[] }): Promise<MotivNode[]>;
  /** Records the embedder identity; a different one throws `EMBEDDING_MISMATCH`. */
  lockEmbedding(modelId: string, dim: number): Promise<void>;
  allNodes(kind?: NodeKind): Promise<MotivNode[]>;
  getVector(id: string): Promise<Float32Array | undefined>;
  stats(): Promise<{ nodes: Record<NodeKind, number>; parents: number; edges: Record<EdgeKind, number>; triples: number }>;
  transaction<T>(fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export const SCHEMA_VERSION = 1;
