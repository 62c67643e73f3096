export * from './scripted-lm.js';
export { oracleSearchConfig } from '../strategies/symbolic-world-model.js';
