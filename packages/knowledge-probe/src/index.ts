// @reasonkit/knowledge-probe: browser-safe root. Node-only helpers (model directories, reports
// on disk) live in `@reasonkit/knowledge-probe/node`.
export * from './errors/probe-error.js';
export * from './model/probe-model.js';
export * from './model/site-map.js';
export * from './model/patchable-graph.js';
export * from './model/onnx-probe-model.js';
export * from './model/llama2c-probe-model.js';
export * from './registry/sample.js';
export * from './registry/method-def.js';
export * from './registry/method-registry.js';
export * from './result/probe-result.js';
export { encodePrompt, tokenText, type ScoredToken } from './methods/common.js';
export * from './methods/logit-lens/logit-lens.js';
export * from './methods/logit-lens/logit-lens-method.js';
export * from './methods/attention-weights/attention-math.js';
export * from './methods/attention-weights/attention-weights-method.js';
export * from './methods/causal-tracing/subject-span.js';
export * from './methods/causal-tracing/trace-math.js';
export * from './methods/causal-tracing/causal-trace.js';
export * from './methods/causal-tracing/causal-tracing-method.js';
export * from './math/pca.js';
export * from './methods/embedding-projection/embedding-projection.js';
export * from './methods/embedding-projection/embedding-projection-method.js';
export * from './methods/patchscopes/patchscopes-method.js';
export * from './methods/self-explanation/self-explanation-method.js';
export * from './registry/import-only-methods.js';
export * from './registry/default-registry.js';
export * from './registry/planner.js';
