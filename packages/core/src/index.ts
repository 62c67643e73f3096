// @reasonkit/core: browser-safe root. Node-only bindings live in `@reasonkit/core/node`,
// onnxruntime-web bindings in `@reasonkit/core/web`.
export * from './errors/index.js';
export * from './tensor/index.js';
export * from './kv-cache/index.js';
export * from './model/index.js';
export * from './tokenizer/index.js';
export * from './generation/index.js';
export * from './onnx/index.js';
export * from './llama2c/index.js';
export * from './text-model/index.js';
export * from './validation/index.js';
export * from './random/index.js';
