import type { Preprocess } from '../text/preprocess.js';
import { bleu } from './bleu.js';
import { ciderD } from './cider-d.js';
import { rougeL } from './rouge-l.js';
import type { Sample } from './sample.js';

export type NlgKey = 'BLEU_1' | 'BLEU_2' | 'BLEU_3' | 'BLEU_4' | 'ROUGE_L' | 'CIDEr_D';

/** BLEU-1..4, ROUGE-L and CIDEr-D corpus scores under pycocoevalcap's key names (CIDEr as `CIDEr_D`). */
export function nlgScores(samples: readonly Sample[], options: { preprocess?: Preprocess } = {}): Record<NlgKey, number> {
  const b = bleu(samples, { maxN: 4, preprocess: options.preprocess });
  return {
    BLEU_1: b.corpus[0]!,
    BLEU_2: b.corpus[1]!,
    BLEU_3: b.corpus[2]!,
    BLEU_4: b.corpus[3]!,
    ROUGE_L: rougeL(samples, { preprocess: options.preprocess }).corpus,
    CIDEr_D: ciderD(samples, { preprocess: options.preprocess }).corpus,
  };
}
