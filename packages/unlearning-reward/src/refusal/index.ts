export * from './detector.js';
export * from './regex-detector.js';
export * from './rule-patterns.js';
