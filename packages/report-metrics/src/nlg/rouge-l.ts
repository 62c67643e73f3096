import { z } from 'zod';
import { parseOptions } from '@reasonkit/core';
import { isPythonSpace, splitOnSpace } from '../text/python-split.js';
import { numpyMean } from '../text/numpy-sum.js';
import { PreprocessSchema } from './preprocess-option.js';
import type { Sample } from './sample.js';
import type { CookedText } from './ngram-vocab.js';
import { prepareCorpus } from './prepared-corpus.js';
import type { PreparedCorpus } from './prepared-corpus.js';

/** zod schema of `RougeLOptions`: validates it and applies its defaults. */
export const RougeLOptionsSchema = z.object({
  /** F-measure β; 1.2 in pycocoevalcap's `Rouge` [reference code]. */
  beta: z.number().positive().default(1.2),
  preprocess: PreprocessSchema,
});
/** Input accepted by `RougeLOptionsSchema` (optional fields may be omitted; defaults are applied when parsed). */
export type RougeLOptions = z.input<typeof RougeLOptionsSchema>;

/** A corpus score and the per-sample scores it is the mean of. */
export interface CorpusScore {
  corpus: number;
  perSample: Float64Array;
}

/** Length of the longest common subsequence of two id sequences (two-row dynamic programme). */
export function lcsLength(a: Int32Array, b: Int32Array, rows?: { prev: Int32Array; cur: Int32Array }): number {
  const m = b.length;
  let prev = rows && rows.prev.length > m ? rows.prev : new Int32Array(m + 1);
  let cur = rows && rows.cur.length > m ? rows.cur : new Int32Array(m + 1);
  prev.fill(0, 0, m + 1);
  cur[0] = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    for (let j = 1; j <= m; j++) {
      if (x === b[j - 1]) cur[j] = prev[j - 1]! + 1;
      else {
        const up = prev[j]!;
        const left = cur[j - 1]!;
        cur[j] = up > left ? up : left;
      }
    }
    const t = prev;
    prev = cur;
    cur = t;
  }
  return prev[m]!;
}

/**
 * ROUGE-L F-measure of one candidate against its references (spec §4.2): precision and recall
 * maxima taken independently over references, `F = (1+β²)PR / (R + β²P)`, 0 if P or R is 0.
 */
export function rougeLFromLcs(candLen: number, refLens: readonly number[], lcs: readonly number[], beta: number): number {
  let pMax = -Infinity;
  let rMax = -Infinity;
  for (let j = 0; j < refLens.length; j++) {
    const p = lcs[j]! / candLen;
    const r = lcs[j]! / refLens[j]!;
    if (p > pMax) pMax = p;
    if (r > rMax) rMax = r;
  }
  if (pMax === 0 || rMax === 0) return 0;
  const b2 = beta ** 2;
  return ((1 + b2) * pMax * rMax) / (rMax + b2 * pMax);
}

/**
 * ROUGE-L with pycocoevalcap semantics: tokens by single-space split (empty tokens kept), β = 1.2,
 * corpus score = numpy mean of per-sample F.
 */
export function rougeL(samples: readonly Sample[], options: RougeLOptions = {}): CorpusScore {
  const o = parseOptions(RougeLOptionsSchema, options, 'rougeL options');
  return rougeLFromPrepared(prepareCorpus(samples, { preprocess: o.preprocess, n: 1 }), o.beta);
}

/**
 * True when `split(" ")` and Python's `split()` give the same tokens: non-empty, no whitespace but
 * single U+0020 between words.
 */
export function splitsAgree(text: string): boolean {
  if (text.length === 0 || text.charCodeAt(0) === 32 || text.charCodeAt(text.length - 1) === 32) return false;
  let prev = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 32) {
      if (prev === 32) return false;
    } else if (isPythonSpace(c)) return false;
    prev = c;
  }
  return true;
}

/**
 * ROUGE-L of a prepared corpus: reuses its token ids where the two splits agree, else splits the
 * preprocessed text on U+0020 (empty tokens kept) and interns the pieces in the same vocabulary.
 */
export function rougeLFromPrepared(prep: PreparedCorpus, beta = 1.2): CorpusScore {
  const ids = (text: string, cooked: CookedText): Int32Array => {
    if (splitsAgree(text)) return cooked.tokens;
    const toks = splitOnSpace(text);
    const out = new Int32Array(toks.length);
    for (let i = 0; i < toks.length; i++) out[i] = prep.vocab.tokenId(toks[i]!);
    return out;
  };
  const rows = { prev: new Int32Array(256), cur: new Int32Array(256) };
  const perSample = new Float64Array(prep.cands.length);
  const refLens: number[] = [];
  const lcs: number[] = [];
  for (let i = 0; i < prep.cands.length; i++) {
    const c = ids(prep.candidates[i]!, prep.cands[i]!);
    refLens.length = 0;
    lcs.length = 0;
    const refs = prep.references[i]!;
    for (let j = 0; j < refs.length; j++) {
      const r = ids(refs[j]!, prep.refs[i]![j]!);
      if (r.length >= rows.prev.length) {
        rows.prev = new Int32Array(r.length * 2);
        rows.cur = new Int32Array(r.length * 2);
      }
      refLens.push(r.length);
      lcs.push(lcsLength(c, r, rows));
    }
    perSample[i] = rougeLFromLcs(c.length, refLens, lcs, beta);
  }
  return { corpus: numpyMean(perSample), perSample };
}
