/** Minimal self-contained SVG charts for the HTML report (no scripts, no external assets). */

const esc = (s: string) => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
const W = 420;
const H = 220;
const PAD = 36;

/** Histogram of values in `bins` equal-width bins over [min, max] (or the data range). */
export function histogramSvg(values: ArrayLike<number>, title: string, options: { bins?: number; min?: number; max?: number } = {}): string {
  const xs = Array.from(values).filter(Number.isFinite);
  const bins = options.bins ?? 20;
  const min = options.min ?? Math.min(0, ...xs);
  const max = options.max ?? Math.max(min + 1e-9, ...xs);
  const counts = new Array<number>(bins).fill(0);
  for (const x of xs) counts[Math.min(bins - 1, Math.max(0, Math.floor(((x - min) / (max - min)) * bins)))]!++;
  const top = Math.max(1, ...counts);
  const bw = (W - 2 * PAD) / bins;
  const bars = counts
    .map((c, i) => {
      const h = ((H - 2 * PAD) * c) / top;
      return `<rect x="${(PAD + i * bw).toFixed(1)}" y="${(H - PAD - h).toFixed(1)}" width="${(bw - 1).toFixed(1)}" height="${h.toFixed(1)}" fill="#4a78b5"><title>${c}</title></rect>`;
    })
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(title)}"><text x="${W / 2}" y="18" text-anchor="middle" font-size="13">${esc(title)}</text>${bars}<line x1="${PAD}" y1="${H - PAD}" x2="${W - PAD}" y2="${H - PAD}" stroke="#333"/><text x="${PAD}" y="${H - PAD + 14}" font-size="10">${min.toFixed(2)}</text><text x="${W - PAD}" y="${H - PAD + 14}" font-size="10" text-anchor="end">${max.toFixed(2)}</text><text x="${PAD - 4}" y="${PAD}" font-size="10" text-anchor="end">${top}</text></svg>`;
}

/** Horizontal bar chart of labelled values in [0, 1]. */
export function barsSvg(labels: readonly string[], values: readonly number[], title: string): string {
  const rowH = 16;
  const h = 30 + labels.length * rowH;
  const lw = 170;
  const rows = labels
    .map((l, i) => {
      const v = Number.isFinite(values[i]!) ? values[i]! : 0;
      const y = 26 + i * rowH;
      return `<text x="${lw - 4}" y="${y + 11}" font-size="10" text-anchor="end">${esc(l)}</text><rect x="${lw}" y="${y}" width="${((W - lw - 40) * Math.max(0, Math.min(1, v))).toFixed(1)}" height="${rowH - 3}" fill="#5a9e6f"/><text x="${W - 36}" y="${y + 11}" font-size="10">${Number.isFinite(values[i]!) ? v.toFixed(3) : 'n/a'}</text>`;
    })
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${h}" viewBox="0 0 ${W} ${h}" role="img" aria-label="${esc(title)}"><text x="${W / 2}" y="16" text-anchor="middle" font-size="13">${esc(title)}</text>${rows}</svg>`;
}

/** Scatter plot (e.g. reference length against candidate length). */
export function scatterSvg(xs: readonly number[], ys: readonly number[], title: string, axes: { x: string; y: string }): string {
  const mx = Math.max(1, ...xs);
  const my = Math.max(1, ...ys);
  const pts = xs
    .map((x, i) => `<circle cx="${(PAD + ((W - 2 * PAD) * x) / mx).toFixed(1)}" cy="${(H - PAD - ((H - 2 * PAD) * ys[i]!) / my).toFixed(1)}" r="1.6" fill="#b5524a" fill-opacity="0.5"/>`)
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(title)}"><text x="${W / 2}" y="18" text-anchor="middle" font-size="13">${esc(title)}</text>${pts}<line x1="${PAD}" y1="${H - PAD}" x2="${W - PAD}" y2="${H - PAD}" stroke="#333"/><line x1="${PAD}" y1="${PAD}" x2="${PAD}" y2="${H - PAD}" stroke="#333"/><text x="${W / 2}" y="${H - 6}" font-size="10" text-anchor="middle">${esc(axes.x)} (max ${mx})</text><text x="10" y="${H / 2}" font-size="10" transform="rotate(-90 10 ${H / 2})" text-anchor="middle">${esc(axes.y)} (max ${my})</text></svg>`;
}

export { esc as escapeHtml };
