/** Shannon entropy (bits) of the n-gram distribution of `tokens`. */
export function ngramEntropy(tokens: readonly string[], n: number): number {
  const counts = new Map<string, number>();
  let total = 0;
  for (let i = 0; i + n <= tokens.length; i++) {
    const k = tokens.slice(i, i + n).join('\u0000');
    counts.set(k, (counts.get(k) ?? 0) + 1);
    total++;
  }
  let h = 0;
  for (const c of counts.values()) {
    const p = c / total;
    h -= p * Math.log2(p);
  }
  return h;
}

/**
 * RWKU fluency of one text: mean((2/3)·H₂, (4/3)·H₃) over n-gram entropies (anchor: RWKU). Tokens are
 * whitespace-separated (ours; RWKU uses nltk's word tokenizer).
 */
export function fluencyScore(text: string, tokenize: (t: string) => string[] = (t) => t.split(/\s+/).filter(Boolean)): { h2: number; h3: number; score: number } {
  const toks = tokenize(text);
  const h2 = ngramEntropy(toks, 2);
  const h3 = ngramEntropy(toks, 3);
  return { h2, h3, score: ((2 / 3) * h2 + (4 / 3) * h3) / 2 };
}
