import { escapeHtml as esc } from './format.js';

// Small hand-written SVG charts (no canvas, no runtime dependencies) [our choice: see README].
const PALETTE = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];
const FONT = 'font-family="system-ui, sans-serif" font-size="11"';

function frame(width: number, height: number, title: string, body: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${esc(title)}"><title>${esc(title)}</title><text x="${width / 2}" y="16" text-anchor="middle" ${FONT} font-size="13" font-weight="600">${esc(title)}</text>${body}</svg>`;
}

function legend(names: readonly string[], x: number, y: number): string {
  return names.map((n, i) => `<rect x="${x}" y="${y + i * 15}" width="10" height="10" fill="${PALETTE[i % PALETTE.length]}"/><text x="${x + 14}" y="${y + i * 15 + 9}" ${FONT}>${esc(n)}</text>`).join('');
}

function yAxis(x: number, top: number, h: number, max: number, width: number, ticks = 5, fmt = (v: number) => (max <= 1 ? v.toFixed(2) : v.toFixed(0))): string {
  let s = `<line x1="${x}" y1="${top}" x2="${x}" y2="${top + h}" stroke="#333"/>`;
  for (let t = 0; t <= ticks; t++) {
    const v = (max * t) / ticks;
    const y = top + h - (h * t) / ticks;
    s += `<line x1="${x - 3}" y1="${y}" x2="${x}" y2="${y}" stroke="#333"/><text x="${x - 5}" y="${y + 4}" text-anchor="end" ${FONT}>${fmt(v)}</text><line x1="${x}" y1="${y}" x2="${x + width}" y2="${y}" stroke="#eee"/>`;
  }
  return s;
}

/** Grouped bars: one group per category, one bar per series; values in [0, max] (null bars omitted). */
export function groupedBarChart(o: { title: string; categories: readonly string[]; series: readonly { name: string; values: readonly (number | null)[] }[]; max?: number; yLabel?: string }): string {
  const max = o.max ?? Math.max(1e-9, ...o.series.flatMap((s) => s.values.filter((v): v is number => v !== null)));
  const left = 40;
  const top = 28;
  const h = 200;
  const groupW = Math.max(40, o.series.length * 14 + 12);
  const w = left + o.categories.length * groupW + 160;
  const barW = (groupW - 12) / Math.max(1, o.series.length);
  let body = `<g>${yAxis(left, top, h, max, o.categories.length * groupW)}</g>`;
  o.categories.forEach((c, ci) => {
    const gx = left + 6 + ci * groupW;
    o.series.forEach((s, si) => {
      const v = s.values[ci];
      if (v === null || v === undefined) return;
      const bh = (h * Math.max(0, v)) / max;
      body += `<rect x="${gx + si * barW}" y="${top + h - bh}" width="${barW - 1}" height="${bh}" fill="${PALETTE[si % PALETTE.length]}"><title>${esc(`${s.name} · ${c}: ${v.toFixed(1)}`)}</title></rect>`;
    });
    body += `<text transform="translate(${gx + groupW / 2 - 6},${top + h + 10}) rotate(35)" ${FONT}>${esc(c)}</text>`;
  });
  body += legend(o.series.map((s) => s.name), left + o.categories.length * groupW + 16, top);
  return frame(w, top + h + 110, o.title, body);
}

/** Heatmap of rows × columns, values in [0, 1] (null cells grey), printed ×100. */
export function heatmap(o: { title: string; rows: readonly string[]; cols: readonly string[]; values: readonly (readonly (number | null)[])[] }): string {
  const left = 150;
  const top = 28;
  const cw = 34;
  const ch = 22;
  const colour = (v: number) => {
    const t = Math.max(0, Math.min(1, v));
    return `rgb(${Math.round(255 - 180 * t)},${Math.round(255 - 90 * t)},${Math.round(255 - 40 * t)})`;
  };
  let body = '';
  o.rows.forEach((r, ri) => {
    body += `<text x="${left - 6}" y="${top + ri * ch + 15}" text-anchor="end" ${FONT}>${esc(r)}</text>`;
    o.cols.forEach((_, ci) => {
      const v = o.values[ri]?.[ci] ?? null;
      body += `<rect x="${left + ci * cw}" y="${top + ri * ch}" width="${cw - 1}" height="${ch - 1}" fill="${v === null ? '#ddd' : colour(v)}"><title>${esc(`${r} · ${o.cols[ci]}: ${v === null ? 'n/a' : (v * 100).toFixed(1)}`)}</title></rect>`;
      if (v !== null) body += `<text x="${left + ci * cw + cw / 2}" y="${top + ri * ch + 15}" text-anchor="middle" ${FONT} font-size="9">${(v * 100).toFixed(0)}</text>`;
    });
  });
  o.cols.forEach((c, ci) => {
    body += `<text transform="translate(${left + ci * cw + cw / 2},${top + o.rows.length * ch + 6}) rotate(45)" ${FONT} font-size="9">${esc(c)}</text>`;
  });
  return frame(left + o.cols.length * cw + 20, top + o.rows.length * ch + 170, o.title, body);
}

/** Dumbbell: per row, a dot for each of two values in [0, 1] joined by a line (bias = the gap). */
export function dumbbell(o: { title: string; rows: readonly { name: string; a: number | null; b: number | null }[]; aLabel: string; bLabel: string }): string {
  const left = 150;
  const top = 40;
  const w = 360;
  const rh = 22;
  const x = (v: number) => left + w * Math.max(0, Math.min(1, v));
  let body = `<line x1="${left}" y1="${top - 8}" x2="${left + w}" y2="${top - 8}" stroke="#333"/>`;
  for (let t = 0; t <= 10; t += 2) body += `<text x="${left + (w * t) / 10}" y="${top - 12}" text-anchor="middle" ${FONT}>${t * 10}</text>`;
  o.rows.forEach((r, i) => {
    const y = top + i * rh + 8;
    body += `<text x="${left - 6}" y="${y + 4}" text-anchor="end" ${FONT}>${esc(r.name)}</text>`;
    if (r.a !== null && r.b !== null) body += `<line x1="${x(r.a)}" y1="${y}" x2="${x(r.b)}" y2="${y}" stroke="#999" stroke-width="2"/>`;
    if (r.a !== null) body += `<circle cx="${x(r.a)}" cy="${y}" r="5" fill="${PALETTE[0]}"><title>${esc(`${r.name} ${o.aLabel}: ${(r.a * 100).toFixed(1)}`)}</title></circle>`;
    if (r.b !== null) body += `<circle cx="${x(r.b)}" cy="${y}" r="5" fill="${PALETTE[2]}"><title>${esc(`${r.name} ${o.bLabel}: ${(r.b * 100).toFixed(1)}`)}</title></circle>`;
  });
  body += legend([o.aLabel, o.bLabel], left + w + 16, top);
  return frame(left + w + 160, top + o.rows.length * rh + 20, o.title, body);
}

/** A histogram (or any labelled bars) of one or more series. */
export function histogram(o: { title: string; bins: readonly string[]; series: readonly { name: string; values: readonly number[] }[]; fmt?: (v: number) => string }): string {
  return groupedBarChart({ title: o.title, categories: o.bins, series: o.series });
}
