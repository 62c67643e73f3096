export * from './metrics/index.js';
export * from './signals/index.js';
