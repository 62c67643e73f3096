import { PrmBenchError } from '../errors/prm-bench-error.js';
import type { LoadOptions, LoadResult } from '../load/index.js';
import { detectFormat, parseJsonLine } from '../load/index.js';
import { PRMBENCH_CLASSIFICATIONS, TESTBED_CLASSIFICATIONS } from '../taxonomy/prmbench-taxonomy.js';
import { SOCRATIC_CLASSIFICATIONS } from '../taxonomy/socratic-taxonomy.js';
import { loadPrmBench, loadProcessBench, loadSocratic, loadTrl } from './load-files.js';
import { listDataFiles, readDataFiles } from './read-files.js';

export type BenchmarkName = 'socratic' | 'prmbench' | 'processbench' | 'trl' | 'testbed';

/** Guesses the benchmark from the first record (its format, then its `classification`). */
export async function detectBenchmark(path: string): Promise<BenchmarkName> {
  for await (const rec of readDataFiles(listDataFiles(path, { json: true }))) {
    const value = rec.text !== undefined ? parseJsonLine(rec.text, rec.file, rec.line) : rec.value;
    const format = detectFormat(value);
    if (format === 'processbench' || format === 'trl') return format;
    const cls = (value as { classification?: unknown }).classification;
    if (typeof cls === 'string') {
      if (SOCRATIC_CLASSIFICATIONS.includes(cls)) return 'socratic';
      if (PRMBENCH_CLASSIFICATIONS.includes(cls)) return 'prmbench';
      if ((TESTBED_CLASSIFICATIONS as readonly string[]).includes(cls)) return 'testbed';
    }
    throw new PrmBenchError('invalid-record', `${rec.file}:${rec.line}: cannot tell the benchmark from this record (field classification: '${String(cls)}'); pass --benchmark`, { file: rec.file, record: rec.line, field: 'classification' });
  }
  throw new PrmBenchError('no-data-files', `no records in ${path}`, { file: path });
}

/** Loads any supported benchmark from a path (`auto` detects it). */
export async function loadBenchmark(path: string, benchmark: BenchmarkName | 'auto' = 'auto', options: LoadOptions = {}): Promise<LoadResult & { benchmark: BenchmarkName }> {
  const name = benchmark === 'auto' ? await detectBenchmark(path) : benchmark;
  const load = {
    socratic: () => loadSocratic(path, options),
    prmbench: () => loadPrmBench(path, options),
    testbed: () => loadPrmBench(path, { ...options, source: 'testbed' }),
    processbench: () => loadProcessBench(path, options),
    trl: () => loadTrl(path, options),
  }[name];
  return { ...(await load()), benchmark: name };
}
