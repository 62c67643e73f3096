import type { MmrvRecord } from '../records/record-schema.js';
import type { Report, SliceScore } from '../scoring/score-run.js';
import { toCsv } from './csv.js';

/** Slice tables of a report, in the order the files show them. */
export const REPORT_SECTIONS = [
  ['byCategory', 'Category'],
  ['byL2', 'Ability type L2'],
  ['byL3', 'Ability type L3'],
  ['byVideoType', 'Video type'],
  ['byOptionCount', 'Number of options'],
] as const satisfies readonly [keyof Report, string][];

/** A proportion as a percentage with two decimals (Wilson bounds; accuracies use `SliceScore.percent`). */
export function pct(x: number): string {
  return (100 * x).toFixed(2);
}

/**
 * `summary.json`: every slice of the report (parity, strict, unanswered, errors, Wilson 95%),
 * step counts, letter bias, `Other`-category and missing ids, without the per-record rows
 * (those are in `by-record.csv`). Two-space indent and a trailing newline.
 */
export function renderSummaryJson(report: Report, meta: Record<string, unknown> = {}): string {
  const { rows, ...rest } = report;
  return `${JSON.stringify({ ...meta, scored: rows.length, ...rest }, null, 2)}\n`;
}

/** Columns of `by-record.csv`, in order. */
export const BY_RECORD_COLUMNS = ['id', 'video', 'videoType', 'category', 'abilityTypeL2', 'abilityTypeL3', 'question', 'correctLetter', 'final', 'strict', 'step', 'correct', 'strictCorrect', 'status'] as const;

/**
 * `by-record.csv` (RFC 4180, CRLF): one row per scored record, record fields joined by id
 * (empty when `records` lacks the id); `final`/`strict`/`step` empty when unanswered.
 */
export function renderByRecordCsv(report: Report, records: readonly MmrvRecord[] = []): string {
  const byId = new Map(records.map((r) => [r.id, r]));
  const rows = report.rows.map((s) => {
    const r = byId.get(s.id);
    return [s.id, r?.video, r?.videoType, r?.category, r?.abilityTypeL2, r?.abilityTypeL3, r?.question, s.correctLetter, s.final, s.strict, s.step, s.correct, s.strictCorrect, s.status];
  });
  return toCsv([[...BY_RECORD_COLUMNS], ...rows]);
}

const md = (s: string): string => s.replaceAll('\\', '\\\\').replaceAll('|', '\\|').replace(/\r?\n|\r/g, ' ');

/** One Markdown table row of a slice. */
export function sliceRow(name: string, s: SliceScore): string {
  return `| ${md(name)} | ${s.correct}/${s.total} | ${s.percent} | ${s.strictCorrect}/${s.total} | ${s.strictPercent} | ${pct(s.wilson95[0])}–${pct(s.wilson95[1])} | ${s.unanswered} | ${s.strictUnanswered} | ${s.errors} |`;
}

const TABLE_HEAD = '| Slice | Parity | Parity % | Strict | Strict % | Wilson 95% | Unanswered | Strict unanswered | Errors |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|';

/** `report.md`: overall line, one table per slice kind, answer steps, letter bias, lists. */
export function renderReportMarkdown(report: Report, options: { title?: string } = {}): string {
  const o = report.overall;
  const out: string[] = [`# ${md(options.title ?? 'Video-bench report')}`, ''];
  out.push(`Overall: parity ${o.correct}/${o.total} = ${o.percent}%, strict ${o.strictCorrect}/${o.total} = ${o.strictPercent}%, unanswered ${o.unanswered} (strict ${o.strictUnanswered}), errors ${o.errors}.`, '');
  out.push('## Overall', '', TABLE_HEAD, sliceRow('Overall', o), '');
  for (const [key, title] of REPORT_SECTIONS) {
    out.push(`## ${title}`, '', TABLE_HEAD);
    for (const [name, s] of Object.entries(report[key])) out.push(sliceRow(name, s));
    out.push('');
  }
  out.push('## Answer steps (parity cascade)', '', '| Step | Count |', '|---|---:|');
  for (const [step, n] of Object.entries(report.steps)) out.push(`| ${step} | ${n} |`);
  out.push('', '## Letter bias', '', '| Letter | Predicted | Correct |', '|---|---:|---:|');
  for (const letter of Object.keys(report.letterBias).sort()) {
    const b = report.letterBias[letter]!;
    out.push(`| ${letter} | ${b.predicted} | ${b.correct} |`);
  }
  out.push('');
  if (report.otherCategory.length > 0) out.push(`Records in category Other (L2 outside the mapping): ${report.otherCategory.map(md).join(', ')}`, '');
  if (report.missing.length > 0) out.push(`Records without a result row (not scored): ${report.missing.map(md).join(', ')}`, '');
  return out.join('\n');
}
