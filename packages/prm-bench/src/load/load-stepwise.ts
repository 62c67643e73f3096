import { z } from 'zod';
import { PrmBenchError, where } from '../errors/prm-bench-error.js';
import { PrmBenchRecordSchema, SocraticRecordSchema, StepwiseRecordSchema, TestbedClassificationSchema, type StepwiseRecord } from '../schemas/records.js';
import { describeIssues } from '../schemas/zod-message.js';
import { CORRECT_TWIN_CLASS, prmBenchGroupOf } from '../taxonomy/prmbench-taxonomy.js';
import { socraticPatternOf } from '../taxonomy/socratic-taxonomy.js';
import { detectLang, firstInRangeError0, type BenchItem, type LoadResult, type LoadWarning, type RecordSource } from './bench-item.js';
import { makeReport } from './collect-warnings.js';
import { LoadOptionsSchema, type LoadOptions, type ResolvedLoadOptions } from './load-options.js';
import { readSource } from './read-source.js';
import { unescapeNewlines } from './unescape-newlines.js';

type Flavour = 'socratic' | 'prmbench' | 'testbed';

const STRICT_SCHEMA: Record<Flavour, z.ZodType<StepwiseRecord>> = {
  socratic: SocraticRecordSchema,
  prmbench: PrmBenchRecordSchema,
  testbed: StepwiseRecordSchema.extend({ classification: TestbedClassificationSchema }),
};

function validateRecord(value: unknown, flavour: Flavour, o: ResolvedLoadOptions, file?: string, line?: number): { record: StepwiseRecord; unknownClass: boolean } {
  const base = StepwiseRecordSchema.safeParse(value);
  if (!base.success) {
    const { message, field } = describeIssues(base.error);
    throw new PrmBenchError('invalid-record', `${where(file, line)}invalid ${flavour} record: ${message}`, { file, record: line, field });
  }
  const strict = STRICT_SCHEMA[flavour].safeParse(value);
  if (strict.success) return { record: strict.data, unknownClass: false };
  if (o.validate === 'strict') {
    const { message, field } = describeIssues(strict.error);
    throw new PrmBenchError('invalid-record', `${where(file, line)}invalid ${flavour} record: ${message}`, { file, record: line, field });
  }
  return { record: base.data, unknownClass: true };
}

function toItem(
  benchmark: Flavour,
  id: string,
  question: string,
  rawSteps: string[],
  errorSteps1: number[],
  category: string,
  o: ResolvedLoadOptions,
  loc: { file?: string; line?: number },
  raw: unknown,
): BenchItem {
  const steps = o.unescapeNewlines ? rawSteps.map((s) => unescapeNewlines(s, o.latexAllowList)) : rawSteps;
  const item: BenchItem = {
    id,
    benchmark,
    question,
    steps,
    errorSteps1,
    firstError0: firstInRangeError0(errorSteps1, steps.length),
    category,
    lang: 'en',
    warnings: [],
  };
  const pattern = socraticPatternOf(category);
  if (pattern) item.pattern = pattern;
  const group = prmBenchGroupOf(category);
  if (group) item.group = group;
  if (loc.file !== undefined || loc.line !== undefined) item.source = { ...loc };
  if (o.keepRaw) item.raw = raw;
  return item;
}

/** Shared loader of the PRMBench record format (Socratic-PRMBench, PRMBench, the testbed set). */
export async function loadStepwise(
  source: RecordSource,
  flavour: Flavour,
  options: LoadOptions & { synthesizeCorrect?: boolean } = {},
): Promise<LoadResult> {
  const o = LoadOptionsSchema.parse(options);
  const items: BenchItem[] = [];
  const twins: BenchItem[] = [];
  const warnings: LoadWarning[] = [];
  const seen = new Set<string>();
  const files: string[] = [];
  let records = 0;
  const warn = (item: BenchItem, w: Omit<LoadWarning, 'itemId' | 'file' | 'line'>, loc: { file?: string; line?: number }) => {
    item.warnings.push(w.code);
    warnings.push({ ...w, itemId: item.id, ...(loc.file !== undefined ? { file: loc.file } : {}), ...(loc.line !== undefined ? { line: loc.line } : {}) });
  };
  for await (const { file, line, value } of readSource(source)) {
    records++;
    if (file !== undefined && files[files.length - 1] !== file) files.push(file);
    const loc = { ...(file !== undefined ? { file } : {}), ...(line !== undefined ? { line } : {}) };
    const { record, unknownClass } = validateRecord(value, flavour, o, file, line);
    const id = `${record.classification}:${record.idx}`;
    const item = toItem(flavour, id, record.modified_question, record.modified_process, record.error_steps, record.classification, o, loc, value);
    item.lang = detectLang(record.question);
    if (seen.has(id)) {
      warnings.push({ code: 'duplicate_id', itemId: id, ...loc, message: `${where(file, line)}duplicate item id ${id}: dropped (the first record is kept, as upstream)` });
      continue;
    }
    seen.add(id);
    if (unknownClass) warn(item, { code: 'unknown_classification', message: `${where(file, line)}field classification: unknown class '${record.classification}' kept (validate: 'warn')` }, loc);
    const oob = record.error_steps.filter((e) => e > record.modified_process.length);
    if (oob.length > 0) {
      warn(item, { code: 'error_index_out_of_range', indices: oob, message: `${where(file, line)}field error_steps: ${oob.join(', ')} beyond the ${record.modified_process.length} steps (ignored by the official scorer)` }, loc);
    }
    record.modified_process.forEach((s, i) => {
      if (s === '') warn(item, { code: 'empty_step', indices: [i], message: `${where(file, line)}field modified_process.${i}: empty step` }, loc);
    });
    if (
      record.error_steps.length > 0 &&
      record.modified_process.length === record.original_process.length &&
      record.modified_process.every((s, i) => s === record.original_process[i])
    ) {
      warn(item, { code: 'unchanged_process', message: `${where(file, line)}field modified_process: identical to original_process although error_steps is set` }, loc);
    }
    items.push(item);
    if (options.synthesizeCorrect && record.classification === 'redundency') {
      const twinId = `${CORRECT_TWIN_CLASS}:${record.idx}`;
      const twin = toItem(flavour, twinId, record.original_question, record.original_process, [], CORRECT_TWIN_CLASS, o, loc, value);
      twin.lang = detectLang(record.original_question);
      twin.twin = true;
      twins.push(twin);
    }
  }
  for (const t of twins) {
    if (seen.has(t.id)) continue;
    seen.add(t.id);
    items.push(t);
  }
  return { items, report: makeReport(records, items.length, warnings, files) };
}

/** Socratic-PRMBench records (20 sub-categories). Ids are `<classification>:<idx>`. */
export function loadSocraticRecords(source: RecordSource, options: LoadOptions = {}): Promise<LoadResult> {
  return loadStepwise(source, 'socratic', options);
}

/** Options of the PRMBench loader. */
export interface PrmBenchLoadOptions extends LoadOptions {
  /** Build the `correct:<idx>` twins from `redundency` records, as the upstream loader. Default true. */
  synthesizeCorrect?: boolean;
  /** `testbed`: accept the testbed set's four classes instead of PRMBench's nine. Default `prmbench`. */
  source?: 'prmbench' | 'testbed';
}

/** PRMBench records (9 classes + synthesized correct twins), or the testbed synthetic set with `source: 'testbed'`. */
export function loadPrmBenchRecords(source: RecordSource, options: PrmBenchLoadOptions = {}): Promise<LoadResult> {
  const { source: flavour = 'prmbench', synthesizeCorrect = true, ...rest } = options;
  return loadStepwise(source, flavour, { ...rest, synthesizeCorrect });
}
