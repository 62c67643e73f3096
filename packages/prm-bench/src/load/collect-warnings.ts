import type { LoadReport, LoadWarning } from './bench-item.js';

/** Builds a `LoadReport` from collected warnings. */
export function makeReport(records: number, items: number, warnings: LoadWarning[], files: Iterable<string>): LoadReport {
  const counts: LoadReport['counts'] = {};
  for (const w of warnings) counts[w.code] = (counts[w.code] ?? 0) + 1;
  return { records, items, warnings, counts, files: [...new Set(files)] };
}
