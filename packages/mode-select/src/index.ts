export * from './metrics/index.js';
export * from './signals/index.js';
export * from './errors/index.js';
export * from './format/index.js';
export * from './backend/index.js';
export * from './selectors/index.js';
export * from './probe/index.js';
