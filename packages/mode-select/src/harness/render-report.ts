import type { TraceEvaluation } from './evaluate-traces.js';

const f = (x: number | null | undefined, digits = 3) => (x === null || x === undefined ? '—' : x.toFixed(digits));
const pct = (x: number | null | undefined) => (x === null || x === undefined ? '—' : `${(100 * x).toFixed(1)}%`);
const pts = (x: number | null | undefined) => (x === null || x === undefined ? '—' : `${x >= 0 ? '+' : ''}${(100 * x).toFixed(1)}`);

/** The evaluation as Markdown: references, a classifier table, a routed table (at λ and at the operating point). */
export function renderMarkdownReport(e: TraceEvaluation, title = 'Mode selection report'): string {
  const r = e.references;
  const lines = [
    `# ${title}`,
    '',
    `${e.n} questions; datasets: ${e.datasets.join(', ')}.${e.header?.fakeThought ? ` Fake thought \`${e.header.fakeThought.id}\`: ${JSON.stringify(e.header.fakeThought.body + e.header.fakeThought.close)}.` : ''}`,
    `Label: ${e.options.label === 'tau' ? `1[yNoThink ≥ ${e.options.tau}]` : '1[yNoThink ≥ yThink]'} (positive rate ${pct(r.positiveRate)}). Restart rate of NoThinking: ${pct(e.restartRate)}.`,
    '',
    '## References',
    '',
    '| reference | accuracy | avg tokens | saved |',
    '|---|---|---|---|',
    `| always-think | ${pct(r.alwaysThink.acc)} | ${f(r.alwaysThink.avgTokens, 1)} | 0.0% |`,
    `| always-nothink | ${pct(r.alwaysNoThink.acc)} | ${f(r.alwaysNoThink.avgTokens, 1)} | ${pct(r.alwaysNoThink.saved)} |`,
    `| oracle | ${pct(r.oracle.routedAcc)} | ${f(r.oracle.avgTokens, 1)} | ${pct(r.oracle.saved)} |`,
    `| random (r = ${f(r.randomConstrained.rate)}, ΔAcc ≥ −${pct(e.options.maxAccDrop)}) | ${pct(r.randomConstrained.acc)} | ${f(r.randomConstrained.avgTokens, 1)} | ${pct(r.randomConstrained.saved)} |`,
    '',
    '## Classifier of "NoThinking is enough"',
    '',
    '| selector | ROC-AUC | AUC mean ± std over datasets | ECE | Brier | PR-AUC | precision@λ | recall@λ | F1@λ |',
    '|---|---|---|---|---|---|---|---|---|',
    ...e.selectors.map((s) => `| ${s.id} | ${f(s.rocAuc)} | ${f(s.aucMean)} ± ${f(s.aucStd)} | ${f(s.ece)} | ${f(s.brier)} | ${f(s.prAuc)} | ${f(s.precision)} | ${f(s.recall)} | ${f(s.f1)} |`),
    '',
    '## Routed system',
    '',
    '| selector | λ | RoutedAcc | ΔAcc (pts) | AvgTokens | + overhead | CR | Saved | NoThinkRate | random at rate: acc | operating λ | Saved at op. | ΔAcc at op. | G |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...e.selectors.map(
      (s) =>
        `| ${s.id} | ${f(s.threshold)} | ${pct(s.routed.routedAcc)} | ${pts(s.routed.deltaAcc)} | ${f(s.routed.avgTokens, 1)} | ${f(s.routed.avgTokensWithOverhead, 1)} | ${f(s.routed.cr)} | ${pct(s.routed.saved)} | ${pct(s.routed.noThinkRate)} | ${pct(s.randomAtRate.acc)} | ${f(s.operatingPoint?.threshold)} | ${pct(s.operatingPoint?.saved)} | ${pts(s.operatingPoint?.deltaAcc)} | ${f(s.oracleGapClosure)} |`,
    ),
  ];
  const replays = e.selectors.filter((s) => s.replay);
  if (replays.length > 0) {
    lines.push('', '## Early-exit replay (post hoc)', '', '| policy | accuracy | avg tokens | saved |', '|---|---|---|---|');
    for (const s of replays) lines.push(`| ${s.id} | ${pct(s.replay!.acc)} | ${f(s.replay!.avgTokens, 1)} | ${pct(s.replay!.saved)} |`);
  }
  if (e.warnings.length > 0) lines.push('', '## Warnings', '', ...e.warnings.map((w) => `- ${w}`));
  return `${lines.join('\n')}\n`;
}

const PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf', '#393b79', '#637939'];

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** An SVG chart of each selector's Pareto front (AvgTokens → RoutedAcc), with the references as points. */
export function renderParetoSvg(e: TraceEvaluation, size: { width: number; height: number } = { width: 720, height: 440 }): string {
  const { width, height } = size;
  const m = { l: 60, r: 170, t: 20, b: 45 };
  const fronts = e.selectors.filter((s) => s.paretoFront && s.paretoFront.length > 0);
  const xs = [e.references.alwaysThink.avgTokens, e.references.alwaysNoThink.avgTokens, ...fronts.flatMap((s) => s.paretoFront!.map((p) => p.avgTokens))];
  const ys = [e.references.alwaysThink.acc, e.references.alwaysNoThink.acc, e.references.oracle.routedAcc, ...fronts.flatMap((s) => s.paretoFront!.map((p) => p.routedAcc))];
  const x0 = 0;
  const x1 = Math.max(...xs) * 1.05 || 1;
  const y0 = Math.max(0, Math.min(...ys) - 0.05);
  const y1 = Math.min(1, Math.max(...ys) + 0.02);
  const X = (v: number) => m.l + ((v - x0) / (x1 - x0)) * (width - m.l - m.r);
  const Y = (v: number) => height - m.b - ((v - y0) / (y1 - y0 || 1)) * (height - m.t - m.b);
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<line x1="${m.l}" y1="${height - m.b}" x2="${width - m.r}" y2="${height - m.b}" stroke="black"/>`,
    `<line x1="${m.l}" y1="${m.t}" x2="${m.l}" y2="${height - m.b}" stroke="black"/>`,
    `<text x="${(m.l + width - m.r) / 2}" y="${height - 10}" text-anchor="middle">average generated tokens</text>`,
    `<text x="14" y="${(m.t + height - m.b) / 2}" text-anchor="middle" transform="rotate(-90 14 ${(m.t + height - m.b) / 2})">routed accuracy</text>`,
  ];
  for (let i = 0; i <= 4; i++) {
    const vx = x0 + ((x1 - x0) * i) / 4;
    const vy = y0 + ((y1 - y0) * i) / 4;
    parts.push(`<text x="${X(vx).toFixed(1)}" y="${height - m.b + 14}" text-anchor="middle">${vx.toFixed(0)}</text>`);
    parts.push(`<text x="${m.l - 6}" y="${(Y(vy) + 4).toFixed(1)}" text-anchor="end">${(100 * vy).toFixed(0)}%</text>`);
  }
  fronts.forEach((s, k) => {
    const color = PALETTE[k % PALETTE.length]!;
    const path = s.paretoFront!.map((p, i) => `${i === 0 ? 'M' : 'L'}${X(p.avgTokens).toFixed(1)},${Y(p.routedAcc).toFixed(1)}`).join(' ');
    parts.push(`<path d="${path}" fill="none" stroke="${color}" stroke-width="1.5"/>`);
    parts.push(`<rect x="${width - m.r + 10}" y="${m.t + 14 * k}" width="10" height="10" fill="${color}"/><text x="${width - m.r + 24}" y="${m.t + 14 * k + 9}">${esc(s.id)}</text>`);
  });
  const ref = (label: string, x: number, y: number) =>
    parts.push(`<circle cx="${X(x).toFixed(1)}" cy="${Y(y).toFixed(1)}" r="3.5" fill="black"/><text x="${(X(x) + 5).toFixed(1)}" y="${(Y(y) - 5).toFixed(1)}">${label}</text>`);
  ref('always-think', e.references.alwaysThink.avgTokens, e.references.alwaysThink.acc);
  ref('always-nothink', e.references.alwaysNoThink.avgTokens, e.references.alwaysNoThink.acc);
  ref('oracle', e.references.oracle.avgTokens, e.references.oracle.routedAcc);
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
