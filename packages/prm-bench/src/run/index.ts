export { runBenchmark, toPredictions, exportPrmBenchResults, RunOptionsSchema, type BenchmarkRun, type ItemIssue, type RetryPolicy, type RunBenchmarkOptions, type RunFailure, type RunPrediction, type RunProgress } from './run-benchmark.js';
export { memoryCache, CacheEntrySchema, type CacheEntry, type ResultCache } from './cache.js';
export { cacheKey, inputHash, sha256Hex } from './cache-key.js';
