export { loadLlama2cProbeModel, loadProbeModelDir, type LoadProbeModelDirOptions } from './load-probe-model.js';
export { slug, writeReport } from './write-report.js';
