export { loadBm25Index, saveBm25Index } from './bm25-file.js';
export { serveRetriever, ServeRetrieverOptionsSchema, type RetrieverServer, type ServeRetrieverOptions } from './serve-retriever.js';
export { SqliteStore, type SqliteStoreOptions } from './sqlite-store.js';
export { CorpusLineSchema, readCorpusJsonl } from './read-corpus.js';
export { exportVerlRl, verlParquetBytes, verlRowsFromStore, type ExportRef } from './export-verl.js';
export { rewardShimPython, serveRewards } from './serve-rewards.js';
export { Fts5OptionsSchema, Fts5Retriever, type Fts5Options } from './fts5-retriever.js';
export { exportVerlSft, sftSourcesFromStore, verlSftParquetBytes, type ExportVerlSftOptions, type SftSource, type VerlSftRow } from './export-verl-sft.js';
export { runReportData, writeRunReport } from './write-run-report.js';
