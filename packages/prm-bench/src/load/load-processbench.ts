import { PrmBenchError, where } from '../errors/prm-bench-error.js';
import { ProcessBenchRecordSchema, TrlStepwiseRecordSchema } from '../schemas/records.js';
import { parseAt } from '../schemas/zod-message.js';
import { detectLang, type BenchItem, type LoadResult, type LoadWarning, type ProcessBenchSplit, type RecordSource } from './bench-item.js';
import { makeReport } from './collect-warnings.js';
import { LoadOptionsSchema, type LoadOptions } from './load-options.js';
import { readSource } from './read-source.js';
import { unescapeNewlines } from './unescape-newlines.js';

/** The four ProcessBench splits. */
export const PROCESSBENCH_SPLITS: readonly ProcessBenchSplit[] = ['gsm8k', 'math', 'olympiadbench', 'omnimath'];

/** `gsm8k-12` → `gsm8k`; falls back to the file name (`math.json`). */
export function splitOf(id: string, file?: string): ProcessBenchSplit | undefined {
  const fromId = id.split('-')[0] as ProcessBenchSplit;
  if (PROCESSBENCH_SPLITS.includes(fromId)) return fromId;
  const base = file?.split(/[\\/]/).pop()?.replace(/\.jsonl?$/, '') as ProcessBenchSplit | undefined;
  return base && PROCESSBENCH_SPLITS.includes(base) ? base : undefined;
}

/** Step labels of a first-error index: true before, false at, null after (all true when −1). */
export function stepLabelsOf(label: number, n: number): (boolean | null)[] {
  return Array.from({ length: n }, (_, i) => (label < 0 || i < label ? true : i === label ? false : null));
}

/** ProcessBench records (`id`, `problem`, `steps`, `label`). `label` ≥ −1; −1 means all steps correct. */
export async function loadProcessBenchRecords(source: RecordSource, options: LoadOptions & { splits?: ProcessBenchSplit[] } = {}): Promise<LoadResult> {
  const o = LoadOptionsSchema.parse({ ...options, splits: undefined });
  const items: BenchItem[] = [];
  const warnings: LoadWarning[] = [];
  const files: string[] = [];
  let records = 0;
  for await (const { file, line, value } of readSource(source)) {
    records++;
    if (file !== undefined) files.push(file);
    const r = parseAt(ProcessBenchRecordSchema, value, 'invalid processbench record', { file, line });
    const split = splitOf(r.id, file);
    if (options.splits && (!split || !options.splits.includes(split))) continue;
    const steps = o.unescapeNewlines ? r.steps.map((s) => unescapeNewlines(s, o.latexAllowList)) : r.steps;
    const item: BenchItem = {
      id: r.id,
      benchmark: 'processbench',
      question: r.problem,
      steps,
      errorSteps1: r.label >= 0 ? [r.label + 1] : [],
      firstError0: r.label >= 0 && r.label < steps.length ? r.label : null,
      stepLabels: stepLabelsOf(r.label, steps.length),
      category: split ?? 'unknown',
      lang: detectLang(r.problem),
      warnings: [],
      ...(split ? { split } : {}),
      ...(file !== undefined || line !== undefined ? { source: { ...(file !== undefined ? { file } : {}), ...(line !== undefined ? { line } : {}) } } : {}),
      ...(o.keepRaw ? { raw: value } : {}),
    };
    if (r.label >= steps.length) {
      item.warnings.push('error_index_out_of_range');
      warnings.push({ code: 'error_index_out_of_range', itemId: r.id, indices: [r.label + 1], message: `${where(file, line)}field label: ${r.label} beyond the ${steps.length} steps`, ...(file !== undefined ? { file } : {}), ...(line !== undefined ? { line } : {}) });
    }
    items.push(item);
  }
  return { items, report: makeReport(records, items.length, warnings, files) };
}

/** TRL stepwise-supervision records (`prompt`, `completions`, `labels`); ids `trl:<n>` (1-based record number). */
export async function loadTrlRecords(source: RecordSource, options: LoadOptions = {}): Promise<LoadResult> {
  const o = LoadOptionsSchema.parse(options);
  const items: BenchItem[] = [];
  const files: string[] = [];
  let records = 0;
  for await (const { file, line, value } of readSource(source)) {
    records++;
    if (file !== undefined) files.push(file);
    const r = parseAt(TrlStepwiseRecordSchema, value, 'invalid trl record', { file, line });
    if (r.labels.length !== r.completions.length) {
      throw new PrmBenchError('invalid-record', `${where(file, line)}invalid trl record: field labels: ${r.labels.length} labels for ${r.completions.length} completions`, { file, record: line, field: 'labels' });
    }
    const errorSteps1 = r.labels.flatMap((l, i) => (l ? [] : [i + 1]));
    const steps = o.unescapeNewlines ? r.completions.map((s) => unescapeNewlines(s, o.latexAllowList)) : r.completions;
    items.push({
      id: `trl:${records}`,
      benchmark: 'trl',
      question: r.prompt,
      steps,
      errorSteps1,
      firstError0: errorSteps1.length > 0 ? errorSteps1[0]! - 1 : null,
      stepLabels: [...r.labels],
      category: 'trl',
      lang: detectLang(r.prompt),
      warnings: [],
      ...(o.keepRaw ? { raw: value } : {}),
    });
  }
  return { items, report: makeReport(records, items.length, [], files) };
}

/** Format of input records: stepwise, ProcessBench or TRL. */
export type RecordFormat = 'stepwise' | 'processbench' | 'trl';

/** Which format a parsed record has, from its fields; undefined when none fits. */
export function detectFormat(record: unknown): RecordFormat | undefined {
  if (typeof record !== 'object' || record === null) return undefined;
  const r = record as Record<string, unknown>;
  if ('modified_process' in r && 'error_steps' in r) return 'stepwise';
  if ('steps' in r && 'label' in r && 'problem' in r) return 'processbench';
  if ('completions' in r && 'labels' in r && 'prompt' in r) return 'trl';
  return undefined;
}
