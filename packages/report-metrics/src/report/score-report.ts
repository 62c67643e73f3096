import type { Interval } from '../bootstrap/bootstrap.js';
import type { ClassificationReport } from '../clinical/classification-report.js';

/** Everything `scoreFile` computed; `report.json` is this object. */
export interface ScoreReport {
  config: Record<string, unknown>;
  versions: Record<string, string>;
  counts: { samples: number; emptyCandidates: number; emptyReferences: number };
  /** Corpus metrics by key (`BLEU_1..4`, `ROUGE_L`, `CIDEr_D`, `METEOR` or `METEOR_approx`, CE keys, `RadGraph_*`). */
  corpus: Record<string, number>;
  /** Bootstrap percentile intervals of corpus metrics (absent when disabled). */
  intervals?: Record<string, Interval>;
  /** PriorRG's spellings of the same numbers (`CIDer` for CIDEr-D). */
  priorrgCompat: Record<string, number>;
  chexbert?: { all: Omit<ClassificationReport, 'perSampleExact'>; five: Omit<ClassificationReport, 'perSampleExact'> };
  perSample: Record<string, string | number>[];
  warnings: string[];
  footnotes: string[];
  files: string[];
}
