// Node-only helpers (file output). Browser-safe code lives in the package root.
export { writeFeatures } from './write-features.js';
