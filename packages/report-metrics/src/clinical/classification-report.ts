import { z } from 'zod';
import { parseOptions } from '@reasonkit/core';
import { ReportMetricsError } from '../errors/report-metrics-error.js';

/** zod schema of `ClassificationReportOptions`: validates it and applies its defaults. */
export const ClassificationReportOptionsSchema = z.object({
  /** Class names, one per label column (default: `class_0`, `class_1`, …). */
  classes: z.array(z.string()).optional(),
  /** Column indices to score (default: all). */
  subset: z.array(z.number().int().nonnegative()).optional(),
  /** Value of an undefined ratio (0/0); 0 is sklearn's default [reference code]. */
  zeroDivision: z.union([z.literal(0), z.literal(1), z.literal('nan')]).default(0),
});
/** Input accepted by `ClassificationReportOptionsSchema` (optional fields may be omitted; defaults are applied when parsed). */
export type ClassificationReportOptions = z.input<typeof ClassificationReportOptionsSchema>;

/** Precision, recall and F1. */
export interface PRF {
  precision: number;
  recall: number;
  f1: number;
}
/** One class's precision, recall, F1 and support. */
export interface ClassRow extends PRF {
  name: string;
  support: number;
  tp: number;
  fp: number;
  fn: number;
}
/** A per-class precision/recall/F1 report with micro, macro and weighted averages. */
export interface ClassificationReport {
  classes: ClassRow[];
  micro: PRF;
  macro: PRF;
  weighted: PRF;
  samples: PRF;
  /** Exact match of the whole (subset) label vector, averaged over samples. */
  subsetAccuracy: number;
  perSampleExact: Uint8Array;
}

function ratio(num: number, den: number, zd: number): number {
  return den === 0 ? zd : num / den;
}

function prf(tp: number, fp: number, fn: number, zd: number): PRF {
  return { precision: ratio(tp, tp + fp, zd), recall: ratio(tp, tp + fn, zd), f1: ratio(2 * tp, 2 * tp + fp + fn, zd) };
}

function mean(xs: number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return s / xs.length;
}

/**
 * Multilabel scores with sklearn `classification_report` semantics (spec §5.2): per class P/R/F1,
 * micro (pooled counts), macro (unweighted mean of per-class values, zero-support classes
 * included), weighted (by support), samples (per-sample then averaged); plus subset accuracy.
 * A label counts as positive when it equals 1.
 */
export function classificationReport(refs: readonly ArrayLike<number>[], hyps: readonly ArrayLike<number>[], options: ClassificationReportOptions = {}): ClassificationReport {
  const o = parseOptions(ClassificationReportOptionsSchema, options, 'classificationReport options');
  const zd = o.zeroDivision === 'nan' ? Number.NaN : o.zeroDivision;
  if (refs.length !== hyps.length) throw new ReportMetricsError('LABEL_MISMATCH', `labels: ${refs.length} reference vectors but ${hyps.length} hypothesis vectors`, { field: 'hyps' });
  const width = refs[0]?.length ?? o.classes?.length ?? 0;
  for (let i = 0; i < refs.length; i++) {
    if (refs[i]!.length !== width) throw new ReportMetricsError('LABEL_MISMATCH', `labels: reference vector ${i} has ${refs[i]!.length} labels, expected ${width}`, { record: i, field: 'refs' });
    if (hyps[i]!.length !== width) throw new ReportMetricsError('LABEL_MISMATCH', `labels: hypothesis vector ${i} has ${hyps[i]!.length} labels, expected ${width}`, { record: i, field: 'hyps' });
  }
  const cols = o.subset ?? Array.from({ length: width }, (_, i) => i);
  for (const c of cols) if (c >= width) throw new ReportMetricsError('LABEL_MISMATCH', `subset: column ${c} is outside the ${width} labels`, { field: 'subset' });
  const names = o.classes ?? Array.from({ length: width }, (_, i) => `class_${i}`);
  const rows: ClassRow[] = cols.map((c) => ({ name: names[c] ?? `class_${c}`, support: 0, tp: 0, fp: 0, fn: 0, precision: 0, recall: 0, f1: 0 }));
  const perSampleExact = new Uint8Array(refs.length);
  const sampleP: number[] = [];
  const sampleR: number[] = [];
  const sampleF: number[] = [];
  for (let i = 0; i < refs.length; i++) {
    let exact = 1;
    let tp = 0;
    let fp = 0;
    let fn = 0;
    cols.forEach((c, j) => {
      const r = refs[i]![c] === 1;
      const h = hyps[i]![c] === 1;
      const row = rows[j]!;
      if (r) row.support++;
      if (r && h) (row.tp++, tp++);
      else if (h) (row.fp++, fp++);
      else if (r) (row.fn++, fn++);
      if (refs[i]![c] !== hyps[i]![c]) exact = 0;
    });
    perSampleExact[i] = exact;
    const s = prf(tp, fp, fn, zd);
    sampleP.push(s.precision);
    sampleR.push(s.recall);
    sampleF.push(s.f1);
  }
  let TP = 0;
  let FP = 0;
  let FN = 0;
  for (const row of rows) {
    Object.assign(row, prf(row.tp, row.fp, row.fn, zd));
    TP += row.tp;
    FP += row.fp;
    FN += row.fn;
  }
  const totalSupport = rows.reduce((s, r) => s + r.support, 0);
  const weightedBy = (k: keyof PRF) => (totalSupport === 0 ? zd : rows.reduce((s, r) => s + r[k] * r.support, 0) / totalSupport);
  let exactCount = 0;
  for (const e of perSampleExact) exactCount += e;
  return {
    classes: rows,
    micro: prf(TP, FP, FN, zd),
    macro: { precision: mean(rows.map((r) => r.precision)), recall: mean(rows.map((r) => r.recall)), f1: mean(rows.map((r) => r.f1)) },
    weighted: { precision: weightedBy('precision'), recall: weightedBy('recall'), f1: weightedBy('f1') },
    samples: { precision: mean(sampleP), recall: mean(sampleR), f1: mean(sampleF) },
    subsetAccuracy: refs.length === 0 ? zd : exactCount / refs.length,
    perSampleExact,
  };
}
