export * from './answer-verifier.js';
