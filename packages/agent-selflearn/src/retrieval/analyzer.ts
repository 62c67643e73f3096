import stemmer from 'wink-porter2-stemmer';

/** Turns text into index terms. */
export type Analyzer = (text: string) => string[];

/** Lucene's default English stop words (`EnglishAnalyzer.ENGLISH_STOP_WORDS_SET`, 33 words), as Pyserini uses. */
export const ENGLISH_STOP_WORDS: ReadonlySet<string> = new Set(
  'a an and are as at be but by for if in into is it no not of on or such that the their then there these they this to was will with'.split(' '),
);

/**
 * Default analyzer (spec §6.3): lower-case, split on anything that is not a Unicode letter or digit,
 * drop English stop words, stem with Porter2 (Snowball English; our choice of stemmer package, close
 * to Lucene's Porter). Stems are memoised per analyzer.
 */
export function createDefaultAnalyzer(): Analyzer {
  const cache = new Map<string, string>();
  const split = /[^\p{L}\p{N}]+/u;
  return (text) => {
    const out: string[] = [];
    for (const raw of text.toLowerCase().split(split)) {
      if (raw === '' || ENGLISH_STOP_WORDS.has(raw)) continue;
      let s = cache.get(raw);
      if (s === undefined) {
        s = stemmer(raw);
        if (cache.size < 1_000_000) cache.set(raw, s);
      }
      out.push(s);
    }
    return out;
  };
}

/** Whitespace tokens as given (for pre-tokenised corpora and hand-computed tests). */
export const whitespaceAnalyzer: Analyzer = (text) => text.split(/\s+/).filter(Boolean);
