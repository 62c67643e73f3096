import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { ReasonkitError, parseOptions } from '@reasonkit/core';
import { writeFileAtomic } from '@reasonkit/core/node';
import { z } from 'zod';
import type { EncodedFrame, VideoProbe } from '../frames/frame-decoder.js';
import { canonicalJson } from '../run/run-row.js';

/** Version of the cache file layout; part of every key, so a layout change never reads old files. */
export const FRAME_CACHE_FORMAT = 1;

/** First 8 bytes of every cache file. */
const MAGIC = 'RKFRAMES';

/**
 * What identifies a cache entry (spec §5.3: file size, mtime, k, decoder id, maxSide). `name` (the
 * video's file name, not its directory) is our addition: two different videos would need the same
 * name, size and nanosecond mtime to collide, while a dataset moved with its mtimes kept (`cp -a`,
 * `rsync -a`) still hits.
 */
export interface FrameCacheKey {
  /** {@link FRAME_CACHE_FORMAT} when the key was made. */
  format: number;
  /** The video's file name (no directory). */
  name: string;
  /** File size in bytes. */
  size: number;
  /** Modification time in nanoseconds since the epoch, as a decimal string. */
  mtimeNs: string;
  /** Frames per request. */
  k: number;
  /** The decoder's id (its settings: count method, image format, quality). */
  decoder: string;
  /** The `maxSide` downscale, or `null` for native size. */
  maxSide: number | null;
}

/** What a cache entry holds: the probe, the indices and the encoded frames in index order. */
export interface CachedFrames {
  /** The decoder's probe of the video. */
  probe: VideoProbe;
  /** The uniform indices the frames were taken at (length k, duplicates kept). */
  indices: number[];
  /** One encoded frame per index, in the order of `indices`. */
  frames: EncodedFrame[];
}

const ManifestSchema = z.object({
  key: z.object({ format: z.number(), name: z.string(), size: z.number(), mtimeNs: z.string(), k: z.number(), decoder: z.string(), maxSide: z.number().nullable() }),
  probe: z.object({
    frameCount: z.number().int().positive(),
    countMethod: z.enum(['packets', 'decoded', 'metadata']),
    width: z.number().int().positive(),
    height: z.number().int().positive(),
    fps: z.number().optional(),
    durationSec: z.number().optional(),
  }),
  indices: z.array(z.number().int().min(0)),
  frames: z.array(z.object({ index: z.number().int().min(0), width: z.number().int().positive(), height: z.number().int().positive(), mime: z.enum(['image/jpeg', 'image/png']), bytes: z.number().int().min(0) })),
});

/** Options of {@link createFrameCache}. */
export const FrameCacheOptionsSchema = z.object({
  /** Directory of the cache (created on the first write). Safe to delete at any time. */
  dir: z.string().min(1),
  /** Called when a cache file is unreadable or does not match its key (it is then treated as a miss and rewritten). */
  onWarning: z.custom<(message: string) => void>((v) => typeof v === 'function', { message: 'expected a function' }).optional(),
});
/** Options of {@link createFrameCache}. */
export type FrameCacheOptions = z.input<typeof FrameCacheOptionsSchema>;

/** An on-disk cache of encoded frames per video (spec §5.3); see {@link createFrameCache}. */
export interface FrameCache {
  /** The cache directory. */
  readonly dir: string;
  /** Stats `video` and builds its key; a missing video rejects with `FILE_NOT_FOUND`. */
  key(video: string, options: { k: number; decoder: string; maxSide?: number }): Promise<FrameCacheKey>;
  /** The file an entry lives in: `<dir>/<hh>/<sha256>.frames`, the hash of the key's canonical JSON. */
  path(key: FrameCacheKey): string;
  /** The entry of `key`, or `undefined` when absent or unusable (an unusable file gives a warning). */
  get(key: FrameCacheKey): Promise<CachedFrames | undefined>;
  /** Stores an entry atomically (temporary file in the same directory, then rename). */
  put(key: FrameCacheKey, entry: CachedFrames): Promise<void>;
}

/** The key of a video file (stat with nanosecond mtime). */
export async function frameCacheKey(video: string, options: { k: number; decoder: string; maxSide?: number }): Promise<FrameCacheKey> {
  let s: import('node:fs').BigIntStats;
  try {
    s = await stat(video, { bigint: true });
  } catch (error) {
    throw new ReasonkitError('FILE_NOT_FOUND', `video not found: ${video}`, { file: video }, { cause: error });
  }
  if (!s.isFile()) throw new ReasonkitError('FILE_NOT_FOUND', `video is not a file: ${video}`, { file: video });
  return { format: FRAME_CACHE_FORMAT, name: basename(video), size: Number(s.size), mtimeNs: String(s.mtimeNs), k: options.k, decoder: options.decoder, maxSide: options.maxSide ?? null };
}

/** The result of {@link decodeFrameCacheFile}: the entry, or why the file is unusable. */
export type FrameCacheRead =
  | {
      /** The entry. */
      entry: CachedFrames;
    }
  | {
      /** Why the file cannot be used, e.g. `key mismatch`. */
      reason: string;
    };

/** Serialises an entry: magic, u32 LE manifest length, manifest JSON, then the frames' bytes in order. */
export function encodeFrameCacheFile(key: FrameCacheKey, entry: CachedFrames): Uint8Array {
  const manifest = {
    key,
    probe: entry.probe,
    indices: entry.indices,
    frames: entry.frames.map((f) => ({ index: f.index, width: f.width, height: f.height, mime: f.mime, bytes: f.data.byteLength })),
  };
  const json = new TextEncoder().encode(JSON.stringify(manifest));
  const total = MAGIC.length + 4 + json.byteLength + entry.frames.reduce((n, f) => n + f.data.byteLength, 0);
  const out = new Uint8Array(total);
  out.set(new TextEncoder().encode(MAGIC), 0);
  new DataView(out.buffer).setUint32(MAGIC.length, json.byteLength, true);
  out.set(json, MAGIC.length + 4);
  let at = MAGIC.length + 4 + json.byteLength;
  for (const f of entry.frames) {
    out.set(f.data, at);
    at += f.data.byteLength;
  }
  return out;
}

/**
 * Parses a cache file and checks it against `key`; returns the entry or the reason it is unusable
 * (wrong magic, truncated, manifest invalid, key mismatch, byte count mismatch).
 */
export function decodeFrameCacheFile(bytes: Uint8Array, key: FrameCacheKey): FrameCacheRead {
  const head = MAGIC.length + 4;
  if (bytes.byteLength < head || new TextDecoder().decode(bytes.subarray(0, MAGIC.length)) !== MAGIC) return { reason: 'not a frame cache file' };
  const length = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(MAGIC.length, true);
  if (head + length > bytes.byteLength) return { reason: 'truncated manifest' };
  let manifest: z.infer<typeof ManifestSchema>;
  try {
    const parsed = ManifestSchema.safeParse(JSON.parse(new TextDecoder().decode(bytes.subarray(head, head + length))));
    if (!parsed.success) return { reason: `invalid manifest (${parsed.error.issues[0]!.path.join('.')}: ${parsed.error.issues[0]!.message})` };
    manifest = parsed.data;
  } catch {
    return { reason: 'manifest is not JSON' };
  }
  if (canonicalJson(manifest.key) !== canonicalJson(key)) return { reason: 'key mismatch' };
  if (manifest.indices.length !== key.k || manifest.frames.length !== key.k) return { reason: `expected ${key.k} frames, manifest has ${manifest.frames.length}` };
  const expected = manifest.frames.reduce((n, f) => n + f.bytes, 0);
  if (head + length + expected !== bytes.byteLength) return { reason: `expected ${expected} frame bytes, file has ${bytes.byteLength - head - length}` };
  let at = head + length;
  const frames: EncodedFrame[] = manifest.frames.map((f) => {
    const data = bytes.subarray(at, at + f.bytes);
    at += f.bytes;
    return { index: f.index, width: f.width, height: f.height, mime: f.mime, data };
  });
  const probe: VideoProbe = { frameCount: manifest.probe.frameCount, countMethod: manifest.probe.countMethod, width: manifest.probe.width, height: manifest.probe.height };
  if (manifest.probe.fps !== undefined) probe.fps = manifest.probe.fps;
  if (manifest.probe.durationSec !== undefined) probe.durationSec = manifest.probe.durationSec;
  return { entry: { probe, indices: manifest.indices, frames } };
}

/**
 * An on-disk cache of a video's encoded frames (spec §5.3), so the ~4 questions of a video, a
 * resumed run and runs of other models at the same k decode each video once.
 *
 * - **Key:** format version, file name, size, nanosecond mtime, k, decoder id, maxSide. A changed
 *   video (size or mtime) or setting maps to another entry, so a stale entry is never read; old
 *   entries are left behind (delete the directory to reclaim space).
 * - **Layout:** `<dir>/<first 2 hex>/<sha256 of the key's canonical JSON>.frames`, one file per
 *   entry: `RKFRAMES`, a u32 LE manifest length, the manifest (key, probe, indices, frame sizes)
 *   and the frames' bytes.
 * - **Atomic, concurrency-safe writes:** each write goes to a uniquely named temporary file in the
 *   same directory and is renamed over the final name, so readers (other processes included) see
 *   no file or a whole one; two writers of one key write equal entries and the last rename wins.
 *   Every read checks the magic, the manifest, the key and the byte count; an unusable file is a
 *   miss (with a warning) and is rewritten.
 */
export function createFrameCache(options: FrameCacheOptions): FrameCache {
  const o = parseOptions(FrameCacheOptionsSchema, options, 'frame cache options');
  const path = (key: FrameCacheKey) => {
    const hash = createHash('sha256').update(canonicalJson(key)).digest('hex');
    return join(o.dir, hash.slice(0, 2), `${hash}.frames`);
  };
  return {
    dir: o.dir,
    key: frameCacheKey,
    path,
    async get(key) {
      const file = path(key);
      let bytes: Uint8Array;
      try {
        bytes = await readFile(file);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        o.onWarning?.(`frame cache ${file}: unreadable (${(error as Error).message}); decoding again`);
        return undefined;
      }
      const decoded = decodeFrameCacheFile(bytes, key);
      if ('reason' in decoded) {
        o.onWarning?.(`frame cache ${file}: ${decoded.reason}; decoding again`);
        return undefined;
      }
      return decoded.entry;
    },
    async put(key, entry) {
      if (entry.frames.length !== key.k || entry.indices.length !== key.k) {
        throw new ReasonkitError('INVALID_ARGUMENT', `frame cache: entry for ${key.name} has ${entry.frames.length} frames, key k is ${key.k}`, { file: key.name, field: 'frames', expected: key.k, actual: entry.frames.length });
      }
      await writeFileAtomic(path(key), encodeFrameCacheFile(key, entry));
    },
  };
}
