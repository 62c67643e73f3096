import { parseOptions } from '@reasonkit/core';
import * as z from 'zod';
import { ModeSelectError } from '../errors/mode-select-error.js';
import { averagePrecision, precisionRecallAt } from '../metrics/average-precision.js';
import { brierScore, expectedCalibrationError } from '../metrics/calibration.js';
import { operatingPoint, paretoFront, thresholdSweep, type ThresholdPoint } from '../metrics/pareto.js';
import { rocAuc } from '../metrics/roc-auc.js';
import { constrainedRandomRate, meanOf, oracleDecisions, oracleGapClosure, randomAtRate, routedMetrics, type RoutedMetrics } from '../metrics/routed-metrics.js';
import { mean, sampleStd } from '../metrics/stats.js';
import type { TraceHeader, TraceRecord } from './trace-schema.js';

/** zod schema of `EvaluateTracesOptions`: validates it and applies its defaults. */
export const EvaluateTracesOptionsSchema = z.object({
  /** Selector ids to evaluate; default every id found in the records' scores. */
  selectors: z.array(z.string().min(1)).optional(),
  /** Decision threshold per selector (NoThinking iff pNoThink > λ); default 0.5 [our choice]. */
  thresholds: z.record(z.string(), z.number().min(0).max(1)).default({}),
  defaultThreshold: z.number().min(0).max(1).default(0.5),
  /** Label y = 1[yNoThink ≥ tau] (`tau`, τ = 0.5) or 1[yNoThink ≥ yThink] (`vs-think`) [our choice, spec §7.1]. */
  label: z.enum(['tau', 'vs-think']).default('tau'),
  tau: z.number().min(0).max(1).default(0.5),
  /** Accuracy drop allowed at the operating point and for the constrained random baseline: 1 point [our proposal]. */
  maxAccDrop: z.number().min(0).max(1).default(0.01),
  /** Keep the full Pareto front in the result (plot data). Default true. */
  includeFront: z.boolean().default(true),
});
/** Input accepted by `EvaluateTracesOptionsSchema` (optional fields may be omitted; defaults are applied when parsed). */
export type EvaluateTracesOptions = z.input<typeof EvaluateTracesOptionsSchema>;

/** Result of one selector evaluated on traces. */
export interface SelectorReport {
  id: string;
  n: number;
  threshold: number;
  rocAuc: number | null;
  ece: number;
  brier: number;
  prAuc: number | null;
  precision: number | null;
  recall: number | null;
  f1: number | null;
  routed: RoutedMetrics;
  /** Random routing at this selector's NoThinkRate (closed form). */
  randomAtRate: { acc: number; avgTokens: number; saved: number | null };
  operatingPoint: ThresholdPoint | null;
  /** Oracle-gap closure at the operating point. */
  oracleGapClosure: number | null;
  paretoFront?: ThresholdPoint[];
  /** AUC per dataset, and its mean and sample std over datasets (the "unstable" finding). */
  aucByDataset: Record<string, number | null>;
  aucMean: number | null;
  aucStd: number | null;
  /** Early-exit replay (post hoc) when checks were recorded. */
  replay?: { acc: number; avgTokens: number; saved: number | null; label: 'post hoc' };
}

/** Result of `evaluateTraces`: one report per selector. */
export interface TraceEvaluation {
  n: number;
  datasets: string[];
  header?: TraceHeader;
  options: z.output<typeof EvaluateTracesOptionsSchema>;
  references: {
    alwaysThink: { acc: number; avgTokens: number };
    alwaysNoThink: { acc: number; avgTokens: number; saved: number | null };
    oracle: RoutedMetrics;
    randomConstrained: { rate: number; acc: number; avgTokens: number; saved: number | null };
    positiveRate: number;
  };
  restartRate: number | null;
  selectors: SelectorReport[];
  warnings: string[];
}

/** Label of a record under the options' rule. */
export function labelOf(r: TraceRecord, o: { label: 'tau' | 'vs-think'; tau: number }): number {
  return o.label === 'tau' ? (r.yNoThink >= o.tau ? 1 : 0) : r.yNoThink >= r.yThink ? 1 : 0;
}

/** Early-exit replay (spec §8.6): exit at the first check with score > λ; else the full Thinking outcome. */
function replay(records: readonly TraceRecord[], id: string, threshold: number): SelectorReport['replay'] {
  if (!records.some((r) => r.checks?.[id])) return undefined;
  let acc = 0;
  let tokens = 0;
  let think = 0;
  for (const r of records) {
    think += r.lenThink;
    const hit = r.checks?.[id]?.find((c) => c.score > threshold);
    acc += hit ? hit.answerCorrect : r.yThink;
    tokens += hit ? hit.thinkTokens + hit.answerTokens : r.lenThink;
  }
  return { acc: acc / records.length, avgTokens: tokens / records.length, saved: think > 0 ? 1 - tokens / think : null, label: 'post hoc' };
}

/**
 * The evaluation harness on recorded traces (spec §8): classifier metrics, routed metrics,
 * references, Pareto front, operating point, oracle-gap closure, restart rate and per-dataset
 * stability, for every selector in the records. No model needed.
 */
export function evaluateTraces(records: readonly TraceRecord[], options: EvaluateTracesOptions = {}, header?: TraceHeader): TraceEvaluation {
  const o = parseOptions(EvaluateTracesOptionsSchema, options, 'evaluateTraces options');
  if (records.length === 0) throw new ModeSelectError('trace', 'evaluateTraces: no records', { field: 'records' });
  const warnings: string[] = [];
  const ids = o.selectors ?? [...new Set(records.flatMap((r) => Object.keys(r.scores)))].sort();
  const datasets = [...new Set(records.map((r) => r.dataset))].sort();
  const labels = records.map((r) => labelOf(r, o));
  const oracle = routedMetrics(records, oracleDecisions(records));
  const rate = constrainedRandomRate(records, o.maxAccDrop);
  const restarted = records.filter((r) => r.restarted !== undefined).map((r) => r.restarted!);
  const selectors: SelectorReport[] = [];
  for (const id of ids) {
    const missing = records.findIndex((r) => r.scores[id] === undefined);
    if (missing >= 0) throw new ModeSelectError('trace', `record ${records[missing]!.id} (dataset ${records[missing]!.dataset}) has no score for selector ${id}`, { record: records[missing]!.id, field: `scores.${id}` });
    const s = records.map((r) => r.scores[id]!.pNoThink);
    const overhead = records.map((r) => r.scores[id]!.overheadTokens);
    const threshold = o.thresholds[id] ?? o.defaultThreshold;
    const d = s.map((v) => (v > threshold ? 1 : 0));
    const routed = routedMetrics(records, d, overhead);
    const sweep = thresholdSweep(records, s);
    const op = operatingPoint(sweep, o.maxAccDrop);
    const byDataset: Record<string, number | null> = {};
    for (const ds of datasets) {
      const idx = records.map((r, i) => (r.dataset === ds ? i : -1)).filter((i) => i >= 0);
      byDataset[ds] = rocAuc(idx.map((i) => s[i]!), idx.map((i) => labels[i]!), (w) => warnings.push(`${id} on ${ds}: ${w}`));
    }
    const aucs = Object.values(byDataset).filter((v): v is number => v !== null);
    const pr = precisionRecallAt(s, labels, threshold);
    const rep = replay(records, id, threshold);
    selectors.push({
      id,
      n: records.length,
      threshold,
      rocAuc: rocAuc(s, labels, (w) => warnings.push(`${id}: ${w}`)),
      ece: expectedCalibrationError(s, labels),
      brier: brierScore(s, labels),
      prAuc: averagePrecision(s, labels, (w) => warnings.push(`${id}: ${w}`)),
      ...pr,
      routed,
      randomAtRate: randomAtRate(records, routed.noThinkRate),
      operatingPoint: op,
      oracleGapClosure: oracleGapClosure(records, op?.saved ?? null, o.maxAccDrop),
      ...(o.includeFront ? { paretoFront: paretoFront(sweep) } : {}),
      aucByDataset: byDataset,
      aucMean: mean(aucs),
      aucStd: sampleStd(aucs),
      ...(rep ? { replay: rep } : {}),
    });
  }
  const nothink = randomAtRate(records, 1);
  return {
    n: records.length,
    datasets,
    ...(header ? { header } : {}),
    options: o,
    references: {
      alwaysThink: { acc: meanOf(records, 'yThink'), avgTokens: meanOf(records, 'lenThink') },
      alwaysNoThink: { acc: nothink.acc, avgTokens: nothink.avgTokens, saved: nothink.saved },
      oracle,
      randomConstrained: { rate, ...randomAtRate(records, rate) },
      positiveRate: mean(labels)!,
    },
    restartRate: mean(restarted),
    selectors,
    warnings,
  };
}

/**
 * Threshold calibration (spec §8.7): `maxAccDrop` → largest Saved% with ΔAcc ≥ −maxAccDrop;
 * `noThinkRate` → the threshold whose rate is closest without exceeding it; `precision` → the
 * smallest λ reaching it. Ties toward the higher λ. Deterministic.
 */
export function calibrateThreshold(
  records: readonly TraceRecord[],
  selectorId: string,
  target: { maxAccDrop: number } | { noThinkRate: number } | { precision: number },
  labelRule: { label: 'tau' | 'vs-think'; tau: number } = { label: 'tau', tau: 0.5 },
): number | null {
  const s = records.map((r) => {
    const v = r.scores[selectorId];
    if (!v) throw new ModeSelectError('trace', `record ${r.id} has no score for selector ${selectorId}`, { record: r.id, field: `scores.${selectorId}` });
    return v.pNoThink;
  });
  const sweep = thresholdSweep(records, s);
  if ('maxAccDrop' in target) return operatingPoint(sweep, target.maxAccDrop)?.threshold ?? null;
  if ('noThinkRate' in target) {
    const ok = sweep.filter((p) => p.noThinkRate <= target.noThinkRate + 1e-12);
    return ok.length === 0 ? null : ok.reduce((a, b) => (b.noThinkRate > a.noThinkRate ? b : a)).threshold;
  }
  const labels = records.map((r) => labelOf(r, labelRule));
  let best: number | null = null;
  for (const p of sweep) {
    const pr = precisionRecallAt(s, labels, p.threshold).precision;
    if (pr !== null && pr >= target.precision && (best === null || p.threshold < best)) best = p.threshold;
  }
  return best;
}
