import { escapeXml, formatNumber } from './escape.js';
import type { BarData, GraphChartData, HeatmapData, LineData, ProbeChart, ScatterData } from './probe-result.js';

const FONT = 'font-family="system-ui, sans-serif" font-size="11"';
const PALETTE = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];

/** Light → dark purple (ROME's colour map family) for t in [0, 1]. */
export function purple(t: number): string {
  const x = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0));
  const mix = (a: number, b: number) => Math.round(a + (b - a) * x);
  return `rgb(${mix(252, 63)},${mix(251, 0)},${mix(253, 125)})`;
}

function svg(width: number, height: number, body: string, title: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" ${FONT}><title>${escapeXml(title)}</title>${body}</svg>`;
}

function textWidth(s: string): number {
  return s.length * 6.5;
}

function heatmap(name: string, d: HeatmapData): string {
  const flat = d.values.flat().filter(Number.isFinite);
  const lo = d.floor ?? Math.min(...flat, 0);
  const hi = d.ceiling ?? Math.max(...flat, lo + 1e-12);
  const cw = Math.max(22, Math.min(48, 640 / Math.max(d.columns.length, 1)));
  const ch = 18;
  const left = Math.min(180, Math.max(40, ...d.rows.map(textWidth))) + 8;
  const top = 24;
  const w = left + cw * d.columns.length + 70;
  const h = top + ch * d.rows.length + 40;
  let body = `<text x="${left}" y="14" font-weight="bold">${escapeXml(name)}</text>`;
  d.values.forEach((row, r) => {
    body += `<text x="${left - 6}" y="${top + r * ch + 13}" text-anchor="end">${escapeXml(d.rows[r] ?? '')}</text>`;
    row.forEach((v, c) => {
      const t = (v - lo) / (hi - lo || 1);
      body += `<rect x="${left + c * cw}" y="${top + r * ch}" width="${cw}" height="${ch}" fill="${purple(t)}"><title>${escapeXml(`${d.rows[r]} × ${d.columns[c]}: ${formatNumber(v)}`)}</title></rect>`;
    });
  });
  d.columns.forEach((c, i) => (body += `<text x="${left + i * cw + cw / 2}" y="${top + ch * d.rows.length + 13}" text-anchor="middle">${escapeXml(c)}</text>`));
  if (d.xLabel) body += `<text x="${left + (cw * d.columns.length) / 2}" y="${h - 6}" text-anchor="middle">${escapeXml(d.xLabel)}</text>`;
  const lx = left + cw * d.columns.length + 12;
  const lh = ch * d.rows.length;
  for (let i = 0; i < 10; i++) body += `<rect x="${lx}" y="${top + (lh * i) / 10}" width="12" height="${lh / 10 + 0.5}" fill="${purple(1 - i / 9)}"/>`;
  body += `<text x="${lx + 16}" y="${top + 9}">${formatNumber(hi)}</text><text x="${lx + 16}" y="${top + lh}">${formatNumber(lo)}</text>`;
  return svg(w, h, body, name);
}

function axes(x0: number, y0: number, w: number, h: number, lo: number, hi: number): string {
  let s = `<line x1="${x0}" y1="${y0}" x2="${x0}" y2="${y0 - h}" stroke="#444"/><line x1="${x0}" y1="${y0}" x2="${x0 + w}" y2="${y0}" stroke="#444"/>`;
  for (let i = 0; i <= 4; i++) {
    const v = lo + ((hi - lo) * i) / 4;
    const y = y0 - (h * i) / 4;
    s += `<text x="${x0 - 4}" y="${y + 4}" text-anchor="end">${formatNumber(v)}</text><line x1="${x0}" y1="${y}" x2="${x0 + w}" y2="${y}" stroke="#eee"/>`;
  }
  return s;
}

function line(name: string, d: LineData): string {
  const W = 420;
  const H = 200;
  const x0 = 50;
  const y0 = 30 + H;
  const all = d.series.flatMap((s) => s.values).filter(Number.isFinite);
  const lo = Math.min(0, ...all);
  const hi = Math.max(lo + 1e-12, ...all);
  const n = Math.max(d.x.length - 1, 1);
  let body = `<text x="${x0}" y="16" font-weight="bold">${escapeXml(name)}</text>` + axes(x0, y0, W, H, lo, hi);
  d.x.forEach((x, i) => (body += `<text x="${x0 + (W * i) / n}" y="${y0 + 14}" text-anchor="middle">${escapeXml(String(x))}</text>`));
  d.series.forEach((s, k) => {
    const pts = s.values.map((v, i) => `${(x0 + (W * i) / n).toFixed(1)},${(y0 - (H * (v - lo)) / (hi - lo)).toFixed(1)}`);
    body += `<polyline fill="none" stroke="${PALETTE[k % PALETTE.length]}" stroke-width="2" points="${pts.join(' ')}"/>`;
    s.values.forEach((v, i) => (body += `<circle cx="${(x0 + (W * i) / n).toFixed(1)}" cy="${(y0 - (H * (v - lo)) / (hi - lo)).toFixed(1)}" r="3" fill="${PALETTE[k % PALETTE.length]}"><title>${escapeXml(`${s.name} @ ${d.x[i]}: ${formatNumber(v)}`)}</title></circle>`));
    body += `<text x="${x0 + W + 8}" y="${40 + k * 14}" fill="${PALETTE[k % PALETTE.length]}">${escapeXml(s.name)}</text>`;
  });
  if (d.xLabel) body += `<text x="${x0 + W / 2}" y="${y0 + 30}" text-anchor="middle">${escapeXml(d.xLabel)}</text>`;
  if (d.yLabel) body += `<text x="12" y="${y0 - H / 2}" transform="rotate(-90 12 ${y0 - H / 2})" text-anchor="middle">${escapeXml(d.yLabel)}</text>`;
  return svg(x0 + W + 120, y0 + 40, body, name);
}

function bar(name: string, d: BarData): string {
  const left = Math.min(220, Math.max(40, ...d.labels.map(textWidth))) + 10;
  const W = 320;
  const bh = 18;
  const max = Math.max(1e-12, ...d.values.map(Math.abs));
  let body = `<text x="${left}" y="16" font-weight="bold">${escapeXml(name)}</text>`;
  d.values.forEach((v, i) => {
    const y = 26 + i * (bh + 4);
    body += `<text x="${left - 6}" y="${y + 13}" text-anchor="end">${escapeXml(d.labels[i] ?? '')}</text><rect x="${left}" y="${y}" width="${((W * Math.abs(v)) / max).toFixed(1)}" height="${bh}" fill="${v < 0 ? '#e15759' : '#4e79a7'}"/><text x="${left + (W * Math.abs(v)) / max + 4}" y="${y + 13}">${formatNumber(v)}</text>`;
  });
  return svg(left + W + 60, 36 + d.values.length * (bh + 4), body, name);
}

function scatter(name: string, d: ScatterData): string {
  const W = 420;
  const H = 300;
  const x0 = 50;
  const y0 = 30 + H;
  const xs = d.points.map((p) => p.x);
  const ys = d.points.map((p) => p.y);
  const [xl, xh] = [Math.min(...xs, 0), Math.max(...xs, 0)];
  const [yl, yh] = [Math.min(...ys, 0), Math.max(...ys, 0)];
  const sx = (v: number) => x0 + ((v - xl) / (xh - xl || 1)) * W;
  const sy = (v: number) => y0 - ((v - yl) / (yh - yl || 1)) * H;
  const groups = [...new Set(d.points.map((p) => p.group ?? ''))];
  let body = `<text x="${x0}" y="16" font-weight="bold">${escapeXml(name)}</text>` + axes(x0, y0, W, H, yl, yh);
  for (const p of d.points) {
    const colour = PALETTE[groups.indexOf(p.group ?? '') % PALETTE.length];
    body += `<circle cx="${sx(p.x).toFixed(1)}" cy="${sy(p.y).toFixed(1)}" r="4" fill="${colour}"/><text x="${(sx(p.x) + 6).toFixed(1)}" y="${(sy(p.y) - 4).toFixed(1)}" fill="${colour}">${escapeXml(p.label)}</text>`;
  }
  return svg(x0 + W + 80, y0 + 24, body, name);
}

const EDGE_COLOURS: Record<string, string> = { q: '#e15759', k: '#59a14f', v: '#4e79a7' };

/** A layered DAG (circuits): nodes in rows by layer, edges with width ∝ |score|, q/k/v colours. */
function graph(name: string, d: GraphChartData): string {
  const layers = [...new Set(d.nodes.map((n) => n.layer))].sort((a, b) => a - b);
  const byLayer = layers.map((l) => d.nodes.filter((n) => n.layer === l));
  const widest = Math.max(1, ...byLayer.map((r) => r.length));
  const W = Math.max(300, widest * 70);
  const rowH = 60;
  const pos = new Map<string, { x: number; y: number }>();
  byLayer.forEach((row, r) => row.forEach((n, i) => pos.set(n.id, { x: 40 + ((i + 0.5) * W) / row.length, y: 40 + (layers.length - 1 - r) * rowH })));
  const max = Math.max(1e-12, ...d.edges.map((e) => Math.abs(e.score)));
  let body = `<text x="10" y="16" font-weight="bold">${escapeXml(name)}</text>`;
  for (const e of d.edges) {
    const a = pos.get(e.from);
    const b = pos.get(e.to);
    if (!a || !b) continue;
    body += `<line x1="${a.x.toFixed(1)}" y1="${a.y.toFixed(1)}" x2="${b.x.toFixed(1)}" y2="${b.y.toFixed(1)}" stroke="${EDGE_COLOURS[e.kind ?? ''] ?? '#888'}" stroke-opacity="0.7" stroke-width="${(0.5 + (4 * Math.abs(e.score)) / max).toFixed(2)}"><title>${escapeXml(`${e.from} → ${e.to}${e.kind ? ` <${e.kind}>` : ''}: ${formatNumber(e.score)}`)}</title></line>`;
  }
  for (const [id, p] of pos) body += `<circle cx="${p.x.toFixed(1)}" cy="${p.y.toFixed(1)}" r="12" fill="#fff" stroke="#333"/><text x="${p.x.toFixed(1)}" y="${(p.y + 4).toFixed(1)}" text-anchor="middle" font-size="9">${escapeXml(id)}</text>`;
  return svg(W + 80, 40 + layers.length * rowH, body, name);
}

/** Renders one chart as a standalone SVG string (dependency-free, browser-safe). */
export function renderSvg(chart: ProbeChart): string {
  switch (chart.kind) {
    case 'heatmap':
      return heatmap(chart.name, chart.data);
    case 'line':
      return line(chart.name, chart.data);
    case 'bar':
      return bar(chart.name, chart.data);
    case 'scatter':
      return scatter(chart.name, chart.data);
    case 'graph':
      return graph(chart.name, chart.data);
    case 'image':
      return svg(480, 360, `<image href="${escapeXml(chart.data.src)}" width="480" height="360"/>`, chart.name);
  }
}
