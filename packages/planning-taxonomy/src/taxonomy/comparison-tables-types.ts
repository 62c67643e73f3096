/** One cell of a comparison table: a value and its source. */
export interface ComparisonCell {
  value: number | null;
  note?: string;
}

/** One row of a comparison table. */
export interface ComparisonRow {
  table: 'web' | 'embodied';
  method: string;
  baseModel: string;
  /** Benchmark id → cell. */
  cells: Record<string, ComparisonCell>;
  date: string;
  finetuned: boolean;
  search: boolean;
  modality: 'text' | 'vision+text';
}
