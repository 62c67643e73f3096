// The demo's outputs: a Markdown summary table for the terminal and a self-contained HTML report
// with SVG charts (prm-bench's chart helpers).
import { groupedBarChart } from '@reasonkit/prm-bench';
import type { DemoResult, SystemSummary } from './pipeline.js';

const pct = (x: number | null) => (x === null ? 'n/a' : `${(100 * x).toFixed(0)}%`);
const kb = (b: number) => `${(b / 1024).toFixed(1)} KiB`;

function saved(s: SystemSummary): string {
  if (s.kvDenseBytes === 0) return 'n/a';
  const d = s.kvDenseBytes - s.kvCacheBytes;
  return `${kb(d)} (${pct(d / s.kvDenseBytes)})`;
}

export function summaryTable(r: DemoResult): string {
  const lines = [
    '| system | accuracy | tokens | Thinking share | KV bytes (dense → kv-sparse) | KV bytes saved | PRM step score | PRM trace score | PRM agrees with answer |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const s of r.summaries) {
    const kv = s.kvDenseBytes === 0 ? 'n/a' : `${kb(s.kvDenseBytes)} → ${kb(s.kvCacheBytes)}`;
    lines.push(`| ${s.system} | ${pct(s.accuracy)} | ${s.tokens} | ${pct(s.thinkShare)} | ${kv} | ${saved(s)} | ${pct(s.prmStepScore)} | ${pct(s.prmTraceScore)} | ${pct(s.prmAgreement)} |`);
  }
  return lines.join('\n');
}

/** Per level: accuracy and mean tokens of each system. */
function perLevel(r: DemoResult, f: (rows: DemoResult['results']['routed']) => number) {
  return r.summaries.map((s) => ({ name: s.system, values: r.levels.map((lv) => f(r.results[s.system].filter((x) => x.level === lv))) }));
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function renderHtmlReport(r: DemoResult): string {
  const categories = r.levels.map((l) => `${l} digit${l > 1 ? 's' : ''}`);
  const accuracy = groupedBarChart({ title: 'Accuracy per level', categories, series: perLevel(r, (rows) => rows.filter((x) => x.correct).length / rows.length), max: 1 });
  const tokens = groupedBarChart({ title: 'Mean generated tokens per problem', categories, series: perLevel(r, (rows) => rows.reduce((a, x) => a + x.tokens, 0) / rows.length) });
  const table = r.summaries
    .map((s) => `<tr><td>${s.system}</td><td>${pct(s.accuracy)}</td><td>${s.tokens}</td><td>${pct(s.thinkShare)}</td><td>${s.kvDenseBytes ? `${kb(s.kvDenseBytes)} → ${kb(s.kvCacheBytes)}` : 'n/a'}</td><td>${saved(s)}</td><td>${pct(s.prmStepScore)}</td><td>${pct(s.prmTraceScore)}</td><td>${pct(s.prmAgreement)}</td></tr>`)
    .join('\n');
  const routed = r.results.routed
    .map((x) => `<tr><td>${x.level}</td><td>${esc(x.question)}</td><td>${x.mode}</td><td>${x.pNoThink.toFixed(3)}</td><td>${esc(x.answer ?? '—')}</td><td>${x.correct ? '✓' : '✗'}</td><td>${x.tokens}</td><td>${x.prmLabels ? x.prmLabels.map((l) => (l ? '✓' : '✗')).join('') : '—'}</td></tr>`)
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>reasonkit demo report</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem;max-width:70rem}table{border-collapse:collapse;margin:1rem 0}td,th{border:1px solid #ccc;padding:.25rem .5rem;text-align:right}td:first-child,th:first-child{text-align:left}</style></head>
<body>
<h1>reasonkit demo: routed reasoning on the testbed model</h1>
<p>${r.levels.length} levels × ${r.perLevel} problems (column addition). The routed system asks mode-select's ProbeConf probe
(trained on ${r.perLevel === 0 ? 0 : 'held-out'} problems, training accuracy ${pct(r.probeTrainAccuracy)}) whether NoThinking will answer correctly
(NoThinking iff p &gt; ${r.threshold}); Thinking runs with a kv-sparse SparK cache; Thinking steps are scored by the testbed's exact step checker as a PRM (prm-bench scorer interface).</p>
<table><thead><tr><th>system</th><th>accuracy</th><th>tokens</th><th>Thinking share</th><th>KV bytes (dense → kv-sparse)</th><th>KV bytes saved</th><th>PRM step score</th><th>PRM trace score</th><th>PRM agrees with answer</th></tr></thead>
<tbody>${table}</tbody></table>
<figure>${accuracy}</figure>
<figure>${tokens}</figure>
<h2>Routed system, problem by problem</h2>
<table><thead><tr><th>level</th><th>problem</th><th>mode</th><th>p(NoThinking ok)</th><th>answer</th><th>correct</th><th>tokens</th><th>PRM step labels</th></tr></thead>
<tbody>${routed}</tbody></table>
</body></html>
`;
}
