import { socraticDisplayName } from '../taxonomy/socratic-taxonomy.js';
import type { Report } from './build-report.js';
import { pct } from './format.js';

const table = (header: string[], rows: string[][]) =>
  [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');

/**
 * Markdown tables: PRM-Score per pattern and per sub-category (strict, official in parentheses),
 * class accuracies, bias, first-error accuracy, validity rate, detection delay and cost, then the
 * paper-reported literature rows.
 */
export function renderMarkdown(report: Report): string {
  const out: string[] = [`# PRM benchmark report: ${report.benchmark}`, '', `${report.items} items. PRM-Score ×100: strict, with official (upstream-identical) in parentheses.`, ''];
  const both = (s: number | null, o: number | null) => `${pct(s)} (${pct(o)})`;
  if (report.patterns.length > 0) {
    out.push('## PRM-Score by reasoning pattern', '');
    out.push(
      table(
        ['model', ...report.patterns, 'overall'],
        report.models.map((m) => [m.name, ...report.patterns.map((p) => both(m.strict.byPattern[p]?.prmScore ?? null, m.official.byPattern[p]?.prmScore ?? null)), both(m.strict.overall.prmScore, m.official.overall.prmScore)]),
      ),
      '',
    );
  }
  out.push('## PRM-Score by sub-category', '');
  out.push(
    table(
      ['sub-category', ...report.models.map((m) => m.name)],
      report.categories.map((c) => [report.benchmark === 'socratic' ? socraticDisplayName(c) : c, ...report.models.map((m) => both(m.strict.byCategory[c]?.prmScore ?? null, m.official.byCategory[c]?.prmScore ?? null))]),
    ),
    '',
  );
  out.push('## Class accuracies and bias (strict)', '');
  out.push(
    table(
      ['model', 'acc. correct steps', 'acc. error steps', 'bias', 'first-error acc.', 'F1', 'F1 (errors)', 'validity rate', 'mean delay', 'missed', 'latency ms', 'tokens in/out'],
      report.models.map((m) => {
        const o = m.strict.overall;
        return [
          m.name,
          pct(o.correctStepAcc),
          pct(o.wrongStepAcc),
          o.bias === null ? '–' : o.bias.toFixed(3),
          pct(o.firstErrorAcc),
          pct(o.f1),
          pct(o.f1Neg),
          pct(o.validityRate),
          m.delay.meanDelay === null ? '–' : m.delay.meanDelay.toFixed(2),
          pct(m.delay.missedRate),
          m.cost ? m.cost.meanLatencyMs.toFixed(0) : '–',
          m.cost ? `${m.cost.promptTokens}/${m.cost.completionTokens}` : '–',
        ];
      }),
    ),
    '',
  );
  if (report.literature.length > 0) {
    out.push('## Literature (paper-reported, overall; unknown cells –)', '');
    out.push(table(['model', 'type', 'PRM-Score', 'acc. correct', 'acc. error', 'source'], report.literature.map((r) => [r.model, r.type, r.prmScore?.toFixed(1) ?? '–', r.correctStepAcc?.toFixed(1) ?? '–', r.wrongStepAcc?.toFixed(1) ?? '–', r.source])), '');
  }
  return out.join('\n');
}
