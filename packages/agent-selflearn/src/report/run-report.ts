import type { PhaseKind } from '../loop/asl-config.js';
import { escapeXml, lineChartSvg, type ChartSeries } from './line-chart-svg.js';

/** One phase of a run with its per-step statistics (oldest step first). */
export interface ReportPhase {
  id: string;
  metaIter: number;
  round: number;
  kind: PhaseKind;
  steps: number;
  stopReason?: string;
  /** Step statistic name → values by step (index = step). */
  stats: Record<string, number[]>;
}

/** What `renderRunReport` draws: the run's phases in order. */
export interface RunReportData {
  runId: string;
  phases: ReportPhase[];
}

/** Step statistics charted by default, with their titles (monitors of spec §14 and the role score). */
export const REPORT_CHARTS: readonly { key: string; title: string }[] = Object.freeze([
  { key: 'mean', title: 'Mean role score per step (no format bonus)' },
  { key: 'validRate', title: 'PG validity rate' },
  { key: 'duplicatesPer1000', title: 'Duplicate questions per 1,000 candidates' },
  { key: 'grmEmGap', title: 'GRM − EM gap (points; reward-hacking signal)' },
  { key: 'thinkRatio', title: '<think> ratio of assistant turns' },
  { key: 'toolCallsPerTrajectory', title: 'Tool calls per trajectory' },
]);

const KIND_COLOR: Record<PhaseKind, string> = { generate: '#4e79a7', verify: '#f28e2b', solve: '#59a14f' };
const KIND_NAME: Record<PhaseKind, string> = { generate: 'PG (generate)', verify: 'GRM (verify)', solve: 'Policy (solve)' };

/**
 * The charts of a run: for each statistic, one SVG over the run's global step axis (phases laid
 * end to end, dashed markers at phase starts), one series per phase kind. Statistics no phase
 * recorded are skipped.
 */
export function runReportCharts(data: RunReportData, charts: readonly { key: string; title: string }[] = REPORT_CHARTS): { key: string; svg: string }[] {
  const offsets: number[] = [];
  let at = 0;
  for (const p of data.phases) {
    offsets.push(at);
    at += p.steps;
  }
  const markers = data.phases.map((p, i) => ({ x: offsets[i]!, label: `${p.kind[0]!.toUpperCase()}${p.round}` }));
  const out: { key: string; svg: string }[] = [];
  for (const { key, title } of charts) {
    const byKind = new Map<PhaseKind, [number, number][]>();
    data.phases.forEach((p, i) => {
      const values = p.stats[key];
      if (!values || values.length === 0) return;
      const pts = byKind.get(p.kind) ?? [];
      if (pts.length) pts.push([offsets[i]!, Number.NaN]); // break the line between phases of the same kind
      values.forEach((v, s) => pts.push([offsets[i]! + s, v]));
      byKind.set(p.kind, pts);
    });
    if (byKind.size === 0) continue;
    const series: ChartSeries[] = [...byKind].map(([kind, points]) => ({ name: KIND_NAME[kind], points, color: KIND_COLOR[kind] }));
    out.push({ key, svg: lineChartSvg(title, series, { markers, xLabel: 'step (run)' }) });
  }
  return out;
}

/** A self-contained HTML run report: the phase table (round, kind, steps, stop reason) and the `runReportCharts`. */
export function renderRunReport(data: RunReportData, charts?: readonly { key: string; title: string }[]): string {
  const rows = data.phases
    .map((p) => `<tr><td>${p.metaIter}</td><td>${p.round}</td><td>${escapeXml(KIND_NAME[p.kind])}</td><td>${p.steps}</td><td>${escapeXml(p.stopReason ?? 'running')}</td></tr>`)
    .join('');
  const svgs = runReportCharts(data, charts).map((c) => `<figure data-key="${escapeXml(c.key)}">${c.svg}</figure>`).join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>ASL run ${escapeXml(data.runId)}</title>
<style>body{font-family:sans-serif;margin:24px}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px}figure{display:inline-block;margin:8px}</style></head>
<body><h1>ASL run ${escapeXml(data.runId)}</h1>
<table><thead><tr><th>meta_iter</th><th>round</th><th>phase</th><th>steps</th><th>stop reason</th></tr></thead><tbody>${rows}</tbody></table>
${svgs}
</body></html>
`;
}
