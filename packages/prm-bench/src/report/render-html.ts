import { socraticDisplayName } from '../taxonomy/socratic-taxonomy.js';
import type { Report } from './build-report.js';
import { escapeHtml } from './format.js';
import { renderMarkdown } from './render-markdown.js';
import { dumbbell, groupedBarChart, heatmap, histogram } from './svg-charts.js';

/** The five charts of the report as SVG strings (spec §7). */
export function renderCharts(report: Report): { name: string; svg: string }[] {
  const names = report.models.map((m) => m.name);
  const pct = (v: number | null | undefined) => (v === null || v === undefined || v === -1 ? null : v * 100);
  const charts: { name: string; svg: string }[] = [];
  const groups = report.patterns.length > 0 ? report.patterns : report.categories;
  charts.push({
    name: 'prm-score-by-pattern',
    svg: groupedBarChart({
      title: `PRM-Score by ${report.patterns.length > 0 ? 'reasoning pattern' : 'category'} (strict, ×100)`,
      categories: [...groups, 'overall'],
      series: report.models.map((m) => ({ name: m.name, values: [...groups.map((g) => pct((report.patterns.length > 0 ? m.strict.byPattern[g] : m.strict.byCategory[g])?.prmScore)), pct(m.strict.overall.prmScore)] })),
      max: 100,
    }),
  });
  charts.push({
    name: 'heatmap-model-subcategory',
    svg: heatmap({
      title: 'PRM-Score, model × sub-category (strict)',
      rows: names,
      cols: report.categories.map((c) => (report.benchmark === 'socratic' ? socraticDisplayName(c) : c)),
      values: report.models.map((m) => report.categories.map((c) => m.strict.byCategory[c]?.prmScore ?? null)),
    }),
  });
  charts.push({
    name: 'correct-vs-error-accuracy',
    svg: dumbbell({
      title: 'Accuracy on correct vs erroneous steps (bias = gap)',
      rows: [
        ...report.models.map((m) => ({ name: m.name, a: m.strict.overall.correctStepAcc, b: m.strict.overall.wrongStepAcc })),
        ...report.literature.filter((l) => l.correctStepAcc !== null).map((l) => ({ name: `${l.model} (paper)`, a: l.correctStepAcc! / 100, b: l.wrongStepAcc! / 100 })),
      ],
      aLabel: 'correct steps',
      bLabel: 'error steps',
    }),
  });
  const bins = report.models[0]?.accuracyByPosition.map((_, b, all) => `${Math.round((100 * b) / all.length)}–${Math.round((100 * (b + 1)) / all.length)}%`) ?? [];
  const firstBins = Object.keys(report.firstErrorHistogram).map(Number).sort((a, b) => a - b);
  charts.push({
    name: 'error-positions',
    svg:
      groupedBarChart({ title: 'Step accuracy by relative position (×100)', categories: bins, series: report.models.map((m) => ({ name: m.name, values: m.accuracyByPosition.map(pct) })), max: 100 }) +
      histogram({ title: 'Gold first-error position (step, items)', bins: firstBins.map(String), series: [{ name: 'items', values: firstBins.map((b) => report.firstErrorHistogram[b]!) }] }),
  });
  const delays = [...new Set(report.models.flatMap((m) => Object.keys(m.delay.histogram).map(Number)))].sort((a, b) => a - b);
  charts.push({
    name: 'detection-delay',
    svg: histogram({ title: 'Detection delay (first flagged − first gold error, steps)', bins: delays.map(String), series: report.models.map((m) => ({ name: m.name, values: delays.map((d) => m.delay.histogram[d] ?? 0) })) }),
  });
  return charts;
}

function markdownTablesToHtml(md: string): string {
  const lines = md.split('\n');
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (l.startsWith('# ')) out.push(`<h1>${escapeHtml(l.slice(2))}</h1>`);
    else if (l.startsWith('## ')) out.push(`<h2>${escapeHtml(l.slice(3))}</h2>`);
    else if (l.startsWith('| ')) {
      const rows: string[][] = [];
      while (i < lines.length && lines[i]!.startsWith('|')) {
        if (!/^\|(---\|)+$/.test(lines[i]!)) rows.push(lines[i]!.slice(2, -2).split(' | '));
        i++;
      }
      i--;
      const [head, ...body] = rows;
      out.push(`<table><thead><tr>${head!.map((c) => `<th>${escapeHtml(c)}</th>`).join('')}</tr></thead><tbody>${body.map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`).join('')}</tbody></table>`);
    } else if (l.trim() !== '') out.push(`<p>${escapeHtml(l)}</p>`);
  }
  return out.join('\n');
}

/** One self-contained HTML file: the Markdown tables as HTML plus the five inline SVG charts; no scripts, no external assets. */
export function renderHtml(report: Report): string {
  const charts = renderCharts(report)
    .map((c) => `<figure id="${c.name}">${c.svg}</figure>`)
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>PRM benchmark report: ${escapeHtml(report.benchmark)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:1200px;margin:2em auto;padding:0 1em;color:#222}table{border-collapse:collapse;margin:1em 0;font-size:13px}th,td{border:1px solid #ccc;padding:3px 8px;text-align:right}th:first-child,td:first-child{text-align:left}figure{margin:1.5em 0;overflow-x:auto}</style>
</head><body>
${markdownTablesToHtml(renderMarkdown(report))}
<h2>Charts</h2>
${charts}
</body></html>
`;
}
