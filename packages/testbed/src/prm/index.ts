export { buildSyntheticPrmSet, PRM_ERROR_KINDS, toJsonl, type PrmBenchRecord, type PrmErrorKind, type SyntheticPrmItem, type SyntheticPrmOptions } from './synthetic-prm.js';
