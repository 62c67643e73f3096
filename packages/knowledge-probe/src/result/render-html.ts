import { escapeXml, formatNumber } from './escape.js';
import type { Cell, ProbeResult, ProbeTable } from './probe-result.js';
import { renderSvg } from './render-svg.js';

function cell(v: Cell | undefined): string {
  if (v === null || v === undefined) return '';
  return escapeXml(typeof v === 'number' ? formatNumber(v) : String(v));
}

function table(t: ProbeTable): string {
  const head = t.columns.map((c) => `<th>${escapeXml(c)}</th>`).join('');
  const rows = t.rows.map((r) => `<tr>${t.columns.map((c) => `<td>${cell(r[c])}</td>`).join('')}</tr>`).join('');
  return `<h3>${escapeXml(t.name)}</h3>${t.description ? `<p class="d">${escapeXml(t.description)}</p>` : ''}<table><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table>${t.summary ? `<p>${escapeXml(t.summary)}</p>` : ''}`;
}

/**
 * One self-contained HTML page for a list of results (spec §6.1): per result its method, model,
 * sample, parameters and seed, tables, and charts as inline SVG. No scripts, no external assets.
 */
export function renderHtml(results: readonly ProbeResult[], options: { title?: string } = {}): string {
  const title = options.title ?? 'Knowledge probe report';
  const sections = results
    .map((r) => {
      const meta = { model: r.model, sample: r.sample, params: r.params, ...(r.seed !== undefined ? { seed: r.seed } : {}), methodVersion: r.methodVersion, stats: r.stats };
      const charts = r.charts.map((c) => `<figure>${renderSvg(c)}${c.description ? `<figcaption>${escapeXml(c.description)}</figcaption>` : ''}</figure>`).join('');
      const warnings = r.warnings.length ? `<ul class="w">${r.warnings.map((w) => `<li>${escapeXml(w)}</li>`).join('')}</ul>` : '';
      return `<section><h2>${escapeXml(r.method)}</h2>${r.summary ? `<p><strong>${escapeXml(r.summary)}</strong></p>` : ''}${warnings}<details><summary>model, sample, parameters</summary><pre>${escapeXml(JSON.stringify(meta, null, 2))}</pre></details>${charts}${r.tables.map(table).join('')}</section>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeXml(title)}</title>
<style>body{font-family:system-ui,sans-serif;margin:2em;max-width:1100px}table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:2px 6px;font-size:13px}th{background:#f4f2f8}figure{margin:1em 0}p.d,figcaption{color:#555;font-size:13px}ul.w{color:#a33}section{border-top:2px solid #ddd;margin-top:1.5em}</style>
</head><body><h1>${escapeXml(title)}</h1>
${sections}
</body></html>
`;
}
