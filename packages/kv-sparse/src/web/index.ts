// @reasonkit/kv-sparse/web: the kernels and the compressed cache for browsers (the root is
// browser-safe too; this entry exists so bundlers and tests can import exactly the web surface).
export * from '../index.js';
