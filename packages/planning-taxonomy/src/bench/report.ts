import type { PlanMetrics, UsageStat } from './metrics.js';

/** Markdown table of metrics per strategy. */
export function renderMetricsTable(rows: { label: string; metrics: PlanMetrics }[]): string {
  const f = (x: number) => x.toFixed(3);
  const lines = ['| strategy | N | SR | OR | OR (valid) | CR | EX | GS | failures |', '|---|---|---|---|---|---|---|---|---|'];
  for (const { label, metrics: m } of rows) {
    const fails = Object.entries(m.failures).map(([k, v]) => `${k} ${v}`).join(', ') || '–';
    lines.push(`| ${label} | ${m.n} | ${f(m.sr)} | ${f(m.or)} | ${f(m.orValid)} | ${f(m.cr)} | ${f(m.ex)} | ${f(m.gs)} | ${fails} |`);
  }
  return lines.join('\n') + '\n';
}

/**
 * Markdown table of the extra §5.7 statistics per strategy: step accuracy vs the gold plan
 * (labelled "not a validity measure"), extraction rate, skipped lines, and mean / p95 of LLM
 * calls, tokens, wall ms and expansions per instance. "–" where a value is not reported.
 */
export function renderUsageTable(rows: { label: string; metrics: PlanMetrics }[]): string {
  const f = (x: number | null) => (x === null ? '–' : x.toFixed(3));
  const u = (x: UsageStat | null) => (x === null ? '–' : `${+x.mean.toFixed(1)} / ${+x.p95.toFixed(1)}`);
  const lines = [
    '| strategy | step acc. (not a validity measure) | extraction rate | skipped lines | LLM calls mean / p95 | tokens mean / p95 | wall ms mean / p95 | expansions mean / p95 |',
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const { label, metrics: m } of rows) {
    lines.push(`| ${label} | ${f(m.stepAccuracy)} | ${f(m.extractionRate)} | ${m.skippedLines} | ${u(m.usage.llmCalls)} | ${u(m.usage.tokens)} | ${u(m.usage.wallMs)} | ${u(m.usage.expansions)} |`);
  }
  return lines.join('\n') + '\n';
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * A minimal horizontal bar chart as standalone SVG (hand-written, no dependency: a chart
 * library would be the package's largest dependency for one bar chart). Values in [0, max].
 */
export function renderBarChartSvg(bars: { label: string; value: number }[], options: { title?: string; max?: number; width?: number } = {}): string {
  const width = options.width ?? 560;
  const labelW = 160;
  const barH = 22;
  const gap = 8;
  const top = options.title ? 34 : 10;
  const max = options.max ?? Math.max(1e-9, ...bars.map((b) => b.value));
  const plotW = width - labelW - 60;
  const height = top + bars.length * (barH + gap) + 10;
  const out = [`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`];
  if (options.title) out.push(`<text x="${width / 2}" y="20" text-anchor="middle" font-size="14" font-weight="bold">${esc(options.title)}</text>`);
  bars.forEach((b, i) => {
    const y = top + i * (barH + gap);
    const w = Math.max(0, Math.min(1, b.value / max)) * plotW;
    out.push(`<text x="${labelW - 6}" y="${y + barH / 2 + 4}" text-anchor="end">${esc(b.label)}</text>`);
    out.push(`<rect x="${labelW}" y="${y}" width="${w.toFixed(1)}" height="${barH}" fill="#4c78a8"/>`);
    out.push(`<text x="${(labelW + w + 4).toFixed(1)}" y="${y + barH / 2 + 4}">${Number.isInteger(b.value) ? b.value : b.value.toFixed(3)}</text>`);
  });
  out.push('</svg>');
  return out.join('\n') + '\n';
}
