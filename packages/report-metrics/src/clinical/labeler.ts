import { CHEXBERT_CLASSES } from './chexbert-classes.js';
import { ReportMetricsError } from '../errors/report-metrics-error.js';

/** A report labeler: turns texts into label vectors (1/0, or −1 in classification mode) (spec §5.3). */
export interface ReportLabeler {
  /** Enters cache keys: model + revision + mode. */
  readonly id: string;
  /** Names of the label columns; default the 14 CheXbert conditions in order. */
  readonly classes: readonly string[];
  /** Labels each report text: one label per observation. */
  label(texts: string[], options?: { signal?: AbortSignal }): Promise<Int8Array[]>;
}

/** Wraps a function as a {@link ReportLabeler}, checking that it returns one vector of the right width per text. */
export function labelerFromFunction(
  id: string,
  fn: (texts: string[], options?: { signal?: AbortSignal }) => Promise<ArrayLike<number>[]> | ArrayLike<number>[],
  classes: readonly string[] = CHEXBERT_CLASSES,
): ReportLabeler {
  return {
    id,
    classes,
    async label(texts, options) {
      options?.signal?.throwIfAborted();
      const out = await fn(texts, options);
      if (!Array.isArray(out) || out.length !== texts.length) {
        throw new ReportMetricsError('LABELER_FAILED', `labeler ${id}: returned ${Array.isArray(out) ? out.length : typeof out} vectors for ${texts.length} texts`, { field: 'label' });
      }
      return out.map((v, i) => {
        if (v.length !== classes.length) throw new ReportMetricsError('LABELER_FAILED', `labeler ${id}: vector ${i} has ${v.length} labels, expected ${classes.length}`, { record: i });
        return v instanceof Int8Array ? v : Int8Array.from(v as ArrayLike<number>);
      });
    },
  };
}
