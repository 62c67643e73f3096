import { decode as decodePng } from 'fast-png';
import jpeg from 'jpeg-js';
import { ReportMetricsError } from '../errors/report-metrics-error.js';

/** An 8-bit RGB image, row-major, 3 bytes per pixel. */
export interface RgbImage {
  width: number;
  height: number;
  data: Uint8Array;
}

/** Decodes PNG or JPEG bytes (by magic number) to 8-bit RGB; grayscale is replicated, alpha dropped. */
export function decodeImage(bytes: Uint8Array, name = '<image>'): RgbImage {
  const isPng = bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47;
  const isJpeg = bytes[0] === 0xff && bytes[1] === 0xd8;
  try {
    if (isPng) {
      const p = decodePng(bytes);
      if (p.palette) throw new Error('palette PNGs are not supported');
      const ch = p.channels;
      const n = p.width * p.height;
      const out = new Uint8Array(n * 3);
      const shift = p.depth === 16 ? 8 : 0;
      const src = p.data as ArrayLike<number>;
      for (let i = 0; i < n; i++) {
        const g = src[i * ch]! >> shift;
        if (ch <= 2) out[i * 3] = out[i * 3 + 1] = out[i * 3 + 2] = g;
        else {
          out[i * 3] = g;
          out[i * 3 + 1] = src[i * ch + 1]! >> shift;
          out[i * 3 + 2] = src[i * ch + 2]! >> shift;
        }
      }
      return { width: p.width, height: p.height, data: out };
    }
    if (isJpeg) {
      const j = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true });
      const n = j.width * j.height;
      const out = new Uint8Array(n * 3);
      for (let i = 0; i < n; i++) {
        out[i * 3] = j.data[i * 4]!;
        out[i * 3 + 1] = j.data[i * 4 + 1]!;
        out[i * 3 + 2] = j.data[i * 4 + 2]!;
      }
      return { width: j.width, height: j.height, data: out };
    }
  } catch (e) {
    throw new ReportMetricsError('IMAGE_INVALID', `${name}: cannot decode image: ${(e as Error).message}`, { file: name }, 'INVALID_ARGUMENT', { cause: e });
  }
  throw new ReportMetricsError('IMAGE_INVALID', `${name}: not a PNG or JPEG file`, { file: name });
}
