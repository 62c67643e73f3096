import { csvField } from '../runner/parse-csv.js';
import { barsSvg, escapeHtml, histogramSvg, scatterSvg } from './svg-charts.js';
import type { ScoreReport } from './score-report.js';

const fmt = (v: number) => (Number.isFinite(v) ? v.toFixed(4) : String(v));

/** `per-sample.csv`: one row per sample, one column per per-sample metric. */
export function renderPerSampleCsv(report: ScoreReport): string {
  const cols = report.perSample.length ? Object.keys(report.perSample[0]!) : ['id'];
  return [cols.map(csvField).join(','), ...report.perSample.map((r) => cols.map((c) => csvField(r[c] ?? '')).join(','))].join('\n') + '\n';
}

/** `report.md`: corpus table with intervals, counts, warnings and footnotes. */
export function renderMarkdown(report: ScoreReport): string {
  const lines = ['# Report-generation metrics', '', `${report.counts.samples} samples (${report.counts.emptyCandidates} empty candidates).`, '', '| metric | value | 95% CI |', '|---|---|---|'];
  for (const [k, v] of Object.entries(report.corpus)) {
    const ci = report.intervals?.[k];
    lines.push(`| ${k} | ${fmt(v)} | ${ci ? `[${fmt(ci.low)}, ${fmt(ci.high)}]` : ''} |`);
  }
  if (report.chexbert) {
    lines.push('', '## CheXbert per class', '', '| class | P | R | F1 | support |', '|---|---|---|---|---|');
    for (const c of report.chexbert.all.classes) lines.push(`| ${c.name} | ${fmt(c.precision)} | ${fmt(c.recall)} | ${fmt(c.f1)} | ${c.support} |`);
  }
  if (report.warnings.length) lines.push('', '## Warnings', '', ...report.warnings.map((w) => `- ${w}`));
  if (report.footnotes.length) lines.push('', '## Notes', '', ...report.footnotes.map((f, i) => `${i + 1}. ${f}`));
  return lines.join('\n') + '\n';
}

/** `report.html`: self-contained page (inline CSS and SVG, no scripts). */
export function renderHtml(report: ScoreReport): string {
  const per = report.perSample;
  const col = (k: string) => per.map((r) => Number(r[k])).filter((x) => Number.isFinite(x));
  const charts: string[] = [];
  if (per.length && 'BLEU_4' in per[0]!) charts.push(histogramSvg(col('BLEU_4'), 'Per-sample BLEU-4', { min: 0, max: 1 }));
  if (per.length && 'ROUGE_L' in per[0]!) charts.push(histogramSvg(col('ROUGE_L'), 'Per-sample ROUGE-L', { min: 0, max: 1 }));
  if (per.length && 'CIDEr_D' in per[0]!) charts.push(histogramSvg(col('CIDEr_D'), 'Per-sample CIDEr-D', { min: 0 }));
  if (report.chexbert) charts.push(barsSvg(report.chexbert.all.classes.map((c) => c.name), report.chexbert.all.classes.map((c) => c.f1), 'CheXbert F1 per class'));
  charts.push(scatterSvg(col('reference_words'), col('candidate_words'), 'Length: reference vs candidate (words)', { x: 'reference words', y: 'candidate words' }));
  const rows = Object.entries(report.corpus)
    .map(([k, v]) => {
      const ci = report.intervals?.[k];
      return `<tr><td>${escapeHtml(k)}</td><td>${fmt(v)}</td><td>${ci ? `[${fmt(ci.low)}, ${fmt(ci.high)}]` : ''}</td></tr>`;
    })
    .join('');
  const notes = [...report.warnings.map((w) => `<li class="warn">${escapeHtml(w)}</li>`), ...report.footnotes.map((f) => `<li>${escapeHtml(f)}</li>`)].join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Report-generation metrics</title><style>body{font-family:system-ui,sans-serif;margin:2em;max-width:960px}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:3px 8px;text-align:left}.charts svg{margin:6px;border:1px solid #eee}.warn{color:#a33}</style></head><body><h1>Report-generation metrics</h1><p>${report.counts.samples} samples, ${report.counts.emptyCandidates} empty candidates.</p><table><tr><th>metric</th><th>value</th><th>95% CI</th></tr>${rows}</table><div class="charts">${charts.join('')}</div>${notes ? `<ul>${notes}</ul>` : ''}</body></html>\n`;
}
