import { z } from 'zod';
import { parseOptions, tensor } from '@reasonkit/core';
import type { Tensor } from '@reasonkit/core';
import type { RgbImage } from './decode-image.js';

const Size = z.union([z.object({ height: z.number().int().positive(), width: z.number().int().positive() }), z.object({ shortest_edge: z.number().int().positive() })]);

/** The fields of an HF `preprocessor_config.json` this package applies (others are ignored). */
export const PreprocessorConfigSchema = z
  .object({
    do_resize: z.boolean().default(true),
    size: Size.optional(),
    do_center_crop: z.boolean().default(false),
    crop_size: z.object({ height: z.number().int().positive(), width: z.number().int().positive() }).optional(),
    do_rescale: z.boolean().default(true),
    rescale_factor: z.number().default(1 / 255),
    do_normalize: z.boolean().default(true),
    image_mean: z.array(z.number()).length(3).default([0.5, 0.5, 0.5]),
    image_std: z.array(z.number()).length(3).default([0.5, 0.5, 0.5]),
  })
  .passthrough();
/** Input accepted by `PreprocessorConfigSchema` (optional fields may be omitted; defaults are applied when parsed). */
export type PreprocessorConfig = z.input<typeof PreprocessorConfigSchema>;

/** Bilinear resize with half-pixel centres [our choice: HF uses PIL bicubic; values differ slightly]. */
export function resizeBilinear(img: RgbImage, width: number, height: number): Float32Array {
  const out = new Float32Array(width * height * 3);
  const sx = img.width / width;
  const sy = img.height / height;
  for (let y = 0; y < height; y++) {
    const fy = Math.min(img.height - 1, Math.max(0, (y + 0.5) * sy - 0.5));
    const y0 = Math.floor(fy);
    const y1 = Math.min(img.height - 1, y0 + 1);
    const wy = fy - y0;
    for (let x = 0; x < width; x++) {
      const fx = Math.min(img.width - 1, Math.max(0, (x + 0.5) * sx - 0.5));
      const x0 = Math.floor(fx);
      const x1 = Math.min(img.width - 1, x0 + 1);
      const wx = fx - x0;
      for (let c = 0; c < 3; c++) {
        const a = img.data[(y0 * img.width + x0) * 3 + c]!;
        const b = img.data[(y0 * img.width + x1) * 3 + c]!;
        const d = img.data[(y1 * img.width + x0) * 3 + c]!;
        const e = img.data[(y1 * img.width + x1) * 3 + c]!;
        out[(y * width + x) * 3 + c] = (a * (1 - wx) + b * wx) * (1 - wy) + (d * (1 - wx) + e * wx) * wy;
      }
    }
  }
  return out;
}

/**
 * Applies an HF image-processor config (resize, centre crop, rescale, normalise) and returns a
 * float32 tensor `[1, 3, H, W]` (channels first).
 */
export function preprocessImage(img: RgbImage, config: PreprocessorConfig, name = 'pixel_values'): Tensor<'float32'> {
  const c = parseOptions(PreprocessorConfigSchema, config, 'preprocessor_config.json');
  let w = img.width;
  let h = img.height;
  let px: Float32Array;
  if (c.do_resize && c.size) {
    if ('height' in c.size) (w = c.size.width), (h = c.size.height);
    else {
      const s = c.size.shortest_edge;
      if (img.width <= img.height) (w = s), (h = Math.round((img.height * s) / img.width));
      else (h = s), (w = Math.round((img.width * s) / img.height));
    }
    px = resizeBilinear(img, w, h);
  } else px = Float32Array.from(img.data);
  let x0 = 0;
  let y0 = 0;
  let cw = w;
  let ch = h;
  if (c.do_center_crop && c.crop_size) {
    cw = Math.min(w, c.crop_size.width);
    ch = Math.min(h, c.crop_size.height);
    x0 = Math.floor((w - cw) / 2);
    y0 = Math.floor((h - ch) / 2);
  }
  const out = new Float32Array(3 * cw * ch);
  for (let k = 0; k < 3; k++) {
    const mean = c.do_normalize ? c.image_mean[k]! : 0;
    const std = c.do_normalize ? c.image_std[k]! : 1;
    const scale = c.do_rescale ? c.rescale_factor : 1;
    for (let y = 0; y < ch; y++) {
      for (let x = 0; x < cw; x++) out[k * cw * ch + y * cw + x] = (px[((y + y0) * w + x + x0) * 3 + k]! * scale - mean) / std;
    }
  }
  return tensor('float32', out, [1, 3, ch, cw], name);
}
