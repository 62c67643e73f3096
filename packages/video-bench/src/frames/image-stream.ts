import { ReasonkitError } from '@reasonkit/core';

/** One complete image cut from a concatenated JPEG or PNG stream, with its size. */
export interface SplitImage {
  /** The image's bytes (a copy, independent of the stream's buffer). */
  data: Uint8Array;
  /** Width in pixels, from the JPEG SOF or PNG IHDR header. */
  width: number;
  /** Height in pixels, from the JPEG SOF or PNG IHDR header. */
  height: number;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

const u16 = (b: Uint8Array, i: number) => (b[i]! << 8) | b[i + 1]!;
const u32 = (b: Uint8Array, i: number) => ((b[i]! << 24) | (b[i + 1]! << 16) | (b[i + 2]! << 8) | b[i + 3]!) >>> 0;

function bad(format: string, offset: number, what: string): ReasonkitError {
  return new ReasonkitError('PROTOCOL_ERROR', `${format} stream: ${what} at byte ${offset}`, { field: format, offset });
}

/**
 * Length of the complete JPEG at the start of `b` (SOI … EOI), or `undefined` when more bytes are
 * needed. Walks the marker segments; inside entropy-coded data a `0xFF` is followed by `0x00`
 * (stuffing) or a restart marker, so the next other marker ends the scan.
 */
function jpegLength(b: Uint8Array): { length: number; width: number; height: number } | undefined {
  if (b.length < 2) return undefined;
  if (b[0] !== 0xff || b[1] !== 0xd8) throw bad('jpeg', 0, 'missing SOI marker');
  let pos = 2;
  let width = 0;
  let height = 0;
  while (true) {
    if (pos + 1 >= b.length) return undefined;
    if (b[pos] !== 0xff) throw bad('jpeg', pos, 'expected a marker');
    const marker = b[pos + 1]!;
    if (marker === 0xff) {
      pos += 1; // fill byte
      continue;
    }
    if (marker === 0xd9) return { length: pos + 2, width, height };
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      pos += 2;
      continue;
    }
    if (pos + 3 >= b.length) return undefined;
    const end = pos + 2 + u16(b, pos + 2);
    const isSof = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isSof) {
      if (pos + 8 >= b.length) return undefined;
      height = u16(b, pos + 5);
      width = u16(b, pos + 7);
    }
    pos = end;
    if (marker === 0xda) {
      // Entropy-coded data up to the next marker that is neither stuffing nor a restart.
      while (true) {
        if (pos + 1 >= b.length) return undefined;
        if (b[pos] === 0xff) {
          const next = b[pos + 1]!;
          if (next !== 0x00 && !(next >= 0xd0 && next <= 0xd7) && next !== 0xff) break;
          pos += next === 0xff ? 1 : 2;
        } else pos += 1;
      }
    }
  }
}

/** Length of the complete PNG at the start of `b` (signature … IEND), or `undefined` when more bytes are needed. */
function pngLength(b: Uint8Array): { length: number; width: number; height: number } | undefined {
  for (let i = 0; i < Math.min(8, b.length); i++) if (b[i] !== PNG_SIGNATURE[i]) throw bad('png', i, 'missing PNG signature');
  if (b.length < 24) return undefined;
  const width = u32(b, 16);
  const height = u32(b, 20);
  let pos = 8;
  while (true) {
    if (pos + 8 > b.length) return undefined;
    const end = pos + 12 + u32(b, pos);
    if (end > b.length) return undefined;
    const type = String.fromCharCode(b[pos + 4]!, b[pos + 5]!, b[pos + 6]!, b[pos + 7]!);
    pos = end;
    if (type === 'IEND') return { length: pos, width, height };
  }
}

/**
 * Cuts a byte stream of concatenated JPEG or PNG images (ffmpeg's `image2pipe` output) into
 * whole images as chunks arrive. `push` returns the images completed by a chunk; `rest` is the
 * number of bytes of an incomplete image left at the end.
 */
export function createImageSplitter(format: 'jpeg' | 'png') {
  const measure = format === 'jpeg' ? jpegLength : pngLength;
  let buffer = new Uint8Array(0);
  return {
    /** Appends a chunk; returns the images it completed, in stream order. */
    push(chunk: Uint8Array): SplitImage[] {
      const joined = new Uint8Array(buffer.length + chunk.length);
      joined.set(buffer);
      joined.set(chunk, buffer.length);
      buffer = joined;
      const out: SplitImage[] = [];
      while (buffer.length > 0) {
        const found = measure(buffer);
        if (!found) break;
        out.push({ data: buffer.slice(0, found.length), width: found.width, height: found.height });
        buffer = buffer.subarray(found.length);
      }
      return out;
    },
    /** Bytes of an incomplete image held back (0 after a clean end of stream). */
    get rest(): number {
      return buffer.length;
    },
  };
}
