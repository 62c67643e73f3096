import { z } from 'zod';
import { PrmBenchError } from '../errors/prm-bench-error.js';
import type { BenchItem } from '../load/bench-item.js';
import { REDUNDANCY_CLASSES } from '../taxonomy/prmbench-taxonomy.js';
import { SOCRATIC_CLASSIFICATIONS, SOCRATIC_PATTERNS } from '../taxonomy/socratic-taxonomy.js';
import { confusion } from './confusion.js';
import { indexPredictions, type MetricMode, type Prediction } from './prediction.js';
import { ratioMetrics, type Counts, type RatioMetrics } from './ratios.js';

/** zod schema of `ScoreStepsOptions`: validates it and applies its defaults. */
export const ScoreStepsOptionsSchema = z.object({
  /** `official` reproduces the upstream scorer bit for bit; `strict` aligns labels to steps. Default `official`. */
  mode: z.enum(['official', 'strict']).default('official'),
  /** Grouping. Default `overall`. Twins (class `correct`) are scored under `category` but excluded from `overall` [upstream]. */
  groupBy: z.enum(['overall', 'category', 'pattern', 'group', 'split']).default('overall'),
  /** `pooled` sums counts (upstream); `macro` averages the sub-category metrics of each group [our option, spec §3.4]. Default `pooled`. */
  aggregate: z.enum(['pooled', 'macro']).default('pooled'),
  /** Strict mode: what an invalid or missing result becomes. Default `all-positive` (no error flagged) [our choice]. Official always drops. */
  invalid: z.enum(['drop', 'all-positive', 'all-negative']).default('all-positive'),
  /** Official mode: throw when this many or more items have no result [upstream asserts < 5]. Default 5. */
  maxMissing: z.int().min(1).default(5),
});
/** Input accepted by `ScoreStepsOptionsSchema` (optional fields may be omitted; defaults are applied when parsed). */
export type ScoreStepsOptions = z.input<typeof ScoreStepsOptionsSchema>;

/** Metrics of one group. Ratios follow `mode` (−1 sentinels in official, null in strict). */
export interface GroupMetrics extends RatioMetrics {
  /** Items in the group (with or without a result). */
  n: number;
  /** Items whose labels were scored. */
  scoredItems: number;
  /** Labels scored (pooled). */
  steps: number;
  tp: number;
  fp: number;
  tn: number;
  fn: number;
  valid: number;
  invalid: number;
  missing: number;
  /** valid / n (upstream `validitiy_rate`). */
  validityRate: number | null;
  ignoredGoldErrors: number;
  extraLabels: number;
  missingLabels: number;
}

interface Acc extends Counts {
  n: number;
  scoredItems: number;
  valid: number;
  invalid: number;
  missing: number;
  ignoredGoldErrors: number;
  extraLabels: number;
  missingLabels: number;
}

const emptyAcc = (): Acc => ({ tp: 0, fp: 0, tn: 0, fn: 0, firstErrorHits: 0, firstErrorDefined: 0, n: 0, scoredItems: 0, valid: 0, invalid: 0, missing: 0, ignoredGoldErrors: 0, extraLabels: 0, missingLabels: 0 });

/** The labels the metrics score for an item: redundancy labels inverted for `redundency` / `circular` when present [upstream]. */
export function effectiveLabels(item: Pick<BenchItem, 'category'>, pred: Prediction): boolean[] | undefined {
  if (pred.redundancyLabels && REDUNDANCY_CLASSES.has(item.category)) return pred.redundancyLabels.map((r) => !r);
  return pred.labels;
}

function groupKeys(item: BenchItem, groupBy: string): string[] {
  switch (groupBy) {
    case 'overall':
      return item.twin ? [] : ['overall'];
    case 'category':
      return [item.category];
    case 'pattern':
      return item.pattern ? [item.pattern] : [];
    case 'group':
      return item.group ? [item.group] : [];
    default:
      return item.split ? [item.split] : [];
  }
}

function finish(a: Acc, mode: MetricMode): GroupMetrics {
  return {
    ...ratioMetrics(a, mode),
    n: a.n,
    scoredItems: a.scoredItems,
    steps: a.tp + a.fp + a.tn + a.fn,
    tp: a.tp,
    fp: a.fp,
    tn: a.tn,
    fn: a.fn,
    valid: a.valid,
    invalid: a.invalid,
    missing: a.missing,
    validityRate: a.n === 0 ? null : a.valid / a.n,
    ignoredGoldErrors: a.ignoredGoldErrors,
    extraLabels: a.extraLabels,
    missingLabels: a.missingLabels,
  };
}

function macro(parts: GroupMetrics[]): GroupMetrics {
  const keys: (keyof RatioMetrics)[] = ['prmScore', 'f1', 'f1Neg', 'precision', 'recall', 'negPrecision', 'negRecall', 'correctStepAcc', 'wrongStepAcc', 'totalStepAcc', 'firstErrorAcc', 'bias'];
  const out = { ...parts[0]! };
  for (const k of keys) {
    const vals = parts.map((p) => p[k]).filter((v): v is number => v !== null);
    out[k] = vals.length === 0 ? null : vals.reduce((s, v) => s + v, 0) / vals.length;
  }
  for (const k of ['n', 'scoredItems', 'steps', 'tp', 'fp', 'tn', 'fn', 'valid', 'invalid', 'missing', 'ignoredGoldErrors', 'extraLabels', 'missingLabels'] as const) {
    out[k] = parts.reduce((s, p) => s + p[k], 0);
  }
  out.validityRate = out.valid / out.n; // parts are non-empty groups, so n ≥ 1
  return out;
}


type Resolved = z.output<typeof ScoreStepsOptionsSchema>;

/** One pass over the items: confusion counts per item, added to every group of every grouping. */
function accumulate(items: readonly BenchItem[], preds: ReadonlyMap<string, Prediction>, o: Resolved, groupings: readonly string[]): Map<string, Acc>[] {
  const missing: string[] = [];
  for (const item of items) if (!preds.has(item.id)) missing.push(item.id);
  if (o.mode === 'official' && missing.length >= o.maxMissing) {
    const shown = missing.slice(0, 20).join(', ');
    throw new PrmBenchError(
      'missing-results',
      `${missing.length} items have no result (official scoring allows fewer than ${o.maxMissing}): ${shown}${missing.length > 20 ? ', …' : ''}`,
      { record: missing.slice(0, 20).join(','), missing: missing.length },
    );
  }
  const out = groupings.map(() => new Map<string, Acc>());
  for (const item of items) {
    const pred = preds.get(item.id);
    let labels: readonly boolean[] | undefined;
    let state: 'valid' | 'invalid' | 'missing';
    if (!pred) state = 'missing';
    else if (pred.valid === false || effectiveLabels(item, pred) === undefined) state = 'invalid';
    else state = 'valid';
    if (state === 'valid') labels = effectiveLabels(item, pred!);
    else if (o.mode === 'strict' && o.invalid !== 'drop') labels = item.steps.map(() => o.invalid === 'all-positive');
    const c = labels ? confusion(item, labels, o.mode) : undefined;
    groupings.forEach((groupBy, gi) => {
      const accs = out[gi]!;
      for (const key of groupKeys(item, groupBy)) {
        let a = accs.get(key);
        if (!a) accs.set(key, (a = emptyAcc()));
        a.n++;
        a[state]++;
        if (!c) continue;
        a.scoredItems++;
        a.tp += c.tp;
        a.fp += c.fp;
        a.tn += c.tn;
        a.fn += c.fn;
        if (c.firstErrorHit !== null) {
          a.firstErrorDefined++;
          a.firstErrorHits += c.firstErrorHit;
        }
        a.ignoredGoldErrors += c.ignoredGoldErrors;
        a.extraLabels += c.extraLabels;
        a.missingLabels += c.missingLabels;
      }
    });
  }
  return out;
}

/**
 * Step-level metrics (PRM-Score, F1 on correct and on erroneous steps, class accuracies,
 * first-error accuracy, bias, validity rate) per group, from counts pooled over all steps of all
 * items in the group [spec §3.4; pitfall 2: never the mean of per-item scores].
 */
export function scoreSteps(
  items: readonly BenchItem[],
  predictions: Iterable<Prediction> | ReadonlyMap<string, Prediction>,
  options: ScoreStepsOptions = {},
): Record<string, GroupMetrics> {
  const o = ScoreStepsOptionsSchema.parse(options);
  const preds = indexPredictions(predictions);
  if (o.aggregate === 'macro' && o.groupBy !== 'overall' && o.groupBy !== 'category') {
    const byCat = scoreSteps(items, preds, { ...o, groupBy: 'category', aggregate: 'pooled' });
    const parts = new Map<string, GroupMetrics[]>();
    const seen = new Set<string>();
    for (const item of items) {
      if (seen.has(item.category)) continue;
      seen.add(item.category);
      for (const g of groupKeys(item, o.groupBy)) parts.set(g, [...(parts.get(g) ?? []), byCat[item.category]!]);
    }
    return Object.fromEntries([...parts].map(([g, ps]) => [g, macro(ps)]));
  }
  if (o.aggregate === 'macro' && o.groupBy === 'overall') {
    const byCat = scoreSteps(items.filter((i) => !i.twin), preds, { ...o, groupBy: 'category', aggregate: 'pooled' });
    return { overall: macro(Object.values(byCat)) };
  }
  const accs = accumulate(items, preds, o, [o.groupBy])[0]!;
  return Object.fromEntries([...accs].map(([k, a]) => [k, finish(a, o.mode)]));
}

/** Overall, per sub-category and per pattern in one call (the `prm-bench score` view). */
export function scoreAll(
  items: readonly BenchItem[],
  predictions: Iterable<Prediction> | ReadonlyMap<string, Prediction>,
  options: Omit<ScoreStepsOptions, 'groupBy'> = {},
): { overall: GroupMetrics; byCategory: Record<string, GroupMetrics>; byPattern: Record<string, GroupMetrics> } {
  const preds = indexPredictions(predictions);
  const o = ScoreStepsOptionsSchema.parse(options);
  let overall: GroupMetrics | undefined;
  let byCategory: Record<string, GroupMetrics>;
  let byPattern: Record<string, GroupMetrics>;
  if (o.aggregate === 'pooled') {
    const [ov, cat, pat] = accumulate(items, preds, o, ['overall', 'category', 'pattern']).map((m) => Object.fromEntries([...m].map(([k, a]) => [k, finish(a, o.mode)])));
    overall = ov!.overall;
    byCategory = inOrder(cat!, SOCRATIC_CLASSIFICATIONS);
    byPattern = inOrder(pat!, SOCRATIC_PATTERNS);
  } else {
    overall = scoreSteps(items, preds, { ...options, groupBy: 'overall' }).overall;
    byCategory = inOrder(scoreSteps(items, preds, { ...options, groupBy: 'category' }), SOCRATIC_CLASSIFICATIONS);
    byPattern = inOrder(scoreSteps(items, preds, { ...options, groupBy: 'pattern' }), SOCRATIC_PATTERNS);
  }
  return { overall: overall ?? finishEmpty(options.mode ?? 'official'), byCategory, byPattern };
}

function finishEmpty(mode: MetricMode): GroupMetrics {
  return finish(emptyAcc(), mode);
}

/** Known keys in taxonomy order first, the others after in first-seen order. */
function inOrder<T>(groups: Record<string, T>, order: readonly string[]): Record<string, T> {
  const rank = (k: string) => {
    const i = order.indexOf(k);
    return i < 0 ? order.length : i;
  };
  return Object.fromEntries(Object.entries(groups).sort(([a], [b]) => rank(a) - rank(b)));
}
