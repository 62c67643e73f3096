/**
 * Python's `str.split()` whitespace set (spec §3.3), which is not JavaScript's `\s`: it includes
 * U+001C–U+001F and U+0085 and excludes U+FEFF.
 */
export const PYTHON_WHITESPACE = /[\t\n\v\f\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/;

/** True for a UTF-16 code unit in Python's `str.isspace()` set. */
export function isPythonSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d) || (c >= 0x1c && c <= 0x1f);
  if (c < 0x85) return false;
  return c === 0x85 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000;
}

/** Python `s.split()`: split on runs of Python whitespace, drop empty strings (BLEU, CIDEr-D). */
export function pythonSplit(s: string): string[] {
  const out: string[] = [];
  let start = -1;
  for (let i = 0; i < s.length; i++) {
    if (isPythonSpace(s.charCodeAt(i))) {
      if (start >= 0) {
        out.push(s.slice(start, i));
        start = -1;
      }
    } else if (start < 0) start = i;
  }
  if (start >= 0) out.push(s.slice(start));
  return out;
}

/** Python `s.split(" ")`: split on each single U+0020, empty tokens kept (ROUGE-L). */
export function splitOnSpace(s: string): string[] {
  return s.split(' ');
}
