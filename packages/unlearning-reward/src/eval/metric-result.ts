/** Every metric returns the aggregate, per-item values and the configuration that produced them (spec §8.5). */
export interface MetricResult<K extends string = string> {
  kind: K;
  agg: number;
  byIndex: number[];
  config: Record<string, unknown>;
}

/** open-unlearning's shape: `{ agg_value, value_by_index }`. */
export function toOpenUnlearning(r: MetricResult): { agg_value: number; value_by_index: Record<string, { score: number }> } {
  return { agg_value: r.agg, value_by_index: Object.fromEntries(r.byIndex.map((v, i) => [String(i), { score: v }])) };
}
