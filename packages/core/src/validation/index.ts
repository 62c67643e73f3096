export { parseOptions } from './parse-options.js';
export { lazySchema } from './lazy-schema.js';
