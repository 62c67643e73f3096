import { describe, expect, it } from 'vitest';
import { pythonListRepr, pythonStrRepr } from './python-repr.js';

describe('pythonListRepr (spec §3.2, §11.2)', () => {
  it('reproduces the spec golden byte for byte', () => {
    const options = [
      "(A) He can't swim.",
      '(B) She said "no".',
      '(C) It\'s a "test".',
      '(D) Back\\slash',
      '(E) Tab\there',
      '(F) Café – naïve',
    ];
    expect(pythonListRepr(options)).toBe(
      `["(A) He can't swim.", '(B) She said "no".', '(C) It\\'s a "test".', '(D) Back\\\\slash', '(E) Tab\\there', '(F) Café – naïve']`,
    );
  });

  it('renders the empty list', () => {
    expect(pythonListRepr([])).toBe('[]');
  });

  it.each([
    ['both quote kinds', `a'b"c`, `'a\\'b"c'`],
    ['newline', 'a\nb', "'a\\nb'"],
    ['carriage return', 'a\rb', "'a\\rb'"],
    ['U+0000', 'a\u0000b', "'a\\x00b'"],
    ['DEL', '\u007f', "'\\x7f'"],
    ['U+00A0 (not printable)', 'a\u00a0b', "'a\\xa0b'"],
    ['U+200B (Cf)', '\u200b', "'\\u200b'"],
    ['U+2028 (Zl)', '\u2028', "'\\u2028'"],
    ['lone surrogate', '\ud800', "'\\ud800'"],
    ['plane-15 private use', '\u{f0000}', "'\\U000f0000'"],
    ['emoji kept', 'ok 😀', "'ok 😀'"],
    ['only double quotes', 'say "hi"', `'say "hi"'`],
    ['only single quote', "it's", `"it's"`],
  ])('%s', (_name, input, expected) => {
    expect(pythonStrRepr(input)).toBe(expected);
  });
});
