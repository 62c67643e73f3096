// Node-only parts of @reasonkit/unlearning-reward: HTTP reward server, file-based reports.
export * from './reward-server.js';
export * from './detector-quality.js';
export * from './jsonl-cache.js';
