import { describe, expect, it } from 'vitest';
import { createImageSplitter } from './image-stream.js';

// A structurally valid JPEG: SOI, APP0, SOF0 (height 3, width 5), SOS whose entropy data holds a
// stuffed 0xFF00 and a restart marker, then EOI. Pixel data does not matter to the splitter.
const jpeg = (h: number, w: number) =>
  Uint8Array.from([
    0xff, 0xd8,
    0xff, 0xe0, 0x00, 0x04, 0x4a, 0x46,
    0xff, 0xc0, 0x00, 0x0b, 0x08, h >> 8, h & 255, w >> 8, w & 255, 0x01, 0x01, 0x11, 0x00,
    0xff, 0xda, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3f, 0x00,
    0x12, 0xff, 0x00, 0x34, 0xff, 0xd0, 0x56,
    0xff, 0xd9,
  ]);

function chunk(type: string, data: number[]): number[] {
  const len = [data.length >>> 24, (data.length >>> 16) & 255, (data.length >>> 8) & 255, data.length & 255];
  return [...len, ...[...type].map((c) => c.charCodeAt(0)), ...data, 0, 0, 0, 0];
}
const png = (w: number, h: number) =>
  Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...chunk('IHDR', [0, 0, 0, w, 0, 0, 0, h, 8, 2, 0, 0, 0]), ...chunk('IDAT', [1, 2, 3]), ...chunk('IEND', [])]);

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

describe('createImageSplitter', () => {
  for (const [format, make] of [['jpeg', (a: number, b: number) => jpeg(b, a)], ['png', png]] as const) {
    it(`${format}: cuts concatenated images fed byte by byte and in one piece, with their sizes`, () => {
      const stream = concat(make(5, 3), make(7, 2));
      for (const step of [1, 3, stream.length]) {
        const splitter = createImageSplitter(format);
        const images = [];
        for (let i = 0; i < stream.length; i += step) images.push(...splitter.push(stream.subarray(i, i + step)));
        expect(images.map((i) => [i.width, i.height, i.data.length])).toEqual([
          [5, 3, make(5, 3).length],
          [7, 2, make(7, 2).length],
        ]);
        expect(images[1]!.data).toEqual(make(7, 2));
        expect(splitter.rest).toBe(0);
      }
    });

    it(`${format}: keeps an incomplete image as rest`, () => {
      const splitter = createImageSplitter(format);
      const one = make(5, 3);
      expect(splitter.push(one.subarray(0, one.length - 1))).toEqual([]);
      expect(splitter.rest).toBe(one.length - 1);
    });
  }

  it('rejects a stream that does not start with the format signature', () => {
    expect(() => createImageSplitter('jpeg').push(png(1, 1))).toThrow(/jpeg stream: missing SOI/);
    expect(() => createImageSplitter('png').push(jpeg(1, 1))).toThrow(/png stream: missing PNG signature/);
  });
});
