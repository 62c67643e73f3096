import type { PrmBenchGroup } from '../taxonomy/prmbench-taxonomy.js';
import type { SocraticPattern } from '../taxonomy/socratic-taxonomy.js';

/** The benchmarks prm-bench loads. */
export type Benchmark = 'socratic' | 'prmbench' | 'processbench' | 'trl' | 'testbed';
/** A ProcessBench split. */
export type ProcessBenchSplit = 'gsm8k' | 'math' | 'olympiadbench' | 'omnimath';

/** One evaluated solution, whatever file format it came from. */
export interface BenchItem {
  /** `<classification>:<idx>` (Socratic, PRMBench, testbed; twins `correct:<idx>`), the ProcessBench `id`, `trl:<n>`. */
  id: string;
  benchmark: Benchmark;
  /** `modified_question` (never `question`) or ProcessBench `problem`. */
  question: string;
  /** The evaluated steps, raw: literal backslash-n preserved unless `unescapeNewlines`. */
  steps: string[];
  /** Gold erroneous steps, 1-based as in the file, out-of-range entries kept. */
  errorSteps1: number[];
  /** Smallest in-range gold error, 0-based; null when none. */
  firstError0: number | null;
  /** ProcessBench / TRL: true before the label, false at it, null after. */
  stepLabels?: (boolean | null)[];
  /** classification, `correct` for PRMBench twins, or the ProcessBench split. */
  category: string;
  pattern?: SocraticPattern;
  group?: PrmBenchGroup;
  split?: ProcessBenchSplit;
  /** `zh` when the question has Han characters (U+4E00–U+9FFF). */
  lang: 'en' | 'zh';
  /** Synthetic PRMBench correct twin: scored, excluded from overall. */
  twin?: boolean;
  /** Warning codes attached to this item. */
  warnings: string[];
  /** Where it came from. */
  source?: { file?: string; line?: number };
  raw?: unknown;
}

/** Code of a load warning. */
export type LoadWarningCode = 'error_index_out_of_range' | 'empty_step' | 'unchanged_process' | 'duplicate_id' | 'unknown_classification';

/** A data quirk found while loading: collected, never thrown. */
export interface LoadWarning {
  code: LoadWarningCode;
  itemId: string;
  file?: string;
  line?: number;
  message: string;
  /** error_index_out_of_range: the offending 1-based indices; empty_step: the 0-based step. */
  indices?: number[];
}

/** What loading skipped or warned about, with counts. */
export interface LoadReport {
  records: number;
  items: number;
  warnings: LoadWarning[];
  /** Warnings per code. */
  counts: Partial<Record<LoadWarningCode, number>>;
  files: string[];
}

/** Result of loading a benchmark: the items and the load report. */
export interface LoadResult {
  items: BenchItem[];
  report: LoadReport;
}

/** One input record with its location (files give both, iterables of objects neither). */
export interface SourceRecord {
  file?: string;
  line?: number;
  /** Raw JSON text of the line, or an already parsed value. */
  text?: string;
  value?: unknown;
}

/** Records to load: an iterable or async iterable of parsed records. */
export type RecordSource = Iterable<SourceRecord | string | object> | AsyncIterable<SourceRecord | string | object>;

const HAN = /[\u4e00-\u9fff]/;
/** Language of a text: `zh` when it contains Han characters, else `en`. */
export function detectLang(text: string): 'en' | 'zh' {
  return HAN.test(text) ? 'zh' : 'en';
}

/** Smallest in-range 1-based error, as 0-based; null if none is in range. */
export function firstInRangeError0(errorSteps1: readonly number[], stepCount: number): number | null {
  let best: number | null = null;
  for (const e of errorSteps1) if (e <= stepCount && (best === null || e - 1 < best)) best = e - 1;
  return best;
}
