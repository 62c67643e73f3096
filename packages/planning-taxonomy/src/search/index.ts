export * from './heuristics.js';
export * from './planners.js';
export * from './search-options.js';
export { MinHeap } from './min-heap.js';
export * from './reachable.js';
