import { z } from 'zod';
import { parseOptions, tensor } from '@reasonkit/core';
import type { Tensor } from '@reasonkit/core';
import { ReportMetricsError } from '../errors/report-metrics-error.js';
import { formatContext } from './context-format.js';
import type { ContextFormat } from './context-format.js';
import { decodeImage } from './decode-image.js';
import { preprocessImage } from './image-processor.js';
import type { PreprocessorConfig } from './image-processor.js';

/** One image of a study: a file path (read through `readImage`) or encoded PNG/JPEG bytes. */
export interface StudyImage {
  source: string | Uint8Array;
  view?: string;
}
/** A study: its images and metadata. */
export interface Study {
  id: string;
  images: StudyImage[];
  indication?: string;
  history?: string;
  /** ISO date (or any string that sorts chronologically); picks the latest prior. */
  studyDate?: string;
}
/** A request to generate a report for a study. */
export interface ReportRequest {
  current: Study;
  priors?: Study[];
}

/** Default view vocabulary [our choice: PriorRG's README names PA, AP, Lateral, unk; its id dictionary is on the HF Hub]. */
export const DEFAULT_VIEWS: Readonly<Record<string, number>> = { PA: 0, AP: 1, Lateral: 2, unk: 3 };

/** Feed names of the user's model: only the names given here are produced. */
export const FeedNamesSchema = z.object({
  pixelValues: z.string().min(1),
  priorPixelValues: z.string().min(1).optional(),
  viewIds: z.string().min(1).optional(),
  priorViewIds: z.string().min(1).optional(),
  contextInputIds: z.string().min(1).optional(),
  contextAttentionMask: z.string().min(1).optional(),
  /** int64 `[1]`: 1 when a prior study was used, 0 when the prior image feed is zeros. */
  hasPrior: z.string().min(1).optional(),
});

/** zod schema of `ModelBinding`: validates it and applies its defaults. */
export const ModelBindingSchema = z.object({
  feeds: FeedNamesSchema,
  /** The model's HF `preprocessor_config.json` (PriorRG: rad-dino's; read it from the model folder). */
  preprocessor: z.record(z.string(), z.unknown()),
  views: z.record(z.string(), z.number().int()).default({ ...DEFAULT_VIEWS }),
  /** `first` image of the study (PriorRG) or the first image whose view is earliest in this list. */
  anchor: z.union([z.literal('first'), z.array(z.string()).min(1)]).default('first'),
  /** PriorRG uses only the latest prior study. */
  priorPolicy: z.enum(['latest', 'none']).default('latest'),
  contextFormat: z.custom<ContextFormat>((v) => v === 'priorrg-train' || v === 'priorrg-single-sample' || typeof v === 'function').default('priorrg-train'),
  tokenizer: z.custom<{
    /** Token ids of `text`. */
    encode(text: string): number[];
  }>((v) => typeof v === 'object' && v !== null && typeof (v as { encode?: unknown }).encode === 'function').optional(),
  /** Context truncation; 300 = PriorRG's `encoder_max_length` [reference code]. */
  maxContextTokens: z.number().int().positive().default(300),
  /** Reads an image file (default: `fs.readFile` in Node). */
  readImage: z.custom<(path: string) => Promise<Uint8Array>>((v) => typeof v === 'function').optional(),
  /** Receives non-fatal warnings. */
  onWarning: z.custom<(message: string) => void>((v) => typeof v === 'function').optional(),
});
/** Input accepted by `ModelBindingSchema` (optional fields may be omitted; defaults are applied when parsed). */
export type ModelBinding = z.input<typeof ModelBindingSchema>;

/** A study assembled into model inputs: the tensors to feed and the prompt. */
export interface AssembledInput {
  feeds: Record<string, Tensor>;
  context: string;
  anchor: { studyId: string; index: number; view: string };
  prior?: { studyId: string; index: number; view: string };
  warnings: string[];
}

function pickImage(study: Study, anchor: 'first' | string[]): number {
  if (study.images.length === 0) throw new ReportMetricsError('INVALID_INPUT', `study ${study.id}: no images`, { record: study.id, field: 'images' });
  if (anchor === 'first') return 0;
  for (const v of anchor) {
    const k = study.images.findIndex((im) => (im.view ?? '').toLowerCase() === v.toLowerCase());
    if (k >= 0) return k;
  }
  return 0;
}

/** Latest prior by `studyDate`; without dates, the last one listed [our choice]. */
export function latestPrior(priors: readonly Study[]): Study | undefined {
  if (priors.length === 0) return undefined;
  let best = priors[priors.length - 1]!;
  for (const p of priors) if (p.studyDate !== undefined && (best.studyDate === undefined || p.studyDate > best.studyDate)) best = p;
  return best;
}

/**
 * Builds a PriorRG-style model input (spec §7): the anchor image of the current study (first, or
 * by view preference), the latest prior's image, view ids, and the clinical context (training
 * format by default) tokenized and truncated to 300 tokens. Tensors are named only by
 * `binding.feeds`. An unknown view maps to `unk` with a warning; a missing image names the path.
 */
export async function assemble(request: ReportRequest, binding: ModelBinding): Promise<AssembledInput> {
  const b = parseOptions(ModelBindingSchema, binding, 'assemble binding');
  const warnings: string[] = [];
  const warn = (m: string) => (warnings.push(m), b.onWarning?.(m));
  const feeds: Record<string, Tensor> = {};
  const viewId = (study: Study, index: number): { name: string; id: number } => {
    const raw = study.images[index]!.view ?? 'unk';
    const key = Object.keys(b.views).find((k) => k.toLowerCase() === raw.toLowerCase());
    if (key === undefined) {
      warn(`study ${study.id}, image ${index}: unknown view ${JSON.stringify(raw)} mapped to 'unk'`);
      if (b.views.unk === undefined) throw new ReportMetricsError('INVALID_INPUT', `binding.views has no 'unk' entry for unknown view ${JSON.stringify(raw)}`, { field: 'views.unk' });
      return { name: 'unk', id: b.views.unk };
    }
    return { name: key, id: b.views[key]! };
  };
  const load = async (study: Study, index: number, feed: string): Promise<Tensor<'float32'>> => {
    const src = study.images[index]!.source;
    let bytes: Uint8Array;
    let name: string;
    if (typeof src === 'string') {
      if (!b.readImage) throw new ReportMetricsError('INVALID_INPUT', `study ${study.id}: image ${src} is a path but binding.readImage is not set (use readImageFile from @reasonkit/report-metrics/node)`, { file: src, field: 'readImage' });
      bytes = await b.readImage(src);
      name = src;
    } else {
      bytes = src;
      name = `study ${study.id} image ${index}`;
    }
    return preprocessImage(decodeImage(bytes, name), b.preprocessor as PreprocessorConfig, feed);
  };
  const cur = request.current;
  const ai = pickImage(cur, b.anchor);
  const av = viewId(cur, ai);
  const pixels = await load(cur, ai, b.feeds.pixelValues);
  feeds[b.feeds.pixelValues] = pixels;
  if (b.feeds.viewIds) feeds[b.feeds.viewIds] = tensor('int64', BigInt64Array.from([BigInt(av.id)]), [1], b.feeds.viewIds);
  const out: AssembledInput = { feeds, context: '', anchor: { studyId: cur.id, index: ai, view: av.name }, warnings };
  const prior = b.priorPolicy === 'latest' ? latestPrior(request.priors ?? []) : undefined;
  if (prior && (request.priors?.length ?? 0) > 1 && request.priors!.some((p) => p.studyDate === undefined)) warn('some priors have no studyDate; the latest prior may be wrong');
  if (b.feeds.priorPixelValues || b.feeds.priorViewIds || b.feeds.hasPrior) {
    if (prior) {
      const pi = pickImage(prior, b.anchor);
      const pv = viewId(prior, pi);
      out.prior = { studyId: prior.id, index: pi, view: pv.name };
      if (b.feeds.priorPixelValues) feeds[b.feeds.priorPixelValues] = await load(prior, pi, b.feeds.priorPixelValues);
      if (b.feeds.priorViewIds) feeds[b.feeds.priorViewIds] = tensor('int64', BigInt64Array.from([BigInt(pv.id)]), [1], b.feeds.priorViewIds);
    } else {
      // No prior: zeros of the current image's shape and the `unk` view [our choice].
      if (b.feeds.priorPixelValues) feeds[b.feeds.priorPixelValues] = tensor('float32', new Float32Array(pixels.data.length), pixels.dims, b.feeds.priorPixelValues);
      if (b.feeds.priorViewIds) feeds[b.feeds.priorViewIds] = tensor('int64', BigInt64Array.from([BigInt(b.views.unk ?? 0)]), [1], b.feeds.priorViewIds);
    }
    if (b.feeds.hasPrior) feeds[b.feeds.hasPrior] = tensor('int64', BigInt64Array.from([prior ? 1n : 0n]), [1], b.feeds.hasPrior);
  }
  out.context = formatContext({ indication: cur.indication ?? '', history: cur.history ?? '' }, b.contextFormat);
  if (b.feeds.contextInputIds) {
    if (!b.tokenizer) throw new ReportMetricsError('INVALID_INPUT', 'binding.feeds.contextInputIds is set but binding.tokenizer is missing', { field: 'tokenizer' });
    const ids = b.tokenizer.encode(out.context).slice(0, b.maxContextTokens);
    feeds[b.feeds.contextInputIds] = tensor('int64', BigInt64Array.from(ids.map(BigInt)), [1, ids.length], b.feeds.contextInputIds);
    if (b.feeds.contextAttentionMask) feeds[b.feeds.contextAttentionMask] = tensor('int64', new BigInt64Array(ids.length).fill(1n), [1, ids.length], b.feeds.contextAttentionMask);
  }
  return out;
}
