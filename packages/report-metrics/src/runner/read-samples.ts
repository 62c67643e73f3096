import { z } from 'zod';
import { parseOptions } from '@reasonkit/core';
import { ReportMetricsError } from '../errors/report-metrics-error.js';
import type { Sample } from '../nlg/sample.js';
import { parseCsv } from './parse-csv.js';

/** zod schema of `SampleColumns`: validates it and applies its defaults. */
export const SampleColumnsSchema = z.object({
  /** Id column / field; `dicom_id` is PriorRG's CSV layout [reference code]. */
  id: z.string().default('dicom_id'),
  references: z.string().default('reference_report'),
  candidate: z.string().default('generated_report'),
});
/** Input accepted by `SampleColumnsSchema` (optional fields may be omitted; defaults are applied when parsed). */
export type SampleColumns = z.input<typeof SampleColumnsSchema>;

/** zod schema of `ReadSamplesOptions`: validates it and applies its defaults. */
export const ReadSamplesOptionsSchema = z.object({
  format: z.enum(['csv', 'jsonl']),
  /** Defaults: `dicom_id`, `reference_report`, `generated_report` for CSV; `id`, `references`, `candidate` for JSONL. */
  columns: SampleColumnsSchema.partial().optional(),
  /**
   * CSV only: `text` (one reference per cell; repeat the row with the same id for more) or
   * `json-array` (the cell holds a JSON array of references). Default `text`.
   */
  referenceCell: z.enum(['text', 'json-array']).default('text'),
  /** Name used in error messages. */
  file: z.string().default('<input>'),
});
/** Input accepted by `ReadSamplesOptionsSchema` (optional fields may be omitted; defaults are applied when parsed). */
export type ReadSamplesOptions = z.input<typeof ReadSamplesOptionsSchema>;

/** A sample and the line of the input it came from (first line for repeated-row references). */
export interface LocatedSample extends Sample {
  line: number;
}

function fail(file: string, line: number, field: string, message: string): never {
  throw new ReportMetricsError('INVALID_INPUT', `${file}:${line}: field '${field}': ${message}`, { file, record: line, field });
}

/**
 * Parses CSV or JSONL text into samples. Errors name file, line and field: a missing column, an
 * empty id, a duplicate id whose candidate differs, a sample with zero references, bad JSON.
 * Rows repeating an id with the same candidate add references (pycocoevalcap's several references).
 */
export function readSamples(text: string, options: ReadSamplesOptions): LocatedSample[] {
  const o = parseOptions(ReadSamplesOptionsSchema, options, 'readSamples options');
  const file = o.file;
  const cols =
    o.format === 'csv'
      ? SampleColumnsSchema.parse(o.columns ?? {})
      : { id: o.columns?.id ?? 'id', references: o.columns?.references ?? 'references', candidate: o.columns?.candidate ?? 'candidate' };
  const byId = new Map<string, LocatedSample>();
  const out: LocatedSample[] = [];
  const add = (id: string, refs: string[], candidate: string, line: number) => {
    if (id.trim() === '') fail(file, line, cols.id, 'empty id');
    if (refs.length === 0) fail(file, line, cols.references, `sample ${JSON.stringify(id)} has zero references`);
    const prev = byId.get(id);
    if (prev) {
      if (prev.candidate !== candidate) fail(file, line, cols.candidate, `duplicate id ${JSON.stringify(id)} (first on line ${prev.line}) with a different candidate text`);
      prev.references.push(...refs);
      return;
    }
    const s: LocatedSample = { id, references: refs, candidate, line };
    byId.set(id, s);
    out.push(s);
  };
  if (o.format === 'csv') {
    const records = parseCsv(text, file);
    if (records.length === 0) throw new ReportMetricsError('INVALID_INPUT', `${file}: empty CSV (no header)`, { file });
    const header = records[0]!.fields.map((h) => h.trim());
    const index = (name: string): number => {
      const k = header.indexOf(name);
      if (k < 0) fail(file, records[0]!.line, name, `missing column (header has: ${header.join(', ')})`);
      return k;
    };
    const ki = index(cols.id);
    const kr = index(cols.references);
    const kc = index(cols.candidate);
    for (const rec of records.slice(1)) {
      if (rec.fields.length !== header.length) fail(file, rec.line, '(record)', `expected ${header.length} fields, found ${rec.fields.length}`);
      let refs = [rec.fields[kr]!];
      if (o.referenceCell === 'json-array') {
        let v: unknown;
        try {
          v = JSON.parse(rec.fields[kr]!);
        } catch {
          fail(file, rec.line, cols.references, 'not a JSON array of strings');
        }
        if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) fail(file, rec.line, cols.references, 'not a JSON array of strings');
        refs = v as string[];
      }
      add(rec.fields[ki]!, refs, rec.fields[kc]!, rec.line);
    }
    return out;
  }
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((raw, k) => {
    const line = k + 1;
    if (raw.trim() === '') return;
    let rec: Record<string, unknown>;
    try {
      rec = JSON.parse(raw);
    } catch (e) {
      fail(file, line, '(line)', `invalid JSON: ${(e as Error).message}`);
    }
    if (!rec || typeof rec !== 'object' || Array.isArray(rec)) fail(file, line, '(line)', 'expected a JSON object');
    const id = rec[cols.id];
    if (id === undefined) fail(file, line, cols.id, 'missing field');
    if (typeof id !== 'string' && typeof id !== 'number') fail(file, line, cols.id, 'expected a string or number');
    const r = rec[cols.references];
    if (r === undefined) fail(file, line, cols.references, 'missing field');
    const refs = typeof r === 'string' ? [r] : r;
    if (!Array.isArray(refs) || refs.some((x) => typeof x !== 'string')) fail(file, line, cols.references, 'expected a string or an array of strings');
    const c = rec[cols.candidate];
    if (c === undefined) fail(file, line, cols.candidate, 'missing field');
    if (typeof c !== 'string') fail(file, line, cols.candidate, 'expected a string');
    add(String(id), [...(refs as string[])], c, line);
  });
  return out;
}

/**
 * Joins two JSONL files of `{"id", "text"}` lines (the CLI's `--refs`/`--cands` form): references
 * may repeat an id (several references); candidates may not. Order follows the candidates file.
 */
export function joinRefsAndCands(refsText: string, candsText: string, files: { refs: string; cands: string } = { refs: '<refs>', cands: '<cands>' }): LocatedSample[] {
  const read = (text: string, file: string) => {
    const rows: { id: string; text: string; line: number }[] = [];
    text
      .replace(/^\uFEFF/, '')
      .split(/\r?\n/)
      .forEach((raw, k) => {
        const line = k + 1;
        if (raw.trim() === '') return;
        let rec: { id?: unknown; text?: unknown };
        try {
          rec = JSON.parse(raw);
        } catch (e) {
          fail(file, line, '(line)', `invalid JSON: ${(e as Error).message}`);
        }
        if (typeof rec.id !== 'string' && typeof rec.id !== 'number') fail(file, line, 'id', 'missing, or not a string or number');
        if (String(rec.id).trim() === '') fail(file, line, 'id', 'empty id');
        if (typeof rec.text !== 'string') fail(file, line, 'text', 'missing, or not a string');
        rows.push({ id: String(rec.id), text: rec.text, line });
      });
    return rows;
  };
  const refs = new Map<string, string[]>();
  for (const r of read(refsText, files.refs)) {
    const list = refs.get(r.id);
    if (list) list.push(r.text);
    else refs.set(r.id, [r.text]);
  }
  const seen = new Map<string, number>();
  const out: LocatedSample[] = [];
  for (const c of read(candsText, files.cands)) {
    const first = seen.get(c.id);
    if (first !== undefined) fail(files.cands, c.line, 'id', `duplicate candidate id ${JSON.stringify(c.id)} (first on line ${first})`);
    seen.set(c.id, c.line);
    const r = refs.get(c.id);
    if (!r) fail(files.cands, c.line, 'id', `candidate id ${JSON.stringify(c.id)} has zero references in ${files.refs}`);
    out.push({ id: c.id, references: r, candidate: c.text, line: c.line });
  }
  for (const id of refs.keys()) {
    if (!seen.has(id)) throw new ReportMetricsError('INVALID_INPUT', `${files.refs}: field 'id': reference id ${JSON.stringify(id)} has no candidate in ${files.cands}`, { file: files.refs, field: 'id' });
  }
  return out;
}
