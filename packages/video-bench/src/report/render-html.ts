import type { Report, SliceScore } from '../scoring/score-run.js';
import { REPORT_SECTIONS, pct } from './render-report.js';
import { type Bar, escapeXml, svgBarChart } from './svg-chart.js';

function accuracyChart(title: string, slices: Record<string, SliceScore>): string {
  const bars: Bar[] = Object.entries(slices).map(([label, s]) => ({
    label,
    values: [s.accuracy, s.strictAccuracy],
    intervals: [s.wilson95, undefined],
    note: `${s.correct}/${s.total} = ${s.percent}%`,
  }));
  return svgBarChart({ title, bars, series: ['parity (Wilson 95%)', 'strict'], max: 1 });
}

function letterBiasChart(report: Report): string {
  const letters = Object.keys(report.letterBias).sort();
  const max = Math.max(1, ...letters.flatMap((l) => [report.letterBias[l]!.predicted, report.letterBias[l]!.correct]));
  const bars: Bar[] = letters.map((l) => {
    const b = report.letterBias[l]!;
    return { label: l, values: [b.predicted, b.correct], note: `${b.predicted} predicted / ${b.correct} correct` };
  });
  return svgBarChart({ title: 'Letter bias: predicted vs correct letter', bars, series: ['predicted', 'correct'], max });
}

function table(slices: Record<string, SliceScore>): string {
  const head = '<tr><th>Slice</th><th>Parity</th><th>Parity %</th><th>Strict %</th><th>Wilson 95%</th><th>Unanswered</th><th>Errors</th></tr>';
  const body = Object.entries(slices)
    .map(([name, s]) => `<tr><td>${escapeXml(name)}</td><td>${s.correct}/${s.total}</td><td>${s.percent}</td><td>${s.strictPercent}</td><td>${pct(s.wilson95[0])}–${pct(s.wilson95[1])}</td><td>${s.unanswered}</td><td>${s.errors}</td></tr>`)
    .join('');
  return `<table>${head}${body}</table>`;
}

/**
 * `report.html`: one self-contained page (inline CSS, inline SVG, no scripts, no external URLs)
 * with charts of accuracy by category, L2 and video type (parity bars with Wilson 95% whiskers,
 * strict bars) and of letter bias, plus the slice tables.
 */
export function renderReportHtml(report: Report, options: { title?: string } = {}): string {
  const title = escapeXml(options.title ?? 'Video-bench report');
  const o = report.overall;
  const charts = [
    accuracyChart('Accuracy by category', report.byCategory),
    accuracyChart('Accuracy by ability type L2', report.byL2),
    accuracyChart('Accuracy by video type', report.byVideoType),
    letterBiasChart(report),
  ];
  const tables = REPORT_SECTIONS.map(([key, name]) => `<h2>${escapeXml(name)}</h2>${table(report[key])}`).join('\n');
  return [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<title>${title}</title>`,
    '<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;margin-bottom:1em}td,th{border:1px solid #ccc;padding:2px 8px;text-align:right}td:first-child{text-align:left}</style>',
    '</head><body>',
    `<h1>${title}</h1>`,
    `<p>Overall: parity ${o.correct}/${o.total} = ${o.percent}%, strict ${o.strictCorrect}/${o.total} = ${o.strictPercent}%, unanswered ${o.unanswered}, errors ${o.errors}.</p>`,
    ...charts.map((c) => `<figure>${c}</figure>`),
    tables,
    '</body></html>',
    '',
  ].join('\n');
}
