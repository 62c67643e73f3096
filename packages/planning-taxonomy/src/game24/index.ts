export * from './rational.js';
export * from './expression.js';
export * from './game24.js';
export * from './puzzles.js';
export * from './tot-game24.js';
