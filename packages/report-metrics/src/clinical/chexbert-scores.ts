import { CHEXBERT_5_INDICES, CHEXBERT_CLASSES } from './chexbert-classes.js';
import { classificationReport } from './classification-report.js';
import type { ClassificationReport } from './classification-report.js';

/** PriorRG's CE key names [ref: mk-runner/PriorRG tools/metrics/metrics.py]. */
export interface ChexbertKeys {
  chexbert_5_micro_f1: number;
  chexbert_5_macro_f1: number;
  chexbert_all_micro_p: number;
  chexbert_all_micro_r: number;
  chexbert_all_micro_f1: number;
  chexbert_all_macro_p: number;
  chexbert_all_macro_r: number;
  chexbert_all_macro_f1: number;
}

/** CheXbert-based clinical efficacy scores (precision, recall and F1 over the 14 observations). */
export interface ChexbertScores {
  all: ClassificationReport;
  five: ClassificationReport;
  /** Exact match of the 5-condition vector, averaged over samples. */
  accuracy5: number;
  keys: ChexbertKeys;
}

/**
 * CheXbert CE scores from 14-column label vectors (rrg mode: 1 = positive or uncertain): the
 * 14-class report, the 5-class report and PriorRG's key names.
 */
export function chexbertScores(refs: readonly ArrayLike<number>[], hyps: readonly ArrayLike<number>[], options: { zeroDivision?: 0 | 1 | 'nan'; classes?: readonly string[] } = {}): ChexbertScores {
  const classes = [...(options.classes ?? CHEXBERT_CLASSES)];
  const all = classificationReport(refs, hyps, { classes, zeroDivision: options.zeroDivision });
  const five = classificationReport(refs, hyps, { classes, subset: [...CHEXBERT_5_INDICES], zeroDivision: options.zeroDivision });
  return {
    all,
    five,
    accuracy5: five.subsetAccuracy,
    keys: {
      chexbert_5_micro_f1: five.micro.f1,
      chexbert_5_macro_f1: five.macro.f1,
      chexbert_all_micro_p: all.micro.precision,
      chexbert_all_micro_r: all.micro.recall,
      chexbert_all_micro_f1: all.micro.f1,
      chexbert_all_macro_p: all.macro.precision,
      chexbert_all_macro_r: all.macro.recall,
      chexbert_all_macro_f1: all.macro.f1,
    },
  };
}
