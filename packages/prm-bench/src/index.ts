// @reasonkit/prm-bench: browser-safe root (loaders over iterables, metrics, scorers, runner, reports).
// File loaders, the JSONL cache and file writers live in `@reasonkit/prm-bench/node`.
export * from './errors/index.js';
export * from './taxonomy/index.js';
export * from './schemas/index.js';
export * from './load/index.js';
export * from './metrics/index.js';
export * from './scorers/index.js';
export * from './run/index.js';
export * from './report/index.js';
