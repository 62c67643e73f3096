/** How a decoder counted a video's frames (spec §5.3). */
export type CountMethod = 'packets' | 'decoded' | 'metadata';

/** What `probe` reports about a video's first video stream. */
export interface VideoProbe {
  /** Frames in the first video stream (N of spec §5.1). */
  frameCount: number;
  /** How `frameCount` was obtained. */
  countMethod: CountMethod;
  /** Frame width in pixels. */
  width: number;
  /** Frame height in pixels. */
  height: number;
  /** Average frame rate, when the container states one. */
  fps?: number;
  /** Duration in seconds, when the container states one. */
  durationSec?: number;
}

/** One encoded frame, ready for an `image_url` data URL. */
export interface EncodedFrame {
  /** Frame index (decoded frames counted from 0). */
  index: number;
  /** Width in pixels (after any `maxSide` downscale). */
  width: number;
  /** Height in pixels (after any `maxSide` downscale). */
  height: number;
  /** MIME type of `data`. */
  mime: 'image/jpeg' | 'image/png';
  /** The encoded image bytes. */
  data: Uint8Array;
}

/**
 * A pluggable frame source (spec §5.2). `frames` yields one frame per requested index, in the
 * order of `indices` (duplicates repeated). The default is `ffmpegDecoder` from
 * `@reasonkit/video-bench/node`; in the browser, pass your own frames to `buildMessages`.
 */
export interface FrameDecoder {
  /** Identifies the decoder and its settings; enters a run's config hash. */
  readonly id: string;
  /** Counts the frames of `video` and reads its size (spec §5.3). */
  probe(video: string, options?: { signal?: AbortSignal }): Promise<VideoProbe>;
  /** Yields one encoded frame per entry of `indices`, in that order (duplicates repeated). */
  frames(video: string, indices: readonly number[], options?: { signal?: AbortSignal; maxSide?: number }): AsyncIterable<EncodedFrame>;
}
