export type { KVCache, KVCacheSpec, KVLayer } from './kv-cache.js';
export { DenseKVCache } from './dense-kv-cache.js';
