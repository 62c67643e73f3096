import type { MmrvRecord } from '../records/record-schema.js';
import type { Report } from '../scoring/score-run.js';
import { renderReportHtml } from './render-html.js';
import { renderByRecordCsv, renderReportMarkdown, renderSummaryJson } from './render-report.js';

/** Options of `renderReportFiles`. */
export interface RenderReportOptions {
  /** Records of the run, to add video, category, L2/L3 and question to `by-record.csv`. */
  records?: readonly MmrvRecord[];
  /** Heading of `report.md` and `report.html` (default "Video-bench report"). */
  title?: string;
  /** Extra top-level fields for `summary.json` (e.g. model, mode, k). */
  meta?: Record<string, unknown>;
}

/** The four report files as `{ file name: content }` (spec §7). */
export function renderReportFiles(report: Report, options: RenderReportOptions = {}): Record<'summary.json' | 'by-record.csv' | 'report.md' | 'report.html', string> {
  return {
    'summary.json': renderSummaryJson(report, options.meta),
    'by-record.csv': renderByRecordCsv(report, options.records),
    'report.md': renderReportMarkdown(report, { title: options.title }),
    'report.html': renderReportHtml(report, { title: options.title }),
  };
}
