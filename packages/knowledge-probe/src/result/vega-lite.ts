import type { ProbeChart } from './probe-result.js';

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v5.json';

/** A Vega-Lite spec of a chart's data, for users who render with `vega` (none for images and graphs). */
export function vegaLiteSpec(chart: ProbeChart): Record<string, unknown> | undefined {
  switch (chart.kind) {
    case 'heatmap':
      return {
        $schema: SCHEMA,
        title: chart.name,
        data: { values: chart.data.values.flatMap((row, r) => row.map((v, c) => ({ row: `${r}:${chart.data.rows[r]}`, column: chart.data.columns[c], value: v }))) },
        mark: 'rect',
        encoding: { y: { field: 'row', type: 'ordinal', sort: null }, x: { field: 'column', type: 'ordinal', sort: null }, color: { field: 'value', type: 'quantitative', scale: { scheme: 'purples' } } },
      };
    case 'line':
      return {
        $schema: SCHEMA,
        title: chart.name,
        data: { values: chart.data.series.flatMap((s) => s.values.map((v, i) => ({ x: chart.data.x[i], value: v, series: s.name }))) },
        mark: { type: 'line', point: true },
        encoding: { x: { field: 'x', type: 'ordinal' }, y: { field: 'value', type: 'quantitative' }, color: { field: 'series' } },
      };
    case 'bar':
      return { $schema: SCHEMA, title: chart.name, data: { values: chart.data.labels.map((l, i) => ({ label: l, value: chart.data.values[i] })) }, mark: 'bar', encoding: { y: { field: 'label', type: 'nominal', sort: null }, x: { field: 'value', type: 'quantitative' } } };
    case 'scatter':
      return { $schema: SCHEMA, title: chart.name, data: { values: chart.data.points }, mark: 'point', encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' }, color: { field: 'group' }, tooltip: { field: 'label' } } };
    default:
      return undefined;
  }
}
