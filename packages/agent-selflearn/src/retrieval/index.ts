export { createDefaultAnalyzer, ENGLISH_STOP_WORDS, whitespaceAnalyzer, type Analyzer } from './analyzer.js';
export { Bm25Index, Bm25OptionsSchema, type Bm25Options } from './bm25-index.js';
export { HttpRetriever, HttpRetrieverOptionsSchema, type FetchLike, type HttpRetrieverOptions } from './http-retriever.js';
export { mergeHitsById } from './merge-hits.js';
export { renderHits, type HitRendering } from './render-hits.js';
export { RetrieveRequestSchema, RetrieveResponseSchema, WireHitSchema, type RetrieveRequest } from './retrieve-wire.js';
export { docTitleText, fullDoc, PLACEHOLDER_HIT, type Doc, type Hit, type Retriever, type SearchOptions } from './types.js';
