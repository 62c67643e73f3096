export { PrmBenchError, where, type PrmBenchErrorKind } from './prm-bench-error.js';
