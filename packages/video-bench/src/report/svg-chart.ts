/** Escapes text for HTML/SVG content and attribute values. */
export function escapeXml(s: string): string {
  return s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&#39;');
}

/** One row of `svgBarChart`. */
export interface Bar {
  /** Row label. */
  label: string;
  /** Values in [0, max]. */
  values: number[];
  /** Optional [low, high] whisker per value (e.g. a Wilson interval). */
  intervals?: ([number, number] | undefined)[];
  /** Text shown after the bars. */
  note?: string;
}

const COLORS = ['#3b6ea5', '#d08c2f'];
const f = (x: number): string => String(Math.round(x * 100) / 100);

/**
 * A horizontal grouped bar chart as one self-contained `<svg>` element (no external references):
 * one row per bar, one rectangle per value, optional interval whiskers, a legend.
 */
export function svgBarChart(o: { title: string; bars: readonly Bar[]; series: readonly string[]; max: number }): string {
  const labelW = 220;
  const plotW = 360;
  const noteW = 150;
  const rowH = 10 + 14 * o.series.length;
  const top = 40;
  const height = top + rowH * o.bars.length + 10;
  const width = labelW + plotW + noteW;
  const x = (v: number): number => labelW + (plotW * Math.max(0, Math.min(v, o.max))) / (o.max || 1);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    `<title>${escapeXml(o.title)}</title>`,
    `<text x="0" y="14" font-weight="bold">${escapeXml(o.title)}</text>`,
  ];
  o.series.forEach((name, j) => {
    parts.push(`<rect x="${labelW + 120 * j}" y="22" width="10" height="10" fill="${COLORS[j % COLORS.length]}"/><text x="${labelW + 120 * j + 14}" y="31" font-size="11">${escapeXml(name)}</text>`);
  });
  o.bars.forEach((bar, i) => {
    const y = top + i * rowH;
    parts.push(`<text x="${labelW - 6}" y="${f(y + rowH / 2 + 4)}" text-anchor="end" font-size="12">${escapeXml(bar.label)}</text>`);
    bar.values.forEach((v, j) => {
      const by = y + 5 + 14 * j;
      parts.push(`<rect x="${labelW}" y="${by}" width="${f(x(v) - labelW)}" height="12" fill="${COLORS[j % COLORS.length]}"/>`);
      const iv = bar.intervals?.[j];
      if (iv) parts.push(`<line x1="${f(x(iv[0]))}" x2="${f(x(iv[1]))}" y1="${by + 6}" y2="${by + 6}" stroke="#222" stroke-width="1.5"/>`);
    });
    if (bar.note) parts.push(`<text x="${labelW + plotW + 8}" y="${f(y + rowH / 2 + 4)}" font-size="12">${escapeXml(bar.note)}</text>`);
  });
  parts.push('</svg>');
  return parts.join('');
}
