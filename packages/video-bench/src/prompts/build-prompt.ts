import { type ChatMessage, type ContentPart, ReasonkitError } from '@reasonkit/core';
import { z } from 'zod';
import { enumSchema } from '../util/enum-schema.js';
import type { MmrvRecord } from '../records/record-schema.js';
import { PRESETS, type PromptMode, presetName } from './presets.js';
import { pythonListRepr } from './python-repr.js';

/** Options of `buildPrompt` / `buildMessages` (spec §3.3). */
export const PromptOptionsSchema = z.object({
  /** `direct` (default, the reference README's mode) or `cot`. */
  mode: enumSchema(['direct', 'cot']).default('direct'),
  /** Preset name, e.g. `mmrv-structure@1/cot`. Default: the preset of `mode`. */
  preset: z.string().optional(),
  /** A user template with `{question}` and `{options}` placeholders; overrides `preset`. */
  template: z.string().optional(),
  /** `python-repr` (default, reference parity) or `lines` (one option per line). */
  optionsFormat: enumSchema(['python-repr', 'lines']).default('python-repr'),
});
/** Prompt options (input form, defaults optional). */
export type PromptOptions = z.input<typeof PromptOptionsSchema>;

/** What identifies a prompt configuration (enters a run's config hash). */
export interface PromptIdentity {
  /** `direct` or `cot`. */
  mode: PromptMode;
  /** Preset name with version, or `custom` for a user template. */
  preset: string;
  /** How the options are shown. */
  optionsFormat: 'python-repr' | 'lines';
  /** The user template, when one is used. */
  template?: string;
}

function parse(options: PromptOptions) {
  const parsed = PromptOptionsSchema.safeParse(options);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ReasonkitError('INVALID_ARGUMENT', `prompt options: field "${issue.path.join('.')}": ${issue.message}`, { field: issue.path.join('.') });
  }
  return parsed.data;
}

/** The prompt configuration as plain data, for a run's config hash. */
export function promptIdentity(options: PromptOptions = {}): PromptIdentity {
  const o = parse(options);
  if (o.template !== undefined) return { mode: o.mode, preset: 'custom', optionsFormat: o.optionsFormat, template: o.template };
  const preset = o.preset ?? presetName(o.mode);
  if (!(preset in PRESETS)) {
    throw new ReasonkitError('INVALID_ARGUMENT', `prompt options: field "preset": unknown preset ${JSON.stringify(preset)}; known: ${Object.keys(PRESETS).join(', ')}`, {
      field: 'preset',
      actual: preset,
    });
  }
  return { mode: o.mode, preset, optionsFormat: o.optionsFormat };
}

/** Formats the options as the prompt shows them. */
export function formatOptions(record: MmrvRecord, format: 'python-repr' | 'lines'): string {
  const raw = record.options.map((o) => o.raw);
  return format === 'python-repr' ? pythonListRepr(raw) : raw.join('\n');
}

/**
 * The text part of the request (spec §3.1): the template with `{question}` and `{options}`
 * filled in one pass, followed by one space (the reference appends ` <video>` and splits on
 * the image placeholders).
 */
export function buildPrompt(record: MmrvRecord, options: PromptOptions = {}): string {
  const id = promptIdentity(options);
  const template = id.template ?? PRESETS[id.preset]!;
  const values = { question: record.question, options: formatOptions(record, id.optionsFormat) };
  return template.replace(/\{(question|options)\}/g, (_m, key: 'question' | 'options') => values[key]) + ' ';
}

/** Base64 of bytes; browser-safe (uses Node's Buffer only when it is on `globalThis`). */
export function toBase64(bytes: Uint8Array): string {
  // Node's Buffer when present (found on globalThis, so this file stays browser-safe): native and
  // about 50x faster than `btoa` over a binary string, which dominated the runner's per-record
  // cost (32 frames = 3.5 MB of JPEG per record; measured with `node --cpu-prof`).
  const NodeBuffer = (globalThis as { Buffer?: { from(b: ArrayBufferView['buffer'], o: number, l: number): { toString(e: 'base64'): string } } }).Buffer;
  if (NodeBuffer) return NodeBuffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
  return base64Table(bytes);
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Table-driven base64 for browsers: whole 3-byte groups into 4 characters, joined per 32 KiB block. */
export function base64Table(bytes: Uint8Array): string {
  const blocks: string[] = [];
  const codes = new Uint16Array(0x8000);
  const full = bytes.length - (bytes.length % 3);
  for (let start = 0; start < full; start += 0x6000) {
    const end = Math.min(full, start + 0x6000);
    let k = 0;
    for (let i = start; i < end; i += 3) {
      const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
      codes[k++] = B64.charCodeAt(n >>> 18);
      codes[k++] = B64.charCodeAt((n >>> 12) & 63);
      codes[k++] = B64.charCodeAt((n >>> 6) & 63);
      codes[k++] = B64.charCodeAt(n & 63);
    }
    blocks.push(String.fromCharCode.apply(null, codes.subarray(0, k) as unknown as number[]));
  }
  const rest = bytes.length - full;
  if (rest === 1) {
    const n = bytes[full]! << 16;
    blocks.push(`${B64[n >>> 18]}${B64[(n >>> 12) & 63]}==`);
  } else if (rest === 2) {
    const n = (bytes[full]! << 16) | (bytes[full + 1]! << 8);
    blocks.push(`${B64[n >>> 18]}${B64[(n >>> 12) & 63]}${B64[(n >>> 6) & 63]}=`);
  }
  return blocks.join('');
}

/**
 * A frame to send: JPEG bytes (`{ jpeg }`), encoded bytes with their MIME type (a decoder's
 * `EncodedFrame`), or a `data:` URL built before (`{ url }`, from {@link frameDataUrl}; lets the
 * questions of one video share one base64 encoding).
 */
export type FrameImage =
  | {
      /** JPEG bytes. */
      jpeg: Uint8Array;
    }
  | {
      /** Encoded image bytes. */
      data: Uint8Array;
      /** Their MIME type, e.g. `image/png`. */
      mime: string;
    }
  | {
      /** A ready `data:` URL. */
      url: string;
    };

/** The `data:` URL of a frame (a `{ url }` frame is returned as it is). */
export function frameDataUrl(frame: FrameImage): string {
  if ('url' in frame) return frame.url;
  return 'jpeg' in frame ? `data:image/jpeg;base64,${toBase64(frame.jpeg)}` : `data:${frame.mime};base64,${toBase64(frame.data)}`;
}

/** Node's Buffer, as far as {@link frameDataUrls} uses it (found on `globalThis`: this file stays browser-safe). */
interface NodeBufferLike {
  from(b: ArrayBufferView['buffer'], o: number, l: number): { toString(e: 'base64', start?: number, end?: number): string };
  allocUnsafe(size: number): { length: number; write(text: string, offset: number, encoding: 'latin1'): number; toString(e: 'latin1', start: number, end: number): string };
}

/**
 * The buffer the data URLs are assembled in, kept between calls (it grows to the largest video's
 * data URLs, 1.7 MB for 32 frames of 40 kB): fresh megabytes cost page faults on every call.
 * `frameDataUrls` is synchronous and copies out of it before returning, so calls never share it.
 */
let scratch: ReturnType<NodeBufferLike['allocUnsafe']> | undefined;

/** Bytes base64-encoded per call: 90,000 bytes give 120,000 characters, under V8's 128 KiB large-object limit. */
const BASE64_CHUNK = 90_000;

/**
 * The `data:` URLs of a video's frames, equal to `frames.map(frameDataUrl)`. In Node they are
 * slices of one string: each frame is base64-encoded in chunks small enough for V8's young
 * generation and written into one reused buffer, which is copied out as one string (Node keeps a
 * string over 1 MB outside the V8 heap, so the garbage collector never copies it); slicing copies
 * nothing. Per-frame strings (`prefix + base64`) cost more CPU in the runner bench at 40 kB and
 * 110 kB frames (young-generation copies of the kept strings; V8 large objects over 128 KiB,
 * mapped fresh twice per frame). Browsers take `frames.map(frameDataUrl)`.
 */
export function frameDataUrls(frames: readonly FrameImage[]): string[] {
  const NodeBuffer = (globalThis as { Buffer?: NodeBufferLike }).Buffer;
  if (!NodeBuffer) return frames.map(frameDataUrl);
  const parts = frames.map((frame) => ('url' in frame ? undefined : 'jpeg' in frame ? { prefix: 'data:image/jpeg;base64,', bytes: frame.jpeg } : { prefix: `data:${frame.mime};base64,`, bytes: frame.data }));
  // Prefixes are written as latin1: an odd MIME type (not printable ASCII) takes the plain path.
  if (parts.some((part) => part !== undefined && !/^[ -~]*$/.test(part.prefix))) return frames.map(frameDataUrl);
  let size = 0;
  for (const part of parts) if (part) size += part.prefix.length + Math.ceil(part.bytes.length / 3) * 4;
  const out = scratch && scratch.length >= size ? scratch : (scratch = NodeBuffer.allocUnsafe(size));
  const bounds: [number, number][] = [];
  let offset = 0;
  for (const part of parts) {
    if (!part) continue;
    const start = offset;
    offset += out.write(part.prefix, offset, 'latin1');
    const bytes = NodeBuffer.from(part.bytes.buffer, part.bytes.byteOffset, part.bytes.byteLength);
    for (let i = 0; i < part.bytes.length; i += BASE64_CHUNK) offset += out.write(bytes.toString('base64', i, Math.min(part.bytes.length, i + BASE64_CHUNK)), offset, 'latin1');
    bounds.push([start, offset]);
  }
  const all = out.toString('latin1', 0, offset);
  let next = 0;
  return frames.map((frame) => {
    if ('url' in frame) return frame.url;
    const [start, end] = bounds[next++]!;
    return all.slice(start, end);
  });
}

/**
 * One user message: the prompt text part, then one `image_url` part per frame in frame order
 * (base64 data URLs). No system message, as in the reference.
 */
export function buildMessages(
  record: MmrvRecord,
  frames: readonly FrameImage[],
  options: PromptOptions & { imageDetail?: 'auto' | 'low' | 'high' } = {},
): ChatMessage[] {
  const { imageDetail, ...promptOptions } = options;
  const content: ContentPart[] = [{ type: 'text', text: buildPrompt(record, promptOptions) }];
  for (const frame of frames) {
    content.push({
      type: 'image_url',
      image_url: { url: frameDataUrl(frame), ...(imageDetail ? { detail: imageDetail } : {}) },
    });
  }
  return [{ role: 'user', content }];
}
