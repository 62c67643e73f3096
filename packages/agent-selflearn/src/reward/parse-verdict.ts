import { lastBlock } from '../parse/tags.js';

/** GRM verification modes (spec §3.2); ASL ships `binary`. */
export type GrmMode = 'binary' | 'binary_with_answer' | 'binary_uncertain' | 'ranking';

/** A parsed GRM verdict: score in [0, 1], the label token, and whether parsing succeeded. */
export interface Verdict {
  /** 1 correct, 0 wrong/uncertain/unparsed; ranking A…E → 1.0…0.2. */
  score: number;
  /** The conclusion token as read (`correct`, `wrong`, `incorrect`, `uncertain`, `A`…`E`), lower-cased words. */
  label?: string;
  /** `missing`: no conclusion at all; `unparsed`: a conclusion whose token maps to nothing. */
  status: 'parsed' | 'unparsed' | 'missing';
}

/** Options of `parseVerdict`. */
export interface ParseVerdictOptions {
  /** `strict` (default, ours) or `asl` (reference behaviour, quirks included: spec §4.2). */
  parse?: 'strict' | 'asl';
}

const RANKING: Record<string, number> = { A: 1.0, B: 0.8, C: 0.6, D: 0.4, E: 0.2 };
const WORDS: Record<string, number> = { correct: 1, wrong: 0, incorrect: 0, uncertain: 0 };

/**
 * Reads a GRM verdict (spec §4.2).
 *
 * - `asl` binary: lower-case the whole text; no `conclusion` → 0; after the **last** `conclusion`:
 *   contains `incorrect` → 0, else contains `correct` → 1, else 0. ("conclusion: the answer is not
 *   correct" → 1: the reference's quirk.) `asl` ranking: case kept; the first of A, B, C, D, E
 *   (in that order) found anywhere after the last `conclusion` → 1.0, 0.8, 0.6, 0.4, 0.2, else 0.
 * - `strict` (default): read the last `<answer>` block (else the whole text), take the last
 *   `conclusion\s*:\s*([A-Za-z]+)` and map the token exactly: correct → 1; wrong/incorrect/uncertain
 *   → 0; A–E → 1.0…0.2; anything else → `unparsed`, score 0.
 */
export function parseVerdict(text: string, mode: GrmMode = 'binary', options: ParseVerdictOptions = {}): Verdict {
  if (options.parse === 'asl') return parseAsl(text, mode);
  const source = lastBlock(text, 'answer') ?? text;
  const re = /conclusion\s*:\s*([A-Za-z]+)/gi;
  let token: string | undefined;
  for (let m = re.exec(source); m; m = re.exec(source)) token = m[1];
  if (token === undefined) return { score: 0, status: 'missing' };
  if (token.length === 1 && RANKING[token] !== undefined) return { score: RANKING[token]!, label: token, status: 'parsed' };
  const word = token.toLowerCase();
  const score = WORDS[word];
  if (score === undefined) return { score: 0, label: word, status: 'unparsed' };
  return { score, label: word, status: 'parsed' };
}

function parseAsl(text: string, mode: GrmMode): Verdict {
  if (mode === 'ranking') {
    const at = text.lastIndexOf('conclusion');
    if (at < 0) return { score: 0, status: 'missing' };
    const rest = text.slice(at + 'conclusion'.length);
    for (const letter of ['A', 'B', 'C', 'D', 'E']) if (rest.includes(letter)) return { score: RANKING[letter]!, label: letter, status: 'parsed' };
    return { score: 0, status: 'unparsed' };
  }
  const lower = text.toLowerCase();
  const at = lower.lastIndexOf('conclusion');
  if (at < 0) return { score: 0, status: 'missing' };
  const rest = lower.slice(at + 'conclusion'.length).trim();
  if (rest.includes('incorrect')) return { score: 0, label: 'incorrect', status: 'parsed' };
  if (rest.includes('correct')) return { score: 1, label: 'correct', status: 'parsed' };
  return { score: 0, label: rest.split(/\s+/).find((w) => /[a-z]/.test(w))?.replace(/[^a-z]/g, ''), status: 'parsed' };
}

/** The score a verdict label stands for: `correct` 1, `wrong`/`incorrect`/`uncertain` 0, A–E ranking; undefined otherwise. */
export function labelScore(label: string): number | undefined {
  const token = label.replace(/^\s*conclusion\s*:\s*/i, '').trim();
  if (token.length === 1 && RANKING[token] !== undefined) return RANKING[token];
  return WORDS[token.toLowerCase()];
}

/** Inverse of the ranking table (pitfall 10: the reference maps score 1 to "B"). */
export function rankingLetter(score: number): string | undefined {
  return Object.entries(RANKING).find(([, s]) => Math.abs(s - score) < 1e-9)?.[0];
}
