import { RougeEmptyError } from '../errors/index.js';
import { pySplit } from './python-whitespace.js';

/** ROUGE scores (precision, recall, F). */
export interface RougeScores {
  r: number;
  p: number;
  f: number;
}

/**
 * Sentences as pltrdy `rouge` makes them: split on every ".", drop zero-length pieces (before
 * whitespace handling), re-join each piece's Python-whitespace words with single spaces.
 */
export function pltrdySentences(text: string): string[] {
  const out: string[] = [];
  for (const piece of text.split('.')) if (piece.length > 0) out.push(pySplit(piece).join(' '));
  return out;
}

/** One LCS of `x` and `y`, reconstructed backwards with pltrdy's tie-break (up only when strictly greater). */
export function reconLcs(x: string[], y: string[]): string[] {
  const n = x.length;
  const m = y.length;
  const w = m + 1;
  const t = new Uint32Array((n + 1) * w);
  for (let i = 1; i <= n; i++) {
    const xi = x[i - 1];
    for (let j = 1; j <= m; j++) {
      t[i * w + j] = xi === y[j - 1] ? t[(i - 1) * w + j - 1]! + 1 : Math.max(t[(i - 1) * w + j]!, t[i * w + j - 1]!);
    }
  }
  const out: string[] = [];
  let i = n;
  let j = m;
  while (i > 0 && j > 0) {
    if (x[i - 1] === y[j - 1]) {
      out.push(x[i - 1]!);
      i--;
      j--;
    } else if (t[(i - 1) * w + j]! > t[i * w + j - 1]!) i--;
    else j--;
  }
  return out.reverse();
}

/**
 * Summary-level ROUGE-L of pltrdy `rouge` 1.0.1 (`Rouge(["rouge-l"]).get_scores(hyp, ref)`), exactly:
 * case-sensitive, no stemming, punctuation other than "." stays on words; union of per-sentence
 * LCS tokens as sets. Throws `RougeEmptyError` where Python raises (no sentence in hyp or ref).
 */
export function rougeLPltrdy(hyp: string, ref: string): RougeScores {
  const hs = pltrdySentences(hyp);
  const rs = pltrdySentences(ref);
  if (hs.length === 0) throw new RougeEmptyError('hypothesis');
  if (rs.length === 0) throw new RougeEmptyError('reference');
  const refWords = rs.map((s) => s.split(' '));
  const hypWords = hs.map((s) => s.split(' '));
  const refSet = new Set<string>();
  for (const w of refWords) for (const t of w) refSet.add(t);
  const hypSet = new Set<string>();
  for (const w of hypWords) for (const t of w) hypSet.add(t);
  const union = new Set<string>();
  for (const rw of refWords) {
    const rset = rw.length > 8 ? new Set(rw) : undefined;
    for (const hw of hypWords) {
      // Hypothesis tokens absent from this reference sentence never change the reconstructed LCS: their
      // columns of the table copy the column before, and the tie-break always moves left through them.
      const y = hw.filter((t) => (rset ? rset.has(t) : rw.includes(t)));
      if (y.length === 0) continue;
      for (const tok of reconLcs(rw, y)) union.add(tok);
    }
  }
  const llcs = union.size;
  const r = llcs / refSet.size;
  const p = llcs / hypSet.size;
  const f = 2.0 * ((p * r) / (p + r + 1e-8));
  return { r, p, f };
}

/**
 * RULE's answer score: `Rouge(["rouge-l"]).get_scores([c]*k, refs, avg=True)["rouge-l"]["r"]`, the mean
 * recall over references (summed in order, divided by k, as Python does). Throws like Python.
 */
export function rougeLRecallMeanStrict(hyp: string, refs: readonly string[]): number {
  if (refs.length === 0) throw new RougeEmptyError('reference');
  let sum = 0;
  for (const ref of refs) sum += rougeLPltrdy(hyp, ref).r;
  return sum / refs.length;
}

/** As `rougeLRecallMeanStrict`, but an error gives 0 (RULE's two-stage rewards catch it). */
export function rougeLRecallMean(hyp: string, refs: readonly string[]): number {
  try {
    return rougeLRecallMeanStrict(hyp, refs);
  } catch (e) {
    if (e instanceof RougeEmptyError) return 0;
    throw e;
  }
}
