export * from './detector.js';
export * from './regex-detector.js';
export * from './rule-patterns.js';
export * from './keyword-detector.js';
export * from './combinators.js';
export * from './llm-judge-detector.js';
export * from './classifier-detector.js';
export { cacheKey } from './cache-key.js';
export * from './onnx-classifier.js';
