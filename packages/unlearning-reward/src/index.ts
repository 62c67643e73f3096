// @reasonkit/unlearning-reward: browser-safe root. Node-only parts (files, HTTP reward server) are in `/node`.
export * from './errors/index.js';
export * from './schemas/index.js';
export * from './text/index.js';
export * from './refusal/index.js';
export * from './verify/index.js';
export * from './reward/index.js';
export * from './eval/index.js';
export * from './stats/index.js';
export { groupAdvantages, groupStats, passAtK, GroupAdvantageOptionsSchema, type GroupAdvantageOptions, type GroupStats } from './reward/grpo.js';
export * from './export/index.js';
export * from './synth/index.js';
