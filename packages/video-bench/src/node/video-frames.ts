import type { EncodedFrame, FrameDecoder } from '../frames/frame-decoder.js';
import { uniformIndices } from '../frames/uniform-indices.js';
import { type CachedFrames, type FrameCache, frameCacheKey } from './frame-cache.js';

/** Options of {@link loadVideoFrames}. */
export interface LoadVideoFramesOptions {
  /** The decoder (probe + frames) used on a cache miss. */
  decoder: FrameDecoder;
  /** Frames to take (k uniform indices, spec §5.1). */
  k: number;
  /** Downscale so neither side exceeds this; default native size. */
  maxSide?: number;
  /** On-disk frame cache; without it every call decodes. */
  cache?: FrameCache;
  /** Aborts probing and decoding (the ffmpeg child is killed). */
  signal?: AbortSignal;
  /** Called with non-fatal problems (unusable cache file, failed cache write, video changed while decoding). */
  onWarning?: (message: string) => void;
}

/** {@link CachedFrames} plus where they came from. */
export interface VideoFrames extends CachedFrames {
  /** `hit`: read from the cache, no decoder call; `miss`: decoded (and stored when a cache is given); `none`: decoded, no cache. */
  cache: 'hit' | 'miss' | 'none';
}

/**
 * A video's probe, k uniform indices and encoded frames: from the cache when it holds an entry
 * for the video's current size and mtime (no decoder call at all), else probed and decoded, then
 * stored unless the video changed while it was being decoded. A failed cache write is a warning,
 * not an error. A missing video rejects with `FILE_NOT_FOUND`.
 */
export async function loadVideoFrames(video: string, options: LoadVideoFramesOptions): Promise<VideoFrames> {
  const { decoder, k, maxSide, cache, signal, onWarning } = options;
  const keyOptions = { k, decoder: decoder.id, ...(maxSide !== undefined ? { maxSide } : {}) };
  const key = await frameCacheKey(video, keyOptions);
  if (cache) {
    const hit = await cache.get(key);
    if (hit) return { ...hit, cache: 'hit' };
  }
  const probe = await decoder.probe(video, { signal });
  const indices = uniformIndices(probe.frameCount, k);
  const frames: EncodedFrame[] = [];
  for await (const frame of decoder.frames(video, indices, { signal, ...(maxSide !== undefined ? { maxSide } : {}) })) frames.push(frame);
  if (!cache) return { probe, indices, frames, cache: 'none' };
  const after = await frameCacheKey(video, keyOptions).catch(() => undefined);
  if (!after || after.size !== key.size || after.mtimeNs !== key.mtimeNs) {
    onWarning?.(`frame cache: ${video} changed while it was decoded; frames not cached`);
  } else {
    try {
      await cache.put(key, { probe, indices, frames });
    } catch (error) {
      onWarning?.(`frame cache ${cache.path(key)}: write failed (${(error as Error).message}); continuing without it`);
    }
  }
  return { probe, indices, frames, cache: 'miss' };
}
