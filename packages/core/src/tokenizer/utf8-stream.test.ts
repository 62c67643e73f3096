import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createUtf8StreamDecoder, decodeUtf8, incompleteUtf8Tail } from './utf8-stream.js';

describe('incompleteUtf8Tail', () => {
  it('finds incomplete trailing sequences only', () => {
    expect(incompleteUtf8Tail(Uint8Array.of())).toBe(0);
    expect(incompleteUtf8Tail(Uint8Array.of(0x41))).toBe(0);
    expect(incompleteUtf8Tail(Uint8Array.of(0x41, 0xc3))).toBe(1);
    expect(incompleteUtf8Tail(Uint8Array.of(0xc3, 0xa9))).toBe(0);
    expect(incompleteUtf8Tail(Uint8Array.of(0xe2, 0x80))).toBe(2);
    expect(incompleteUtf8Tail(Uint8Array.of(0xf0, 0x9f, 0x99))).toBe(3);
    expect(incompleteUtf8Tail(Uint8Array.of(0xf0, 0x9f, 0x99, 0x82))).toBe(0);
    expect(incompleteUtf8Tail(Uint8Array.of(0x80, 0x80, 0x80))).toBe(0); // stray continuations
    expect(incompleteUtf8Tail(Uint8Array.of(0xff))).toBe(0); // invalid byte
  });
});

describe('createUtf8StreamDecoder', () => {
  it('holds back a split emoji until complete', () => {
    const d = createUtf8StreamDecoder();
    expect(d.push(Uint8Array.of(0x61, 0xf0, 0x9f))).toBe('a');
    expect(d.pending).toBe(2);
    expect(d.push(Uint8Array.of(0x99))).toBe('');
    expect(d.push(Uint8Array.of(0x82, 0x62))).toBe('🙂b');
    expect(d.pending).toBe(0);
    expect(d.push(Uint8Array.of(0xc3))).toBe('');
    expect(d.flush()).toBe('\uFFFD');
  });

  it('equals decoding all bytes at once for any split of any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), fc.array(fc.nat(40), { maxLength: 8 }), (bytes, cuts) => {
        const points = [...new Set(cuts.map((c) => Math.min(c, bytes.length)))].sort((a, b) => a - b);
        const d = createUtf8StreamDecoder();
        let text = '';
        let start = 0;
        for (const p of [...points, bytes.length]) {
          text += d.push(bytes.subarray(start, p));
          start = p;
        }
        text += d.flush();
        expect(text).toBe(decodeUtf8(bytes));
      }),
      { numRuns: 2000, seed: 3 },
    );
  });
});
