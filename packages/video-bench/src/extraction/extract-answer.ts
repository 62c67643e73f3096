/** An answer letter of MMR-V-style questions (at most 12 options, A–L). */
export type Letter = 'A' | 'B' | 'C' | 'D' | 'E' | 'F' | 'G' | 'H' | 'I' | 'J' | 'K' | 'L';

/** Which step of the reference cascade produced the final letter (spec §4.1–§4.2). */
export type ExtractionStep = 'brackets' | 'boxed' | 'bare-letter' | 'paren' | 'any-char';

/** One stage's answer and the cascade step that produced it (both `null` when none matched). */
export interface StageResult {
  /** The extracted letter, or `null`. */
  letter: Letter | null;
  /** The step that matched, or `null`. */
  step: ExtractionStep | null;
}

/** Options of `extractAnswer`. */
export interface ExtractAnswerOptions {
  /** Option letters of the record; strict mode accepts only these. Default: A–L. */
  letters?: readonly string[];
}

/** The parity (reference) and strict answers of one response. */
export interface ExtractedAnswer {
  /** Stage A (generation time) letter, or null when the reference stores no parsed answer. */
  stageA: Letter | null;
  /** Parity answer: stage A, else stage B fallbacks on the raw response (reference scoring). */
  final: Letter | null;
  /** Strict answer: the last `[[X]]` / `\boxed{X}` when X is an option letter, else null. */
  strict: Letter | null;
  /** Cascade step that produced `final`. */
  step: ExtractionStep | null;
}

const ALL_LETTERS: readonly string[] = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K', 'L'];
const BRACKETS = /\[\[([A-L])\]\]/;
const BOXED = /\\boxed\{([A-L])\}/;
// Python's `\b` is Unicode-aware: word characters are letters and digits of any script plus `_`.
const BARE_LETTER = /(?<![\p{L}\p{N}_])([A-L])(?![\p{L}\p{N}_])/gu;
const PAREN = /[[(]([A-L])[\])]/g;
const STRICT = /\[\[([A-Z])\]\]|\\boxed\{([A-Z])\}/g;

function lastMatch(re: RegExp, text: string): string | null {
  let found: string | null = null;
  for (const m of text.matchAll(re)) found = m[1] ?? m[2] ?? null;
  return found;
}

/**
 * Stage A of the reference (`evaluation/server_evaluation_on_MMR.py`), run on the raw response
 * at generation time: the **first** `[[X]]` (case-sensitive), else the first `\boxed{X}`, else
 * the **last** standalone letter A–L of the upper-cased response.
 */
export function extractStageA(text: string): StageResult {
  const brackets = BRACKETS.exec(text);
  if (brackets) return { letter: brackets[1] as Letter, step: 'brackets' };
  const boxed = BOXED.exec(text);
  if (boxed) return { letter: boxed[1] as Letter, step: 'boxed' };
  const bare = lastMatch(BARE_LETTER, text.toUpperCase());
  if (bare) return { letter: bare as Letter, step: 'bare-letter' };
  return { letter: null, step: null };
}

/**
 * Stage B fallbacks of the reference scoring (`scripts/main-results.py`) on the upper-cased raw
 * response: the **last** `[X]`/`(X)` with any mix of brackets, else the last character A–L
 * anywhere (inside words too).
 */
export function extractStageB(text: string): StageResult {
  const upper = text.toUpperCase();
  const paren = lastMatch(PAREN, upper);
  if (paren) return { letter: paren as Letter, step: 'paren' };
  for (let i = upper.length - 1; i >= 0; i--) {
    const c = upper[i]!;
    if (c >= 'A' && c <= 'L') return { letter: c as Letter, step: 'any-char' };
  }
  return { letter: null, step: null };
}

/**
 * Strict extraction [our choice]: the **last** `[[X]]` or `\boxed{X}` (case-sensitive); it
 * counts only when X is one of `letters`, otherwise the record is unanswered.
 */
export function extractStrict(text: string, letters: readonly string[] = ALL_LETTERS): Letter | null {
  const last = lastMatch(STRICT, text);
  return last !== null && letters.includes(last) && ALL_LETTERS.includes(last) ? (last as Letter) : null;
}

/**
 * The reference's exact two-stage answer-extraction cascade (parity) and the strict
 * alternative, side by side. A missing response (`null`/`undefined`) is treated as empty
 * (the reference would crash on it).
 */
export function extractAnswer(text: string | null | undefined, options: ExtractAnswerOptions = {}): ExtractedAnswer {
  const raw = text ?? '';
  const a = extractStageA(raw);
  const strict = extractStrict(raw, options.letters ?? ALL_LETTERS);
  if (a.letter) return { stageA: a.letter, final: a.letter, strict, step: a.step };
  const b = extractStageB(raw);
  return { stageA: null, final: b.letter, strict, step: b.step };
}
