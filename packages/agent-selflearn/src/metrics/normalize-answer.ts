/** ASCII punctuation, as Python's `string.punctuation` (Search-R1 / SQuAD `normalize_answer`). */
const PUNCT = /[!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]/g;
const ARTICLES = /\b(a|an|the)\b/g;

/**
 * SQuAD / Search-R1 answer normalisation (spec §4.1): lower-case → remove ASCII punctuation →
 * replace the whole words a/an/the by a space → collapse whitespace. Python's `\b` is
 * Unicode-aware; ours is ASCII (only matters for articles glued to non-ASCII letters).
 */
export function normalizeAnswer(s: string): string {
  return s.toLowerCase().replace(PUNCT, '').replace(ARTICLES, ' ').split(/\s+/).filter(Boolean).join(' ');
}

/** EM(a, G) = 1 if norm(a) = norm(g) for some gold g (spec §4.1). */
export function exactMatch(answer: string, golds: readonly string[]): 0 | 1 {
  const a = normalizeAnswer(answer);
  return golds.some((g) => normalizeAnswer(g) === a) ? 1 : 0;
}

/** subEM(a, G) = 1 if norm(g) is a substring of norm(a) for some gold g (spec §4.1). EM ⇒ subEM. */
export function subExactMatch(answer: string, golds: readonly string[]): 0 | 1 {
  const a = normalizeAnswer(answer);
  return golds.some((g) => a.includes(normalizeAnswer(g))) ? 1 : 0;
}

/**
 * SQuAD token F1, max over golds (spec §4.1, used for metrics): precision/recall over the
 * multiset of normalised tokens; 0 when nothing is shared.
 */
export function tokenF1(answer: string, golds: readonly string[]): number {
  const predTokens = normalizeAnswer(answer).split(' ').filter(Boolean);
  let best = 0;
  for (const g of golds) {
    const goldTokens = normalizeAnswer(g).split(' ').filter(Boolean);
    const counts = new Map<string, number>();
    for (const t of goldTokens) counts.set(t, (counts.get(t) ?? 0) + 1);
    let same = 0;
    for (const t of predTokens) {
      const c = counts.get(t) ?? 0;
      if (c > 0) {
        same++;
        counts.set(t, c - 1);
      }
    }
    if (same === 0) continue;
    const precision = same / predTokens.length;
    const recall = same / goldTokens.length;
    best = Math.max(best, (2 * precision * recall) / (precision + recall));
  }
  return best;
}
