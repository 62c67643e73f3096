/**
 * Dynasor-CoT's consistency machinery [ref: hao-ai-lab/Dynasor `dynasor/core/cot.py`, ported
 * from the streaming path; its non-streaming `should_early_exit` always returns true, a bug not
 * copied here (spec §9.1)].
 */

/** The content of the last `\boxed{…}` with balanced braces (nested braces kept), or `null`. */
export function extractBoxed(text: string): string | null {
  const key = '\\boxed{';
  let at = text.lastIndexOf(key);
  while (at >= 0) {
    let depth = 1;
    for (let i = at + key.length; i < text.length; i++) {
      if (text[i] === '{') depth++;
      else if (text[i] === '}' && --depth === 0) return text.slice(at + key.length, i);
    }
    at = text.lastIndexOf(key, at - 1);
  }
  return null;
}

/**
 * The answer of a probe that was opened with `\boxed{`: the text up to the brace that balances
 * the opening one (nested braces kept: `\frac{1}{2}}` → `\frac{1}{2}`), trimmed; `null` when
 * the brace never closes.
 */
export function answerAfterOpenBrace(text: string): string | null {
  let depth = 1;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return text.slice(0, i).trim();
  }
  return null;
}

/** Hedge words that veto a probe answer (our choice, after Dynasor's uncertainty filter). */
export const DEFAULT_HEDGE_WORDS: readonly string[] = ['wait', 'hmm', 'maybe', 'perhaps', 'not sure', 'unsure', 'no', 'however', 'but'];

/**
 * True when `text` contains a hedge word. `wholeWord` (default) matches at word boundaries only,
 * so "no" does not fire inside "know" (spec §9.4); `false` is raw substring matching.
 */
export function containsHedge(text: string, words: readonly string[] = DEFAULT_HEDGE_WORDS, wholeWord = true): boolean {
  const lower = text.toLowerCase();
  for (const w of words) {
    const word = w.toLowerCase();
    if (!wholeWord) {
      if (lower.includes(word)) return true;
      continue;
    }
    const re = new RegExp(`(^|[^\\p{L}\\p{N}])${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?=$|[^\\p{L}\\p{N}])`, 'u');
    if (re.test(lower)) return true;
  }
  return false;
}

/** Majority share and Shannon entropy (bits) of a list of answers (`null` = no answer counts as its own value). */
export function answerAgreement(answers: readonly (string | null)[]): { majority: string | null; share: number; entropyBits: number } {
  if (answers.length === 0) return { majority: null, share: 0, entropyBits: 0 };
  const counts = new Map<string | null, number>();
  for (const a of answers) counts.set(a, (counts.get(a) ?? 0) + 1);
  let majority: string | null = null;
  let best = 0;
  let h = 0;
  for (const [a, c] of counts) {
    if (c > best) {
      best = c;
      majority = a;
    }
    const p = c / answers.length;
    h -= p * Math.log2(p);
  }
  return { majority, share: best / answers.length, entropyBits: h };
}

/**
 * Dynasor's streaming exit rule: exit iff the last `window` probe answers exist, are all
 * non-empty, carry no hedge, and are all equal. An inconsistent window never exits.
 */
export function consistentWindow(history: readonly { answer: string | null; hedged: boolean }[], window: number): { exit: boolean; answer: string | null } {
  if (window < 1 || history.length < window) return { exit: false, answer: null };
  const last = history.slice(-window);
  const first = last[0]!.answer;
  if (first === null || first === '') return { exit: false, answer: null };
  for (const h of last) if (h.hedged || h.answer !== first) return { exit: false, answer: null };
  return { exit: true, answer: first };
}
