import type { Report } from './build-report.js';
import { csvCell } from './format.js';

const FIELDS = ['prmScore', 'f1', 'f1Neg', 'precision', 'recall', 'negPrecision', 'negRecall', 'correctStepAcc', 'wrongStepAcc', 'totalStepAcc', 'firstErrorAcc', 'bias', 'validityRate', 'n', 'steps', 'tp', 'fp', 'tn', 'fn'] as const;

/** Long CSV: one row per model × mode × group (overall, pattern, category), raw ratios (not ×100); literature rows marked `paper-reported`. */
export function renderCsv(report: Report): string {
  const rows: unknown[][] = [['model', 'source', 'mode', 'level', 'group', ...FIELDS]];
  for (const m of report.models) {
    for (const mode of ['strict', 'official'] as const) {
      const r = m[mode];
      const emit = (level: string, group: string, g: (typeof r)['overall']) => rows.push([m.name, 'measured', mode, level, group, ...FIELDS.map((f) => g[f])]);
      emit('overall', 'overall', r.overall);
      for (const [k, g] of Object.entries(r.byPattern)) emit('pattern', k, g);
      for (const [k, g] of Object.entries(r.byCategory)) emit('category', k, g);
    }
  }
  for (const l of report.literature) {
    rows.push([l.model, l.source, '', 'overall', 'overall', ...FIELDS.map((f) => (f === 'prmScore' ? l.prmScore : f === 'correctStepAcc' ? l.correctStepAcc : f === 'wrongStepAcc' ? l.wrongStepAcc : null)).map((v) => (typeof v === 'number' ? v / 100 : v))]);
  }
  return rows.map((r) => r.map(csvCell).join(',')).join('\n') + '\n';
}

/** The whole report as pretty JSON. */
export function renderJson(report: Report): string {
  return JSON.stringify(report, null, 2) + '\n';
}
