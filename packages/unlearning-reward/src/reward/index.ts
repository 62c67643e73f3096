export * from './normalize-row.js';
export * from './preset-specs.js';
export * from './reward-fn.js';
export * from './presets.js';
export * from './named-presets.js';
