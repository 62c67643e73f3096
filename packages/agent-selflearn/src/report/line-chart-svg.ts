/** One line of a chart: `points` are (x, y) pairs; non-finite y values break the line. */
export interface ChartSeries {
  name: string;
  points: readonly (readonly [number, number])[];
  /** CSS colour. Default: from a fixed palette by series position. */
  color?: string;
}

/** Geometry of `lineChartSvg` (pixels). */
export const CHART_SIZE = Object.freeze({ width: 640, height: 260, left: 56, right: 16, top: 32, bottom: 40 });

const PALETTE = ['#4e79a7', '#f28e2b', '#59a14f', '#e15759', '#76b7b2', '#b07aa1'];

/** Escapes text for SVG/HTML content and attributes. */
export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * A standalone SVG line chart (no dependencies): linear axes spanning the data (y always includes
 * 0), one polyline per series, optional dashed vertical markers (e.g. phase boundaries), a legend.
 * The y range is [min(0, ymin), ymax] (ymax := ymin + 1 when flat); x spans [xmin, xmax].
 */
export function lineChartSvg(title: string, series: readonly ChartSeries[], options: { markers?: readonly { x: number; label: string }[]; xLabel?: string } = {}): string {
  const { width: W, height: H, left: L, right: R, top: T, bottom: B } = CHART_SIZE;
  const xs = series.flatMap((s) => s.points.map((p) => p[0]));
  const ys = series.flatMap((s) => s.points.map((p) => p[1]).filter(Number.isFinite));
  const xmin = xs.length ? Math.min(...xs) : 0;
  const xmax = xs.length && Math.max(...xs) > xmin ? Math.max(...xs) : xmin + 1;
  const ymin = Math.min(0, ...ys);
  const ymaxRaw = ys.length ? Math.max(...ys) : 1;
  const ymax = ymaxRaw > ymin ? ymaxRaw : ymin + 1;
  const px = (x: number) => L + ((x - xmin) / (xmax - xmin)) * (W - L - R);
  const py = (y: number) => T + (1 - (y - ymin) / (ymax - ymin)) * (H - T - B);
  const f = (v: number) => v.toFixed(1);
  let out = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="11" role="img" aria-label="${escapeXml(title)}">`;
  out += `<text x="${W / 2}" y="18" text-anchor="middle" font-size="13">${escapeXml(title)}</text>`;
  for (let i = 0; i <= 4; i++) {
    const v = ymin + ((ymax - ymin) * i) / 4;
    out += `<line x1="${L}" y1="${f(py(v))}" x2="${W - R}" y2="${f(py(v))}" stroke="#e5e5e5"/><text x="${L - 6}" y="${f(py(v) + 4)}" text-anchor="end">${Number(v.toPrecision(3))}</text>`;
  }
  out += `<line x1="${L}" y1="${H - B}" x2="${W - R}" y2="${H - B}" stroke="#333"/><line x1="${L}" y1="${T}" x2="${L}" y2="${H - B}" stroke="#333"/>`;
  out += `<text x="${L}" y="${H - B + 14}" text-anchor="middle">${Number(xmin.toPrecision(4))}</text><text x="${W - R}" y="${H - B + 14}" text-anchor="middle">${Number(xmax.toPrecision(4))}</text>`;
  if (options.xLabel) out += `<text x="${(L + W - R) / 2}" y="${H - B + 14}" text-anchor="middle">${escapeXml(options.xLabel)}</text>`;
  for (const m of options.markers ?? []) {
    out += `<line x1="${f(px(m.x))}" y1="${T}" x2="${f(px(m.x))}" y2="${H - B}" stroke="#999" stroke-dasharray="4 3"/><text x="${f(px(m.x) + 3)}" y="${T + 10}" fill="#666">${escapeXml(m.label)}</text>`;
  }
  series.forEach((s, j) => {
    const color = s.color ?? PALETTE[j % PALETTE.length]!;
    // split at non-finite values so gaps stay gaps
    let run: string[] = [];
    const flush = () => {
      if (run.length === 1) out += `<circle cx="${run[0]!.split(',')[0]}" cy="${run[0]!.split(',')[1]}" r="2" fill="${color}"/>`;
      else if (run.length > 1) out += `<polyline fill="none" stroke="${color}" stroke-width="1.5" points="${run.join(' ')}"/>`;
      run = [];
    };
    for (const [x, y] of s.points) {
      if (Number.isFinite(y)) run.push(`${f(px(x))},${f(py(y))}`);
      else flush();
    }
    flush();
    out += `<rect x="${L + j * 120}" y="${H - 16}" width="10" height="10" fill="${color}"/><text x="${L + j * 120 + 14}" y="${H - 7}">${escapeXml(s.name)}</text>`;
  });
  return `${out}</svg>`;
}
