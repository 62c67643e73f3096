/** How a decoder counted a video's frames (spec §5.3). */
export type CountMethod = 'packets' | 'decoded' | 'metadata';

/** What `probe` reports about a video's first video stream. */
export interface VideoProbe {
  frameCount: number;
  countMethod: CountMethod;
  width: number;
  height: number;
  fps?: number;
  durationSec?: number;
}

/** One encoded frame, ready for an `image_url` data URL. */
export interface EncodedFrame {
  /** Frame index (decoded frames counted from 0). */
  index: number;
  width: number;
  height: number;
  mime: 'image/jpeg' | 'image/png';
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
  probe(video: string, options?: { signal?: AbortSignal }): Promise<VideoProbe>;
  frames(video: string, indices: readonly number[], options?: { signal?: AbortSignal; maxSide?: number }): AsyncIterable<EncodedFrame>;
}
