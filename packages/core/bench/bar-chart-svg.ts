// A minimal horizontal bar chart as SVG, for benchmark reports (no dependency needed for bars).
export interface Bar {
  label: string;
  value: number;
  note?: string;
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function barChartSvg(title: string, unit: string, bars: readonly Bar[]): string {
  const width = 760;
  const labelWidth = 260;
  const rowHeight = 34;
  const top = 48;
  const height = top + bars.length * rowHeight + 24;
  const max = Math.max(...bars.map((b) => b.value), 1e-9);
  const scale = (width - labelWidth - 150) / max;
  const rows = bars
    .map((b, i) => {
      const y = top + i * rowHeight;
      const w = Math.max(1, b.value * scale);
      const text = `${b.value.toLocaleString('en-US', { maximumFractionDigits: 1 })} ${unit}${b.note ? ` (${b.note})` : ''}`;
      return [
        `<text x="${labelWidth - 8}" y="${y + 20}" text-anchor="end">${escape(b.label)}</text>`,
        `<rect x="${labelWidth}" y="${y + 6}" width="${w.toFixed(1)}" height="20" fill="#4C78A8"/>`,
        `<text x="${(labelWidth + w + 6).toFixed(1)}" y="${y + 20}">${escape(text)}</text>`,
      ].join('');
    })
    .join('\n  ');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="13">
  <rect width="100%" height="100%" fill="white"/>
  <text x="12" y="26" font-size="16" font-weight="bold">${escape(title)}</text>
  ${rows}
</svg>
`;
}
