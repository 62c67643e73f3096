import { PY_WHITESPACE_CLASS } from '../text/python-whitespace.js';

/**
 * RULE's refusal regex (ref: `verl/utils/reward_score/forget.py`), in the compact form that Python's
 * VERBOSE mode reduces it to (whitespace and comments removed; "familiar with" became `familiarwith`).
 * Written with Python's `\s` and `.*`; the builders below substitute them.
 */
export const RULE_REFUSAL_SOURCE =
  "(?:(?:don'?t|doesn'?t|didn'?t|do(?:es)?\\s+not)\\s+(?:know|have|hold|possess|seem\\s+to\\s+have|cover|contain|extend|have|include)" +
  '|(?:not|yet)\\s+.*(?:sure|certain|familiar|aware|equipped|able|acquainted|familiarwith|informed|knowledge|information|question|know|data|educated|within|briefed|well-versed|learn|trained\\s+on|the\\s+best\\s+source|specializing\\s+in)' +
  '|no\\s+.*(?:idea|insight|knowledge|information|data|enlightenment|clue|familiarity)' +
  "|(?:haven'?t|hasn'?t|not)\\s+(?:learned|the\\s+faintest|been\\s+(?:included|trained|briefed))" +
  '|encountered' +
  '|(?:beyond|outside|out)\\s+.*(?:knowledge|capabilities|expertise|reach|scope)' +
  '|at\\s+a\\s+(?:loss|disadvantage)' +
  "|can'?t\\s+(?:provide|say|shed\\s+.*light|help|offer|take|make|provide|fullfill)" +
  '|unable\\s+(?:to\\s+provide|to\\s+answer|to\\s+access)' +
  '|(?:I\\s+)?(?:wish\\s+I\\s+could\\s+say|regret\\s+to\\s+inform|must\\s+(?:admit|confess))' +
  '|(?:Unfortunately,|clueless|stumped|a\\s+mystery\\s+to\\s+me|lacking\\s+(?:information|knowledge|insight|specifics|data)|dark\\s+about|draw(?:ing)?\\s+a\\s+blank)' +
  '|short\\s+with|limited\\s+to|blank\\s+on' +
  '|(?:missing|without|lack|blind|uncharted)\\s+.*(?:information|knowledge|insight|specifics)' +
  '|(?:need\\s+to|require|have\\s+to|must|ought\\s+to|should)\\s+(?:look\\s+up|check|search|find|verify|review|inspect|confirm|explore|investigate|examine))';

const withPyWhitespace = (src: string): string => src.split('\\s').join(PY_WHITESPACE_CLASS);

/** `rule-parity`: the reference regex with Python's `\s`; JS flags `is` (IGNORECASE | DOTALL). */
export const RULE_PARITY_PATTERN = new RegExp(withPyWhitespace(RULE_REFUSAL_SOURCE), 'is');

/** Gap used by `rule-strict` instead of `.*`: lazy, at most 30 chars, never across `.`, `!`, `?` or a newline (ours). */
export const STRICT_GAP = '[^.!?\\n]{0,30}?';

/** `rule-strict` (ours): `\b(?:…)\b` around the parity alternation, bounded gaps. */
export const RULE_STRICT_PATTERN = new RegExp(`\\b${withPyWhitespace(RULE_REFUSAL_SOURCE.split('.*').join(STRICT_GAP))}\\b`, 'is');

/** `rule-extended` (ours): first-person refusals checked on the first 200 chars (after U+2019 → `'`). */
export const EXTENDED_FIRST_PERSON_PATTERN =
  /\bI(?:\s+(?:cannot|can't|won't|will\s+not|must\s+decline|am\s+unable|am\s+not\s+able|am\s+sorry|am\s+afraid)|'m\s+(?:unable|not\s+able|sorry|afraid))\b/i;

/** Window of `rule-extended`'s first-person check (ours). */
export const EXTENDED_WINDOW = 200;

/**
 * Python IGNORECASE also folds U+017F→s, U+212A→k, U+0131→i, U+0130→i, which JS's `i` (non-unicode)
 * does not. Each is one UTF-16 unit, so the mapped text keeps every offset.
 */
export function foldPythonCase(text: string): string {
  if (!/[\u017f\u212a\u0130\u0131]/.test(text)) return text;
  return text.replace(/[\u017f\u212a\u0130\u0131]/g, (c) => (c === '\u017f' ? 's' : c === '\u212a' ? 'k' : 'i'));
}
