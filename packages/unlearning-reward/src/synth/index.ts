export * from './synth-item.js';
export * from './filters.js';
export * from './from-rule-json.js';
export * from './pipeline.js';
