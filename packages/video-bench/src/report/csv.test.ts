import { describe, expect, it } from 'vitest';
import { csvField, toCsv } from './csv.js';

describe('RFC 4180 CSV', () => {
  it('leaves plain fields alone and quotes commas, quotes, CR and LF', () => {
    expect(csvField('plain text')).toBe('plain text');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('line1\nline2')).toBe('"line1\nline2"');
    expect(csvField('cr\rhere')).toBe('"cr\rhere"');
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
    expect(csvField(false)).toBe('false');
  });

  it('joins with commas and ends every record with CRLF', () => {
    expect(toCsv([['h1', 'h2'], ['x,y', '"q"'], ['', 'a\r\nb']])).toBe('h1,h2\r\n"x,y","""q"""\r\n,"a\r\nb"\r\n');
  });
});
