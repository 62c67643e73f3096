export * from './random/index.js';
export * from './tasks/index.js';
export * from './vocab/index.js';
export * from './corpus/index.js';
export * from './prm/index.js';
export * from './eval/index.js';
