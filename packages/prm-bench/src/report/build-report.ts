import type { BenchItem } from '../load/bench-item.js';
import { detectionDelay, type DetectionDelay } from '../metrics/detection-delay.js';
import { positionStats } from '../metrics/position-stats.js';
import { indexPredictions, type Prediction } from '../metrics/prediction.js';
import { scoreAll, type GroupMetrics } from '../metrics/score-steps.js';
import { SOCRATIC_LITERATURE, type LiteratureRow } from './literature.js';

/** One model's scores in a report. */
export interface ModelReport {
  name: string;
  strict: { overall: GroupMetrics; byCategory: Record<string, GroupMetrics>; byPattern: Record<string, GroupMetrics> };
  official: { overall: GroupMetrics; byCategory: Record<string, GroupMetrics>; byPattern: Record<string, GroupMetrics> };
  delay: DetectionDelay;
  accuracyByPosition: (number | null)[];
  /** Mean latency and tokens per scored item, when the predictions carried usage. */
  cost?: { meanLatencyMs: number; promptTokens: number; completionTokens: number };
}

/** A benchmark report: every model's scores and the literature rows. */
export interface Report {
  benchmark: string;
  items: number;
  categories: string[];
  patterns: string[];
  models: ModelReport[];
  firstErrorHistogram: Record<number, number>;
  literature: readonly LiteratureRow[];
}

/** A model's predictions given to `buildReport`. */
export interface ReportModelInput {
  name: string;
  predictions: Iterable<Prediction> | ReadonlyMap<string, Prediction>;
  usage?: readonly { latencyMs: number; promptTokens?: number; completionTokens?: number }[];
}

/**
 * Everything the renderers need: strict and official metrics per model (overall, per
 * sub-category, per pattern), detection delay, accuracy by relative position, the gold
 * first-error histogram and the paper-reported literature rows (Socratic only).
 */
export function buildReport(items: readonly BenchItem[], models: readonly ReportModelInput[], options: { benchmark?: string } = {}): Report {
  const categories = [...new Set(items.filter((i) => !i.twin).map((i) => i.category))];
  const patterns = [...new Set(items.flatMap((i) => (i.pattern ? [i.pattern] : [])))];
  let firstErrorHistogram: Record<number, number> = {};
  const out = models.map((m) => {
    const preds = indexPredictions(m.predictions);
    const pos = positionStats(items, preds);
    firstErrorHistogram = pos.firstErrorHistogram;
    const report: ModelReport = {
      name: m.name,
      strict: scoreAll(items, preds, { mode: 'strict' }),
      official: scoreAll(items, preds, { mode: 'official', maxMissing: Number.MAX_SAFE_INTEGER }),
      delay: detectionDelay(items, preds),
      accuracyByPosition: pos.accuracyByPosition,
    };
    if (m.usage && m.usage.length > 0) {
      report.cost = {
        meanLatencyMs: m.usage.reduce((s, u) => s + u.latencyMs, 0) / m.usage.length,
        promptTokens: m.usage.reduce((s, u) => s + (u.promptTokens ?? 0), 0),
        completionTokens: m.usage.reduce((s, u) => s + (u.completionTokens ?? 0), 0),
      };
    }
    return report;
  });
  const benchmark = options.benchmark ?? items[0]?.benchmark ?? 'unknown';
  return { benchmark, items: items.length, categories, patterns, models: out, firstErrorHistogram, literature: benchmark === 'socratic' ? SOCRATIC_LITERATURE : [] };
}
