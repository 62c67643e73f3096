export * from './rule-rows.js';
export * from './rollout.js';
