import { mean } from '../stats/descriptive.js';
import { paretoAuc, paretoFrontier, type TradeoffPoint } from './pareto.js';

/** One method's RWKU-style scores (×100 scale as in RULE's table). */
export interface MethodScores {
  name: string;
  /** Forget ROUGE-L recall ×100 per level (FB, QA, AA); lower better. */
  forget: Record<string, number>;
  /** Neighbour ROUGE-L recall ×100 per level (FB, QA); higher better. */
  neighbor: Record<string, number>;
  /** Optional naturalness (Read/Help/Truth, 0-100). */
  naturalness?: { read: number; help: number; truth: number };
}

/** An evaluation report: scores per method, ready to print or plot. */
export interface EvaluationReport {
  markdown: string;
  /** SVG scatter of the forget/retain trade-off with the Pareto frontier. */
  svg: string;
  points: TradeoffPoint[];
  auc: Record<string, number>;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const f1 = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : '–');

/** Tradeoff SVG: x = 1 − forget/100, y = retain/100, points labelled, frontier drawn. */
export function tradeoffSvg(points: readonly TradeoffPoint[], o: { width?: number; height?: number; title?: string } = {}): string {
  const w = o.width ?? 480;
  const h = o.height ?? 360;
  const pad = 48;
  const X = (x: number) => pad + x * (w - 2 * pad);
  const Y = (y: number) => h - pad - y * (h - 2 * pad);
  const front = paretoFrontier(points);
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" font-family="sans-serif" font-size="11">`,
    `<rect width="${w}" height="${h}" fill="white"/>`,
    `<text x="${w / 2}" y="18" text-anchor="middle" font-size="13">${esc(o.title ?? 'Forget–retain trade-off')}</text>`,
    `<line x1="${X(0)}" y1="${Y(0)}" x2="${X(1)}" y2="${Y(0)}" stroke="black"/>`,
    `<line x1="${X(0)}" y1="${Y(0)}" x2="${X(0)}" y2="${Y(1)}" stroke="black"/>`,
    ...[0, 0.25, 0.5, 0.75, 1].flatMap((t) => [
      `<text x="${X(t)}" y="${Y(0) + 14}" text-anchor="middle">${t}</text>`,
      `<text x="${X(0) - 6}" y="${Y(t) + 4}" text-anchor="end">${t}</text>`,
    ]),
    `<text x="${w / 2}" y="${h - 8}" text-anchor="middle">1 − forget score (higher = more forgotten)</text>`,
    `<text x="14" y="${h / 2}" text-anchor="middle" transform="rotate(-90 14 ${h / 2})">retain score</text>`,
  ];
  if (front.length > 1) parts.push(`<polyline fill="none" stroke="#d62728" stroke-dasharray="4 3" points="${front.map((p) => `${X(p.x).toFixed(1)},${Y(p.y).toFixed(1)}`).join(' ')}"/>`);
  for (const p of points) {
    parts.push(`<circle cx="${X(p.x).toFixed(1)}" cy="${Y(p.y).toFixed(1)}" r="4" fill="#1f77b4"/>`);
    if (p.label) parts.push(`<text x="${(X(p.x) + 6).toFixed(1)}" y="${(Y(p.y) - 6).toFixed(1)}">${esc(p.label)}</text>`);
  }
  parts.push('</svg>');
  return parts.join('\n');
}

/** Markdown table in RULE's layout (All = unweighted mean of levels) plus the trade-off chart and AUCs. */
export function evaluationReport(methods: readonly MethodScores[], o: { retainFloors?: number[] } = {}): EvaluationReport {
  const fLevels = [...new Set(methods.flatMap((m) => Object.keys(m.forget)))];
  const nLevels = [...new Set(methods.flatMap((m) => Object.keys(m.neighbor)))];
  const head = ['Method', ...fLevels.map((l) => `F-${l}`), 'F-All ↓', 'Nat ↑', ...nLevels.map((l) => `R-${l}`), 'R-All ↑'];
  const lines = [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`];
  const points: TradeoffPoint[] = [];
  for (const m of methods) {
    const fAll = mean(Object.values(m.forget));
    const rAll = mean(Object.values(m.neighbor));
    const nat = m.naturalness ? (m.naturalness.read + m.naturalness.help + m.naturalness.truth) / 3 : Number.NaN;
    lines.push(`| ${[esc(m.name), ...fLevels.map((l) => f1(m.forget[l] ?? Number.NaN)), f1(fAll), f1(nat), ...nLevels.map((l) => f1(m.neighbor[l] ?? Number.NaN)), f1(rAll)].join(' | ')} |`);
    points.push({ x: 1 - fAll / 100, y: rAll / 100, label: m.name });
  }
  const floors = o.retainFloors ?? [0.4, 0.5, 0.6, 0.7];
  const auc = Object.fromEntries(floors.map((t) => [String(t), paretoAuc(points, { retainFloor: t })]));
  lines.push('', `Trade-off AUC over all methods (retain floor τ): ${floors.map((t) => `τ=${t}: ${auc[String(t)]!.toFixed(3)}`).join(', ')}`);
  lines.push('', 'Forget = pltrdy ROUGE-L recall ×100 on forget probes (RWKU "forget quality", lower better); not TOFU\'s KS-test forget quality.');
  return { markdown: lines.join('\n') + '\n', svg: tradeoffSvg(points), points, auc };
}
