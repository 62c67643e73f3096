// @reasonkit/prm-bench/node: Node-only parts (file system).
export { listDataFiles, readDataFiles } from './read-files.js';
export { loadSocratic, loadPrmBench, loadProcessBench, loadTrl } from './load-files.js';
export { jsonlCache, type JsonlCacheOptions } from './jsonl-cache.js';
export { readPredictionsFile } from './read-predictions.js';
export { loadBenchmark, detectBenchmark, type BenchmarkName } from './load-benchmark.js';
export { loadOnnxStepClassifier, parseReadout, type LoadOnnxStepClassifierOptions } from './load-onnx-classifier.js';
