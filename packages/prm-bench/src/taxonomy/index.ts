export * from './socratic-taxonomy.js';
export * from './prmbench-taxonomy.js';
