// @reasonkit/agent-selflearn: browser-safe root. Node-only parts (retrieval server, SQLite store,
// parquet export, files) live in `@reasonkit/agent-selflearn/node`.
export * from './errors/index.js';
export * from './parse/index.js';
export * from './metrics/index.js';
export * from './reward/index.js';
export * from './loop/index.js';
export * from './retrieval/index.js';
export * from './rollout/index.js';
export * from './export/index.js';
export * from './report/index.js';
