import { ReasonkitError } from '@reasonkit/core';
import { z } from 'zod';
import type { Letter } from '../extraction/extract-answer.js';
import { canonicalVideoType, categoryOf } from './categories.js';
import { type MmrvOption, type MmrvRecord, RawNestedSchema, RawRecordSchema } from './record-schema.js';

/** Kinds of load warnings: a skipped option letter, an unknown video type, a repeated id, an L2 outside the implicit/explicit lists. */
export type LoadWarningCode = 'letter-gap' | 'unknown-video-type' | 'duplicate-id' | 'unmapped-l2';

/** A data quirk found while loading (the record is kept). */
export interface LoadWarning {
  /** What kind of quirk. */
  code: LoadWarningCode;
  /** Where: `record N` or `record N questions M` (0-based) in the input. */
  record: string;
  /** The record id, when assigned. */
  id?: string;
  /** Human-readable description. */
  message: string;
}

/** Options of `parseRecords`. */
export interface ParseRecordsOptions {
  /** `auto` (default): an object with a `questions` array is nested, otherwise flat. */
  form?: 'auto' | 'flat' | 'nested';
  /** Name of the input (file name or URL) for error messages. Default `records`. */
  source?: string;
}

/** What `parseRecords` returns. */
export interface ParsedRecords {
  /** The normalised records in input order (nested questions flattened). */
  records: MmrvRecord[];
  /** Data quirks found (letter gaps, unknown video types, repeated ids, unmapped L2 types). */
  warnings: LoadWarning[];
}

const OptionsSchema = z.object({ form: z.enum(['auto', 'flat', 'nested']).default('auto'), source: z.string().default('records') });
const LABEL = /^\(([A-L])\)\s*([\s\S]*)$/;
const CORRECT = /\(([A-L])\)/;
const LETTERS = 'ABCDEFGHIJKL';

function fail(source: string, record: string, field: string, message: string, actual?: unknown): never {
  throw new ReasonkitError('INVALID_ARGUMENT', `${source}: ${record}: field "${field}": ${message}`, {
    file: source,
    record,
    field,
    actual,
  });
}

/** Splits text into items: a JSON array, a single JSON object, or JSON Lines. */
function parseText(text: string, source: string): unknown[] {
  const trimmed = text.trim();
  if (trimmed === '') return [];
  try {
    const value: unknown = JSON.parse(trimmed);
    return Array.isArray(value) ? value : [value];
  } catch {
    // JSON Lines: one value per non-empty line.
  }
  const items: unknown[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    try {
      items.push(JSON.parse(line));
    } catch (error) {
      throw new ReasonkitError('INVALID_ARGUMENT', `${source}: line ${i + 1}: not valid JSON`, { file: source, record: `line ${i + 1}` }, { cause: error });
    }
  });
  return items;
}

/** Hex SHA-256 of UTF-8 text (Web Crypto; browser-safe). */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

interface Located {
  raw: unknown;
  where: string;
}

function flatten(items: unknown[], form: 'auto' | 'flat' | 'nested', source: string): Located[] {
  const out: Located[] = [];
  items.forEach((item, i) => {
    const nested = form === 'nested' || (form === 'auto' && typeof item === 'object' && item !== null && Array.isArray((item as { questions?: unknown }).questions));
    if (!nested) {
      out.push({ raw: item, where: `record ${i}` });
      return;
    }
    const parsed = RawNestedSchema.safeParse(item);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      fail(source, `record ${i}`, issue.path.join('.') || '(root)', issue.message);
    }
    parsed.data.questions.forEach((q, j) => {
      // The reference's split script copies video and videoType into each question.
      out.push({ raw: { ...q, video: parsed.data.video, videoType: parsed.data.videoType }, where: `record ${i} questions ${j}` });
    });
  });
  return out;
}

function normalise(raw: unknown, where: string, index: number, source: string, warnings: LoadWarning[]): Omit<MmrvRecord, 'id'> & { rawOptions: string[] } {
  const parsed = RawRecordSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    fail(source, where, issue.path.join('.') || '(root)', issue.message);
  }
  const r = parsed.data;
  if (r.options.length < 2 || r.options.length > 12) {
    fail(source, where, 'options', `expected 2 to 12 options, got ${r.options.length}`, r.options.length);
  }
  const options: MmrvOption[] = r.options.map((o, k) => {
    const rawOption = o.trim();
    const m = LABEL.exec(rawOption);
    if (!m) fail(source, where, `options.${k}`, `option has no "(X) " label with X in A-L: ${JSON.stringify(rawOption)}`, rawOption);
    return { letter: m[1] as Letter, text: m[2]!.trim(), raw: rawOption };
  });
  const letters = options.map((o) => o.letter);
  const dup = letters.find((l, k) => letters.indexOf(l) !== k);
  if (dup) fail(source, where, 'options', `option letter (${dup}) appears twice`, letters);
  if (letters.some((l, k) => l !== LETTERS[k])) {
    warnings.push({ code: 'letter-gap', record: where, message: `option letters are ${letters.join('')}, not consecutive from A` });
  }
  const correct = CORRECT.exec(r.correctAnswer.trim().toUpperCase());
  if (!correct) fail(source, where, 'correctAnswer', `no "(X)" with X in A-L in ${JSON.stringify(r.correctAnswer)}`, r.correctAnswer);
  const correctLetter = correct[1] as Letter;
  if (!letters.includes(correctLetter)) {
    fail(source, where, 'correctAnswer', `letter ${correctLetter} is not one of the option letters ${letters.join('')}`, r.correctAnswer);
  }
  const videoType = r.videoType.trim();
  const canonical = canonicalVideoType(videoType);
  if (canonical === null) warnings.push({ code: 'unknown-video-type', record: where, message: `unknown videoType ${JSON.stringify(videoType)} kept as is` });
  const abilityTypeL2 = r.abilityType_L2?.trim() || 'Unknown';
  const abilityTypeL3 = r.abilityType_L3?.trim() || 'Unknown';
  const category = categoryOf(abilityTypeL2);
  if (category === 'Other') warnings.push({ code: 'unmapped-l2', record: where, message: `abilityType_L2 ${JSON.stringify(abilityTypeL2)} is neither implicit nor explicit: category Other` });
  return {
    index,
    video: r.video.trim(),
    videoType,
    videoTypeCanonical: canonical ?? videoType,
    question: r.question.trim(),
    options,
    correctLetter,
    abilityTypeL2,
    abilityTypeL3,
    category,
    ...(r.question_idx === undefined ? {} : { questionIdx: r.question_idx }),
    rawOptions: options.map((o) => o.raw),
  };
}

/**
 * Parses and normalises MMR-V-style records (spec §2) from already-read data: an array of
 * records, or text holding a JSON array, one JSON object or JSON Lines. Flat and nested forms
 * are accepted. Invalid records throw a `ReasonkitError` naming the source, the record and the
 * field; quirks that the data really has (letter gaps, unknown video types, repeated ids,
 * unmapped L2 types) become warnings. Browser-safe (hashing uses Web Crypto).
 */
export async function parseRecords(input: string | readonly unknown[], options: ParseRecordsOptions = {}): Promise<ParsedRecords> {
  const { form, source } = OptionsSchema.parse(options);
  const items = typeof input === 'string' ? parseText(input, source) : [...input];
  const warnings: LoadWarning[] = [];
  const located = flatten(items, form, source);
  const seen = new Map<string, number>();
  const records: MmrvRecord[] = [];
  for (const [index, { raw, where }] of located.entries()) {
    const { rawOptions, ...record } = normalise(raw, where, index, source, warnings);
    const base =
      record.questionIdx !== undefined
        ? String(record.questionIdx)
        : await sha256Hex(record.video + '\u0000' + record.question + '\u0000' + rawOptions.join('\u0001'));
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    const id = count === 1 ? base : `${base}#${count}`;
    if (count > 1) warnings.push({ code: 'duplicate-id', record: where, id, message: `id ${base} repeats (occurrence ${count}); kept as ${id}` });
    records.push({ id, ...record });
  }
  return { records, warnings };
}
