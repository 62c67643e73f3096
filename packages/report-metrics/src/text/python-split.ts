/**
 * Python's `str.split()` whitespace set (spec §3.3), which is not JavaScript's `\s`: it includes
 * U+001C–U+001F and U+0085 and excludes U+FEFF.
 */
export const PYTHON_WHITESPACE = /[\t\n\v\f\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/;
const PYTHON_WHITESPACE_G = new RegExp(PYTHON_WHITESPACE.source, 'g');

/** Python `s.split()`: split on runs of Python whitespace, drop empty strings (BLEU, CIDEr-D). */
export function pythonSplit(s: string): string[] {
  const out: string[] = [];
  let last = 0;
  PYTHON_WHITESPACE_G.lastIndex = 0;
  for (let m = PYTHON_WHITESPACE_G.exec(s); m !== null; m = PYTHON_WHITESPACE_G.exec(s)) {
    if (m.index > last) out.push(s.slice(last, m.index));
    last = m.index + m[0].length;
  }
  if (last < s.length) out.push(s.slice(last));
  return out;
}

/** Python `s.split(" ")`: split on each single U+0020, empty tokens kept (ROUGE-L). */
export function splitOnSpace(s: string): string[] {
  return s.split(' ');
}
