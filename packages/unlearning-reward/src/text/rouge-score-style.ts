import { reconLcs, rougeLPltrdy, type RougeScores } from './rouge-pltrdy.js';

/**
 * Tokens as google-research `rouge_score` makes them: lower-case, every non-[a-z0-9] char → space,
 * split on whitespace; an optional stemmer applies to tokens longer than 3 chars. We ship no Porter
 * stemmer (pass nltk-compatible `stem` yourself; ours).
 */
export function rougeScoreTokens(text: string, stem?: (w: string) => string): string[] {
  const toks = text.toLowerCase().replace(/[^a-z0-9]+/g, ' ').split(/\s+/).filter(Boolean);
  return stem ? toks.map((t) => (t.length > 3 ? stem(t) : t)) : toks;
}

/** Sentence-free ROUGE-L (`rouge_score` `rougeL`): LCS length over token sequences; P, R, F1. */
export function rougeLScoreStyle(hyp: string, ref: string, o: { stem?: (w: string) => string } = {}): RougeScores {
  const h = rougeScoreTokens(hyp, o.stem);
  const r = rougeScoreTokens(ref, o.stem);
  if (h.length === 0 || r.length === 0) return { r: 0, p: 0, f: 0 };
  const l = reconLcs(r, h).length;
  const p = l / h.length;
  const rr = l / r.length;
  return { r: rr, p, f: p + rr === 0 ? 0 : (2 * p * rr) / (p + rr) };
}

/**
 * ROUGE-L with a chosen implementation: `'pltrdy'` (RULE/RWKU, case-sensitive, sentence-level union LCS;
 * throws `RougeEmptyError` like Python) or `'rouge-score'` (MUSE/TOFU style: lower-case, alphanumeric tokens).
 */
export function rougeL(hyp: string, ref: string, o: { impl?: 'pltrdy' | 'rouge-score'; stem?: (w: string) => string } = {}): RougeScores {
  return (o.impl ?? 'pltrdy') === 'pltrdy' ? rougeLPltrdy(hyp, ref) : rougeLScoreStyle(hyp, ref, { stem: o.stem });
}
