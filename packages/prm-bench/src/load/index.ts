export * from './bench-item.js';
export { LoadOptionsSchema, type LoadOptions } from './load-options.js';
export { loadSocraticRecords, loadPrmBenchRecords, type PrmBenchLoadOptions } from './load-stepwise.js';
export { loadProcessBenchRecords, loadTrlRecords, detectFormat, splitOf, stepLabelsOf, PROCESSBENCH_SPLITS, type RecordFormat } from './load-processbench.js';
export { parseJsonLine, readSource } from './read-source.js';
export { unescapeNewlines, LATEX_N_COMMANDS } from './unescape-newlines.js';
