/** A grouped bar chart as standalone SVG (no dependencies): one group per label, one bar per series. */
export function barChartSvg(title: string, labels: string[], series: { name: string; values: number[] }[], unit = ''): string {
  const W = 720;
  const H = 360;
  const pad = { l: 60, r: 20, t: 40, b: 70 };
  const max = Math.max(1e-12, ...series.flatMap((s) => s.values.filter(Number.isFinite)));
  const colors = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1'];
  const gw = (W - pad.l - pad.r) / labels.length;
  const bw = (gw * 0.8) / series.length;
  const y = (v: number) => pad.t + (H - pad.t - pad.b) * (1 - v / max);
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  let out = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="sans-serif" font-size="11">`;
  out += `<text x="${W / 2}" y="20" text-anchor="middle" font-size="14">${esc(title)}</text>`;
  out += `<line x1="${pad.l}" y1="${H - pad.b}" x2="${W - pad.r}" y2="${H - pad.b}" stroke="#333"/>`;
  for (let i = 0; i <= 4; i++) {
    const v = (max * i) / 4;
    out += `<text x="${pad.l - 6}" y="${y(v) + 4}" text-anchor="end">${v.toPrecision(3)}${esc(unit)}</text><line x1="${pad.l}" y1="${y(v)}" x2="${W - pad.r}" y2="${y(v)}" stroke="#ddd"/>`;
  }
  labels.forEach((label, i) => {
    series.forEach((s, j) => {
      const v = s.values[i]!;
      if (!Number.isFinite(v)) return;
      const x = pad.l + i * gw + gw * 0.1 + j * bw;
      out += `<rect x="${x.toFixed(1)}" y="${y(v).toFixed(1)}" width="${bw.toFixed(1)}" height="${(H - pad.b - y(v)).toFixed(1)}" fill="${colors[j % colors.length]}"><title>${esc(s.name)}: ${v}</title></rect>`;
    });
    out += `<text x="${pad.l + i * gw + gw / 2}" y="${H - pad.b + 16}" text-anchor="middle">${esc(label)}</text>`;
  });
  series.forEach((s, j) => {
    out += `<rect x="${pad.l + j * 130}" y="${H - 24}" width="10" height="10" fill="${colors[j % colors.length]}"/><text x="${pad.l + j * 130 + 14}" y="${H - 15}">${esc(s.name)}</text>`;
  });
  return `${out}</svg>\n`;
}
