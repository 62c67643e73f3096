import { preprocessFunction } from '../text/preprocess.js';
import type { Preprocess } from '../text/preprocess.js';
import { pythonSplit } from '../text/python-split.js';
import { CookScratch, NgramVocab, cook } from './ngram-vocab.js';
import type { CookedText } from './ngram-vocab.js';
import type { Sample } from './sample.js';
import { validateSamples } from './validate-samples.js';

/**
 * Samples preprocessed, split the Python way and turned into n-gram ids once. BLEU and CIDEr-D
 * share it (both use `str.split()` and 1..4-grams); bootstrap resamples reuse it without
 * re-tokenizing.
 */
export interface PreparedCorpus {
  n: number;
  /** The vocabulary the ids come from (ROUGE-L interns its own tokens here too). */
  vocab: NgramVocab;
  vocabSize: number;
  /** Preprocessed candidate and reference texts (ROUGE-L splits these on U+0020). */
  candidates: string[];
  references: string[][];
  cands: CookedText[];
  refs: CookedText[][];
  /** Distinct n-gram ids over all references of each sample (what document frequency counts). */
  refUnion: Int32Array[];
}

/** Tokenises and interns a corpus once so several n-gram metrics can score it without redoing that work. */
export function prepareCorpus(samples: readonly Sample[], options: { preprocess?: Preprocess; n?: number } = {}): PreparedCorpus {
  validateSamples(samples);
  const pre = preprocessFunction(options.preprocess);
  const n = options.n ?? 4;
  const vocab = new NgramVocab();
  const scratch = new CookScratch();
  const out: PreparedCorpus = { n, vocab, vocabSize: 0, candidates: [], references: [], cands: [], refs: [], refUnion: [] };
  for (const s of samples) {
    const c = pre(s.candidate);
    const rs = s.references.map(pre);
    out.candidates.push(c);
    out.references.push(rs);
    out.cands.push(cook(pythonSplit(c), n, vocab, scratch));
    const cooked = rs.map((r) => cook(pythonSplit(r), n, vocab, scratch));
    out.refs.push(cooked);
    if (cooked.length === 1) out.refUnion.push(cooked[0]!.ids);
    else {
      const seen = new Set<number>();
      for (const r of cooked) for (const id of r.ids) seen.add(id);
      out.refUnion.push(Int32Array.from(seen));
    }
  }
  out.vocabSize = vocab.size;
  return out;
}
