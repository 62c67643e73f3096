/**
 * Python 3 `str.isspace()` / `re` `\s` for str patterns (ref: CPython `_PyUnicode_IsWhitespace`).
 * JS `\s` differs: it lacks `\x1c-\x1f` and `\x85` and adds `\ufeff`.
 */
export const PY_WHITESPACE_CLASS = '[\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]';

const PY_WS_RUN = new RegExp(`${PY_WHITESPACE_CLASS}+`, 'g');

/** Python `s.split()` (no argument): split on runs of Python whitespace, drop empty pieces. */
export function pySplit(s: string): string[] {
  const out: string[] = [];
  for (const piece of s.split(PY_WS_RUN)) if (piece.length > 0) out.push(piece);
  return out;
}
