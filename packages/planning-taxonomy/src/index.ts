export * from './taxonomy/index.js';
export * from './pddl/index.js';
export * from './validate/index.js';
export * from './search/index.js';
export * from './strategies/index.js';
export * from './random/index.js';
