import { describe, expect, it } from 'vitest';
import { lineChartSvg } from './line-chart-svg.js';
import { renderRunReport, runReportCharts, type RunReportData } from './run-report.js';

describe('run report charts', () => {
  it('maps data to pixels: x spans [xmin, xmax] over 56…624, y spans [0, ymax] over 220…32', () => {
    const svg = lineChartSvg('t', [{ name: 's', points: [[0, 0], [1, 1]] }]);
    expect(svg).toContain('points="56.0,220.0 624.0,32.0"');
    const half = lineChartSvg('t', [{ name: 's', points: [[10, 2], [20, 4], [30, 3]] }]);
    // y range [0, 4]: y 2 → 32 + 0.5·188 = 126; x 20 → 56 + 0.5·568 = 340
    expect(half).toContain('points="56.0,126.0 340.0,32.0 624.0,79.0"');
  });

  it('non-finite values break the line; text is escaped', () => {
    const svg = lineChartSvg('<a & b>', [{ name: 'x"y', points: [[0, 0], [1, Number.NaN], [2, 1]] }]);
    expect(svg.match(/<polyline/g)).toBeNull();
    expect(svg.match(/<circle/g)).toHaveLength(2);
    expect(svg).toContain('&lt;a &amp; b&gt;');
    expect(svg).toContain('x&quot;y');
  });

  it('lays phases end to end with markers, one series per phase kind, skipping absent statistics', () => {
    const data: RunReportData = {
      runId: 'r<1>',
      phases: [
        { id: 'a', metaIter: 1, round: 1, kind: 'generate', steps: 2, stopReason: 'pool-size', stats: { mean: [0.1, 0.3], validRate: [1, 0.5] } },
        { id: 'b', metaIter: 2, round: 1, kind: 'verify', steps: 3, stopReason: 'plateau', stats: { mean: [0.5, 0.6, 0.6] } },
        { id: 'c', metaIter: 3, round: 1, kind: 'solve', steps: 1, stats: { mean: [0.4] } },
      ],
    };
    const charts = runReportCharts(data);
    expect(charts.map((c) => c.key)).toEqual(['mean', 'validRate']);
    const mean = charts[0]!.svg;
    expect(mean.match(/stroke-dasharray/g)).toHaveLength(3); // phase starts at steps 0, 2, 5
    expect(mean).toContain('>PG (generate)<');
    expect(mean).toContain('>GRM (verify)<');
    expect(mean.match(/<polyline/g)).toHaveLength(2); // generate (2 points), verify (3 points)
    expect(mean.match(/<circle/g)).toHaveLength(1); // solve (1 point)
    const html = renderRunReport(data);
    expect(html).toContain('<title>ASL run r&lt;1&gt;</title>');
    expect(html).toContain('<td>plateau</td>');
    expect(html).toContain('<td>running</td>');
    expect(html.match(/<svg /g)).toHaveLength(2);
  });
});
