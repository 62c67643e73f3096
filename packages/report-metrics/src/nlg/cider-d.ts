import { z } from 'zod';
import { parseOptions } from '@reasonkit/core';
import { ReportMetricsError } from '../errors/report-metrics-error.js';
import { numpyMean } from '../text/numpy-sum.js';
import { prepareCorpus } from './prepared-corpus.js';
import type { PreparedCorpus } from './prepared-corpus.js';
import type { CookedText } from './ngram-vocab.js';
import { PreprocessSchema } from './preprocess-option.js';
import type { CorpusScore } from './rouge-l.js';
import type { Sample } from './sample.js';

/** zod schema of `CiderDOptions`: validates it and applies its defaults. */
export const CiderDOptionsSchema = z.object({
  /** Highest n-gram order; 4 in pycocoevalcap's `Cider` [reference code]. */
  n: z.number().int().min(1).max(8).default(4),
  /** Gaussian length-penalty width σ; 6.0 [reference code]. */
  sigma: z.number().positive().default(6),
  preprocess: PreprocessSchema,
});
/** Input accepted by `CiderDOptionsSchema` (optional fields may be omitted; defaults are applied when parsed). */
export type CiderDOptions = z.input<typeof CiderDOptionsSchema>;

/** A prepared corpus plus CIDEr-D's σ. */
export interface CiderPrepared extends PreparedCorpus {
  sigma: number;
}

/** Tokenizes (Python `str.split()`) and counts n-grams of every candidate and reference. */
export function prepareCiderD(samples: readonly Sample[], options: CiderDOptions = {}): CiderPrepared {
  const o = parseOptions(CiderDOptionsSchema, options, 'ciderD options');
  return { ...prepareCorpus(samples, { preprocess: o.preprocess, n: o.n }), sigma: o.sigma };
}

/**
 * Writes a text's CIDEr-D weights `tf · idf` into `w` (aligned with `t.ids`) and the per-order
 * norms into `norm`; returns the length the penalty uses (bigram occurrences, spec §4.3).
 */
function toVec(t: CookedText, idf: Float64Array, n: number, w: Float64Array, norm: Float64Array): number {
  let length = 0;
  for (let k = 0; k < n; k++) {
    let sq = 0;
    for (let j = t.orderStart[k]!; j < t.orderStart[k + 1]!; j++) {
      const v = t.counts[j]! * idf[t.ids[j]!]!;
      w[j] = v;
      sq += v ** 2;
      if (k === 1) length += t.counts[j]!;
    }
    norm[k] = Math.sqrt(sq);
  }
  return length;
}

/**
 * CIDEr-D over the samples at `indices` (repeats allowed; all samples by default), with document
 * frequencies from exactly that multiset. Returns per-index scores and their numpy mean.
 */
export function ciderDFromPrepared(prep: CiderPrepared, indices?: ArrayLike<number>): CorpusScore {
  const N = indices ? indices.length : prep.cands.length;
  const at = (c: number): number => (indices ? indices[c]! : c);
  const df = new Float64Array(prep.vocabSize);
  let any = false;
  for (let c = 0; c < N; c++) {
    const u = prep.refUnion[at(c)]!;
    for (let j = 0; j < u.length; j++) df[u[j]!]!++;
    if (u.length > 0) any = true;
  }
  if (!any) {
    throw new ReportMetricsError('NO_REFERENCE_NGRAMS', 'CIDEr-D: no reference has any n-gram (every reference is empty after preprocessing); pycocoevalcap raises a bare ValueError here', { field: 'references' });
  }
  const logN = Math.log(N);
  const logTable = new Float64Array(N + 1);
  for (let d = 1; d <= N; d++) logTable[d] = Math.log(d);
  const idf = df; // reused in place: idf(g) = ln N − ln max(1, df(g))
  for (let g = 0; g < idf.length; g++) idf[g] = logN - logTable[df[g]! > 1 ? df[g]! : 1]!;
  const n = prep.n;
  const penaltyDen = 2 * prep.sigma ** 2;
  const dense = new Float64Array(prep.vocabSize);
  const done = new Int32Array(prep.cands.length).fill(-1);
  const perSample = new Float64Array(N);
  const score = new Float64Array(n);
  let maxIds = 0;
  for (const c of prep.cands) if (c.ids.length > maxIds) maxIds = c.ids.length;
  for (const rs of prep.refs) for (const r of rs) if (r.ids.length > maxIds) maxIds = r.ids.length;
  const wc = new Float64Array(maxIds);
  const wr = new Float64Array(maxIds);
  const nc = new Float64Array(n);
  const nr = new Float64Array(n);
  for (let c = 0; c < N; c++) {
    const i = at(c);
    if (done[i]! >= 0) {
      perSample[c] = perSample[done[i]!]!;
      continue;
    }
    const cand = prep.cands[i]!;
    const lenC = toVec(cand, idf, n, wc, nc);
    score.fill(0);
    const refs = prep.refs[i]!;
    for (const ref of refs) {
      const lenR = toVec(ref, idf, n, wr, nr);
      for (let j = 0; j < ref.ids.length; j++) dense[ref.ids[j]!] = wr[j]!;
      const delta = lenC - lenR;
      const penalty = Math.E ** (-(delta ** 2) / penaltyDen);
      for (let k = 0; k < n; k++) {
        let val = 0;
        for (let j = cand.orderStart[k]!; j < cand.orderStart[k + 1]!; j++) {
          const r = dense[cand.ids[j]!]!;
          const h = wc[j]!;
          val += (h < r ? h : r) * r;
        }
        if (nc[k] !== 0 && nr[k] !== 0) val /= nc[k]! * nr[k]!;
        val *= penalty;
        score[k] = score[k]! + val;
      }
      for (let j = 0; j < ref.ids.length; j++) dense[ref.ids[j]!] = 0;
    }
    let avg = numpyMean(score);
    avg /= refs.length;
    avg *= 10;
    perSample[c] = avg;
    done[i] = c;
  }
  return { corpus: numpyMean(perSample), perSample };
}

/**
 * CIDEr-D with pycocoevalcap semantics (its `Cider` class): idf from the evaluated set itself,
 * clipped weights, Gaussian penalty on bigram-count lengths, ×10 (spec §4.3). Throws
 * `NO_REFERENCE_NGRAMS` when no reference has an n-gram.
 */
export function ciderD(samples: readonly Sample[], options: CiderDOptions = {}): CorpusScore {
  return ciderDFromPrepared(prepareCiderD(samples, options));
}
