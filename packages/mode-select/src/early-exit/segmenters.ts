/** What a segmenter sees before each thinking token. */
export interface SegmentContext {
  /** Thinking text so far (after the think opener). */
  thoughts: string;
  /** Text of the token about to be emitted (greedy candidate); '' when unknown (text backends). */
  nextText: string;
  thinkTokens: number;
}

/** Decides where checks happen (spec §6). */
export interface Segmenter {
  readonly id: 'transition-word' | 'fixed-tokens' | 'delimiter' | 'paragraph-keyword';
  /** True when the early-exit policy should be checked at this point of the reasoning. */
  shouldCheck(ctx: SegmentContext): boolean;
  /** Stop strings that end a text-backend segment (the stop is re-inserted on continue). */
  readonly stops: readonly string[];
}

/**
 * Check just before a transition word (DEER: `Wait`) [ref: iie-ycx/DEER]. On continue the word
 * is written (re-inserted), so the thought is unchanged.
 */
export function transitionWordSegmenter(words: readonly string[] = ['Wait']): Segmenter {
  return {
    id: 'transition-word',
    stops: words,
    shouldCheck({ thoughts, nextText }) {
      const t = nextText.trimStart();
      if (t === '') return false;
      // the candidate token is the word (or begins with it), or begins it at a word boundary
      if (words.some((w) => t.startsWith(w))) return true;
      const boundary = thoughts === '' || /\s$/.test(thoughts) || /^\s/.test(nextText);
      return boundary && words.some((w) => w.startsWith(t));
    },
  };
}

/** Check every `every` thinking tokens (Dynasor: 64) [ref: hao-ai-lab/Dynasor]. */
export function fixedTokensSegmenter(every = 64): Segmenter {
  return { id: 'fixed-tokens', stops: [], shouldCheck: ({ thinkTokens }) => thinkTokens > 0 && thinkTokens % every === 0 };
}

/** Check after each delimiter (FlashThink: `\n\n`; line-based traces: `\n`). */
export function delimiterSegmenter(delimiter = '\n\n'): Segmenter {
  return { id: 'delimiter', stops: [delimiter], shouldCheck: ({ thoughts, nextText }) => thoughts.endsWith(delimiter) && !nextText.startsWith(delimiter[0]!) };
}

/** ProbeConf's chunking keywords [ref: reasoning_models_probing]; case-insensitive prefix match (ours). */
export const PROBECONF_KEYWORDS: readonly string[] = ['wait', 'double-check', 'alternatively', 'make sure', 'another way', 'verify', 'to confirm'];

/** Check at a paragraph that starts with one of `keywords`. */
export function paragraphKeywordSegmenter(keywords: readonly string[] = PROBECONF_KEYWORDS): Segmenter {
  return {
    id: 'paragraph-keyword',
    stops: ['\n\n'],
    shouldCheck({ thoughts, nextText }) {
      if (!thoughts.endsWith('\n\n')) return false;
      const t = nextText.trimStart().toLowerCase();
      return t !== '' && keywords.some((k) => k.startsWith(t) || t.startsWith(k));
    },
  };
}
