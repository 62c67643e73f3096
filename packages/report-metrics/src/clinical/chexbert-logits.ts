import { ReportMetricsError } from '../errors/report-metrics-error.js';
import { mapChexbertClasses } from './chexbert-classes.js';

/** CheXbert's heads: 13 four-way heads (blank, positive, negative, uncertain) and a two-way No Finding head. */
export const CHEXBERT_HEAD_SIZES: readonly number[] = [...new Array<number>(13).fill(4), 2];

/**
 * PriorRG's labeler input clean-up [ref: mk-runner/PriorRG tools/metrics/f1chexbert.py]: trim,
 * newlines → spaces, runs of whitespace → one space.
 */
export function chexbertInputText(text: string): string {
  return text.trim().replace(/\n/g, ' ').replace(/\s+/g, ' ');
}

/**
 * Turns one report's concatenated head logits (`Σ headSizes` values, heads in CheXbert order) into
 * labels: argmax per head (first maximum wins, as torch/numpy), then the `rrg` or `classification`
 * mapping.
 */
export function chexbertLabelsFromLogits(logits: ArrayLike<number>, options: { headSizes?: readonly number[]; mode?: 'rrg' | 'classification' } = {}): Int8Array {
  const sizes = options.headSizes ?? CHEXBERT_HEAD_SIZES;
  const total = sizes.reduce((a, b) => a + b, 0);
  if (logits.length !== total) {
    throw new ReportMetricsError('LABELER_FAILED', `CheXbert logits: expected ${total} values (heads ${sizes.join('+')}), got ${logits.length}`, { expected: total, actual: logits.length });
  }
  const raw = new Int8Array(sizes.length);
  let off = 0;
  sizes.forEach((n, h) => {
    let best = 0;
    for (let k = 1; k < n; k++) if (logits[off + k]! > logits[off + best]!) best = k;
    raw[h] = best;
    off += n;
  });
  return mapChexbertClasses(raw, options.mode ?? 'rrg');
}
