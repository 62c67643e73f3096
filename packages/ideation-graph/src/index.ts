// @reasonkit/ideation-graph: browser-safe root (no database drivers). SQLite: `./sqlite`, PostgreSQL:
// `./postgres`, evaluation: `./eval`, fixtures: `./testing`.
export { IdeationGraphError, type IdeationGraphErrorKind } from './errors/ideation-graph-error.js';
export {
  EDGE_KINDS,
  NODE_KINDS,
  EdgeKindSchema,
  NodeKindSchema,
  SCHEMA_VERSION,
  SearchQuerySchema,
  SourceRefSchema,
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
} from './graph/types.js';
export { normalizeName } from './graph/normalize.js';
export { unitVector, dot, type Embedder } from './embedding/embedder.js';
export { HashingEmbedder, fnv1a32, hashingTokens } from './embedding/hashing-embedder.js';
export { OnnxEmbedder, OnnxEmbedderOptionsSchema, type OnnxEmbedderOptions } from './embedding/onnx-embedder.js';
export { encodeVector, decodeVector, type VectorCodec } from './embedding/vector-codec.js';
export { MemoryGraphStore } from './store/memory-store.js';
export { GraphologyGraphStore, type GraphologyStoreJson, type NodeAttrs as GraphologyNodeAttributes, type EdgeAttrs as GraphologyEdgeAttributes } from './store/graphology-store.js';
export { VectorIndex } from './store/vector-index.js';
export { seededSample, reciprocalRankFusion, bm25Rank } from './store/store-helpers.js';
export { IdeaSchema, PaperIdeaSchema, fromPaperJson, toPaperJson, toAiScientistV2Json, ideaLengthWarnings, ideaToText, type Idea } from './idea/idea-schema.js';
export { extractKgRefs, type KgRef } from './idea/kg-refs.js';
export { ExtractionSchema, NodeDraftSchema, PaperSchema, extractTriples, namingWarnings, type ExtractedTriple, type NodeDraft, type Paper, type RuleWarning } from './build/extract-triples.js';
export { ingestPaper, ingestTriples, type IngestReport, type IngestOptions } from './build/ingest.js';
export { dedupIdeas, dedupVectors, findNearDuplicate, IdeaDedupOptionsSchema, NearDuplicateOptionsSchema, type IdeaDedupOptions, type IdeaDedupResult, type MergeEvent, type NearDuplicateOptions } from './dedup/dedup.js';
export { buildHierarchy, HierarchyOptionsSchema, type HierarchyOptions, type HierarchyReport } from './build/hierarchy.js';
export { GraphTools, ToolSession, GraphToolsOptionsSchema, NodeRelationInputSchema, NodeSearchInputSchema, RandomNodesInputSchema, SemanticSearchInputSchema, TOOL_DESCRIPTIONS, type GraphToolsOptions, type NodeRelationEntry, type ToolOutcome } from './tools/graph-tools.js';
export { CALL_MARKER, detectToolCall, parseCallExpression, type ParsedCall } from './tools/tool-call-parser.js';
export { CachedLiterature, SemanticScholarSearch, CachedLiteratureOptionsSchema, SemanticScholarOptionsSchema, fetchJsonWithRetries, type RetrySettings, type LiteratureSearch, type PaperHit } from './tools/literature.js';
export { OpenAlexSearch, OpenAlexOptionsSchema, abstractFromInvertedIndex, type OpenAlexOptions } from './tools/openalex.js';
export {
  SocraticIdeator,
  SocraticIdeatorOptionsSchema,
  generateIdeas,
  GenerateIdeasOptionsSchema,
  parseVerdict,
  type IdeaStatus,
  type IdeatorEvent,
  type IdeatorInput,
  type IdeatorResult,
  type IdeatorWarning,
  type SocraticIdeatorOptions,
} from './ideator/socratic-ideator.js';
