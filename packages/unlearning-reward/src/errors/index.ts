export * from './unlearning-error.js';
