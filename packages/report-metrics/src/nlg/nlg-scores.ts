import type { Preprocess } from '../text/preprocess.js';
import { bleuFromSampleStats, bleuPerSample, bleuStatsFromPrepared } from './bleu.js';
import { ciderDFromPrepared } from './cider-d.js';
import { prepareCorpus } from './prepared-corpus.js';
import { rougeLFromPrepared } from './rouge-l.js';
import type { Sample } from './sample.js';

/** Key of an NLG score, as the pycocoevalcap-style result names it. */
export type NlgKey = 'BLEU_1' | 'BLEU_2' | 'BLEU_3' | 'BLEU_4' | 'ROUGE_L' | 'CIDEr_D';
/** Every NLG score key, in report order. */
export const NLG_KEYS: readonly NlgKey[] = ['BLEU_1', 'BLEU_2', 'BLEU_3', 'BLEU_4', 'ROUGE_L', 'CIDEr_D'];

/** NLG scores with their per-sample values. */
export interface NlgDetail {
  corpus: Record<NlgKey, number>;
  /** Per-sample scores in input order. */
  perSample: Record<NlgKey, Float64Array>;
}

/**
 * BLEU-1..4, ROUGE-L and CIDEr-D with one preprocessing and tokenization pass shared by all three
 * (same numbers as calling {@link bleu}, {@link rougeL} and {@link ciderD} separately).
 */
export function nlgScoresDetailed(samples: readonly Sample[], options: { preprocess?: Preprocess } = {}): NlgDetail {
  const prep = prepareCorpus(samples, { preprocess: options.preprocess, n: 4 });
  const stats = bleuStatsFromPrepared(prep, 4);
  const b = bleuFromSampleStats(stats);
  const per = bleuPerSample(stats);
  const r = rougeLFromPrepared(prep);
  const c = ciderDFromPrepared({ ...prep, sigma: 6 });
  return {
    corpus: { BLEU_1: b.corpus[0]!, BLEU_2: b.corpus[1]!, BLEU_3: b.corpus[2]!, BLEU_4: b.corpus[3]!, ROUGE_L: r.corpus, CIDEr_D: c.corpus },
    perSample: { BLEU_1: per[0]!, BLEU_2: per[1]!, BLEU_3: per[2]!, BLEU_4: per[3]!, ROUGE_L: r.perSample, CIDEr_D: c.perSample },
  };
}

/** Corpus BLEU-1..4, ROUGE-L and CIDEr-D under pycocoevalcap's key names (CIDEr as `CIDEr_D`). */
export function nlgScores(samples: readonly Sample[], options: { preprocess?: Preprocess } = {}): Record<NlgKey, number> {
  return nlgScoresDetailed(samples, options).corpus;
}
