/** One cell value of a result table. */
export type Cell = string | number | boolean | null;

/** A result table: named columns and rows of cells. */
export interface ProbeTable {
  name: string;
  description?: string;
  summary?: string;
  columns: string[];
  rows: Record<string, Cell>[];
}

/** Rows × columns of numbers (query × key, token × layer, layer × neuron bucket). */
export interface HeatmapData {
  rows: string[];
  columns: string[];
  /** `values[r][c]`. */
  values: number[][];
  /** Colour floor (values at or below it get the lightest colour); default the minimum. */
  floor?: number;
  /** Colour ceiling; default the maximum. */
  ceiling?: number;
  xLabel?: string;
  yLabel?: string;
}

/** Data of a line chart: x values and one or more series. */
export interface LineData {
  x: (number | string)[];
  series: { name: string; values: number[] }[];
  xLabel?: string;
  yLabel?: string;
}

/** Data of a bar chart: labels and their values. */
export interface BarData {
  labels: string[];
  values: number[];
  xLabel?: string;
}

/** Data of a scatter chart: labelled points. */
export interface ScatterData {
  points: { x: number; y: number; label: string; group?: string }[];
}

/** Data of a graph chart: nodes and weighted edges. */
export interface GraphChartData {
  nodes: { id: string; layer: number }[];
  edges: { from: string; to: string; score: number; kind?: string }[];
}

/** An image Know-MRI produced (a path or a data URL), shown as is. */
export interface ImageRefData {
  src: string;
}

/** Fields every probe chart has, whatever its `kind`. */
export interface ChartBase {
  name: string;
  description?: string;
  summary?: string;
  /** A Vega-Lite spec of the same data, for users who render with `vega`. */
  vegaLite?: Record<string, unknown>;
}

/** A chart of a probe result: heatmap, line, bar, scatter, graph or image. */
export type ProbeChart =
  | (ChartBase & { kind: 'heatmap'; data: HeatmapData })
  | (ChartBase & { kind: 'line'; data: LineData })
  | (ChartBase & { kind: 'bar'; data: BarData })
  | (ChartBase & { kind: 'scatter'; data: ScatterData })
  | (ChartBase & { kind: 'graph'; data: GraphChartData })
  | (ChartBase & { kind: 'image'; data: ImageRefData });

/**
 * The output contract (spec §6.1): plain JSON-serialisable data. `params` are the method's full
 * parameters after defaults, `seed` the seed when the method draws random numbers.
 */
export interface ProbeResult<Raw = unknown> {
  method: string;
  methodVersion: string;
  model: { id: string; layers: number };
  sample: Record<string, unknown>;
  params: Record<string, unknown>;
  seed?: number;
  tables: ProbeTable[];
  charts: ProbeChart[];
  raw: Raw;
  summary?: string;
  warnings: string[];
  stats: { forwardPasses: number; ms: number };
}
