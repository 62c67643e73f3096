import type { LoadOptions, LoadResult, ProcessBenchSplit } from '../load/index.js';
import { loadPrmBenchRecords, loadProcessBenchRecords, loadSocraticRecords, loadTrlRecords, type PrmBenchLoadOptions } from '../load/index.js';
import { listDataFiles, readDataFiles } from './read-files.js';

/** Socratic-PRMBench from a directory of `test_<classification>.jsonl` files or one file. */
export async function loadSocratic(path: string, options: LoadOptions = {}): Promise<LoadResult> {
  return loadSocraticRecords(readDataFiles(listDataFiles(path)), options);
}

/** PRMBench from its data directory (non-recursive `*.jsonl`, as upstream) or one file (e.g. `prmbench_preview.jsonl`). */
export async function loadPrmBench(path: string, options: PrmBenchLoadOptions = {}): Promise<LoadResult> {
  return loadPrmBenchRecords(readDataFiles(listDataFiles(path)), options);
}

/** ProcessBench from `gsm8k.json`, `math.json`, … (JSON arrays) or JSONL, a directory or one file. */
export async function loadProcessBench(path: string, options: LoadOptions & { splits?: ProcessBenchSplit[] } = {}): Promise<LoadResult> {
  return loadProcessBenchRecords(readDataFiles(listDataFiles(path, { json: true })), options);
}

/** TRL stepwise-supervision JSONL. */
export async function loadTrl(path: string, options: LoadOptions = {}): Promise<LoadResult> {
  return loadTrlRecords(readDataFiles(listDataFiles(path, { json: true })), options);
}
