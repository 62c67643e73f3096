import { ReasonkitError } from '@reasonkit/core';
import { z } from 'zod';
import { enumSchema } from '../util/enum-schema.js';
import { type ExtractionStep, extractAnswer } from '../extraction/extract-answer.js';
import type { MmrvRecord } from '../records/record-schema.js';
import { wilsonInterval } from './wilson.js';

/** One result row: the record id, the raw model response and whether the request failed. */
export const ResultRowSchema = z.object({
  /** The record id. */
  id: z.string().min(1),
  /** The raw model response (`null`/absent: none, treated as empty). */
  response: z.string().nullable().optional(),
  /** `error` when the request failed (counted as wrong unless `excludeErrors`). Default `ok`. */
  status: enumSchema(['ok', 'error']).default('ok'),
});
/** A result row as `scoreRun` takes it. */
export type ResultRow = z.input<typeof ResultRowSchema>;

/** Options of `scoreRun`. */
export const ScoreOptionsSchema = z.object({
  /** Case-fold video types into canonical buckets (default true); false reproduces the reference's trimmed-only buckets. */
  foldVideoType: z.boolean().default(true),
  /** Leave error rows out of the totals (default false: they count as wrong, as in the reference). */
  excludeErrors: z.boolean().default(false),
});
/** Options of `scoreRun` (input form, defaults optional). */
export type ScoreOptions = z.input<typeof ScoreOptionsSchema>;

/** Accuracy of one slice (spec §7). */
export interface SliceScore {
  /** Rows in the slice. */
  total: number;
  /** Correct under the reference cascade (parity). */
  correct: number;
  /** `correct / total`, 0 when empty. */
  accuracy: number;
  /** Percentage with two decimals, as the reference prints it (`52.51%`). */
  percent: string;
  /** Correct under strict extraction. */
  strictCorrect: number;
  /** `strictCorrect / total`, 0 when empty. */
  strictAccuracy: number;
  /** Strict percentage with two decimals. */
  strictPercent: string;
  /** Rows with no parity answer. */
  unanswered: number;
  /** Rows with no strict answer. */
  strictUnanswered: number;
  /** Rows whose request failed. */
  errors: number;
  /** Wilson 95% interval of the parity accuracy. */
  wilson95: [number, number];
}

/** One scored record. */
export interface ScoredRow {
  /** The record id. */
  id: string;
  /** The record's correct letter. */
  correctLetter: string;
  /** Parity answer (reference cascade), or `null`. */
  final: string | null;
  /** Strict answer, or `null`. */
  strict: string | null;
  /** Cascade step of `final`. */
  step: ExtractionStep | null;
  /** `final` equals the correct letter. */
  correct: boolean;
  /** `strict` equals the correct letter. */
  strictCorrect: boolean;
  /** Whether the request succeeded. */
  status: 'ok' | 'error';
}

/** Scores of a run (spec §7): overall and per slice, parity and strict side by side. */
export interface Report {
  /** All scored rows. */
  overall: SliceScore;
  /** By Implicit / Explicit / Other. */
  byCategory: Record<string, SliceScore>;
  /** By L2 ability type. */
  byL2: Record<string, SliceScore>;
  /** By L3 ability type. */
  byL3: Record<string, SliceScore>;
  /** By video type (canonical, or trimmed-only with `foldVideoType: false`). */
  byVideoType: Record<string, SliceScore>;
  /** By number of options. */
  byOptionCount: Record<string, SliceScore>;
  /** How many parity answers came from each cascade step (`none` for unanswered). */
  steps: Record<ExtractionStep | 'none', number>;
  /** Letter bias: per letter, how often it was predicted (parity) and how often it was correct. */
  letterBias: Record<string, LetterCounts>;
  /** Ids of records in category `Other` (L2 not in the implicit/explicit mapping). */
  otherCategory: string[];
  /** Ids of records that have no result row (not scored). */
  missing: string[];
  /** One scored row per record with a result row. */
  rows: ScoredRow[];
}

/** Letter-bias counts of one letter. */
export interface LetterCounts {
  /** Times the letter was the parity answer. */
  predicted: number;
  /** Times the letter was the correct answer. */
  correct: number;
}

/**
 * A percentage with two decimals, rounding the exact ratio half to even (as Python's `%.2f`
 * rounds a value that lies exactly halfway).
 */
export function formatPercent(correct: number, total: number): string {
  if (total === 0) return '0.00';
  const scaled = 10000 * correct;
  let q = Math.floor(scaled / total);
  const r = scaled - q * total;
  if (2 * r > total || (2 * r === total && q % 2 === 1)) q += 1;
  return `${Math.floor(q / 100)}.${String(q % 100).padStart(2, '0')}`;
}

function emptySlice(): SliceScore {
  return { total: 0, correct: 0, accuracy: 0, percent: '0.00', strictCorrect: 0, strictAccuracy: 0, strictPercent: '0.00', unanswered: 0, strictUnanswered: 0, errors: 0, wilson95: [0, 1] };
}

function add(slice: SliceScore, row: ScoredRow): void {
  slice.total += 1;
  if (row.correct) slice.correct += 1;
  if (row.strictCorrect) slice.strictCorrect += 1;
  if (row.final === null) slice.unanswered += 1;
  if (row.strict === null) slice.strictUnanswered += 1;
  if (row.status === 'error') slice.errors += 1;
  slice.accuracy = slice.correct / slice.total;
  slice.strictAccuracy = slice.strictCorrect / slice.total;
  slice.percent = formatPercent(slice.correct, slice.total);
  slice.strictPercent = formatPercent(slice.strictCorrect, slice.total);
  slice.wilson95 = wilsonInterval(slice.correct, slice.total);
}

function addTo(map: Record<string, SliceScore>, key: string, row: ScoredRow): void {
  add((map[key] ??= emptySlice()), row);
}

/**
 * Scores result rows against their records (spec §7): parity (reference cascade) and strict
 * accuracy, unanswered and error counts, overall and by implicit/explicit category, L2, L3,
 * video type and number of options. Rows whose id is not a record's id are an error.
 */
export function scoreRun(rows: readonly ResultRow[], records: readonly MmrvRecord[], options: ScoreOptions = {}): Report {
  const o = ScoreOptionsSchema.parse(options);
  const byId = new Map(records.map((r) => [r.id, r]));
  const report: Report = {
    overall: emptySlice(),
    byCategory: {},
    byL2: {},
    byL3: {},
    byVideoType: {},
    byOptionCount: {},
    steps: { brackets: 0, boxed: 0, 'bare-letter': 0, paren: 0, 'any-char': 0, none: 0 },
    letterBias: {},
    otherCategory: [],
    missing: [],
    rows: [],
  };
  const scored = new Set<string>();
  rows.forEach((input, i) => {
    const parsed = ResultRowSchema.safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new ReasonkitError('INVALID_ARGUMENT', `results: row ${i}: field "${issue.path.join('.')}": ${issue.message}`, { record: i, field: issue.path.join('.') });
    }
    const row = parsed.data;
    const record = byId.get(row.id);
    if (!record) throw new ReasonkitError('INVALID_ARGUMENT', `results: row ${i}: field "id": no record has id ${JSON.stringify(row.id)}`, { record: i, field: 'id', actual: row.id });
    if (scored.has(row.id)) throw new ReasonkitError('INVALID_ARGUMENT', `results: row ${i}: field "id": id ${JSON.stringify(row.id)} is scored twice`, { record: i, field: 'id', actual: row.id });
    scored.add(row.id);
    if (o.excludeErrors && row.status === 'error') return;
    const letters = record.options.map((opt) => opt.letter);
    const answer = extractAnswer(row.status === 'error' ? '' : row.response, { letters });
    const s: ScoredRow = {
      id: row.id,
      correctLetter: record.correctLetter,
      final: answer.final,
      strict: answer.strict,
      step: answer.step,
      correct: answer.final === record.correctLetter,
      strictCorrect: answer.strict === record.correctLetter,
      status: row.status,
    };
    report.rows.push(s);
    report.steps[s.step ?? 'none'] += 1;
    (report.letterBias[s.correctLetter] ??= { predicted: 0, correct: 0 }).correct += 1;
    if (s.final !== null) (report.letterBias[s.final] ??= { predicted: 0, correct: 0 }).predicted += 1;
    add(report.overall, s);
    addTo(report.byCategory, record.category, s);
    addTo(report.byL2, record.abilityTypeL2, s);
    addTo(report.byL3, record.abilityTypeL3, s);
    addTo(report.byVideoType, o.foldVideoType ? record.videoTypeCanonical : record.videoType, s);
    addTo(report.byOptionCount, String(record.options.length), s);
    if (record.category === 'Other') report.otherCategory.push(record.id);
  });
  report.missing = records.filter((r) => !scored.has(r.id)).map((r) => r.id);
  return report;
}
