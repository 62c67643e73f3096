/** `@reasonkit/video-bench/node`: the Node-only parts (ffmpeg frame decoder, file output); everything else is in the root entry. */
export { writeReport } from './write-report.js';
export { type FfmpegDecoderOptions, FfmpegDecoderOptionsSchema, ffmpegDecoder, selectFilter } from './ffmpeg-decoder.js';
export { type DryRunResult, type RunBenchOptions, type RunProgress, type RunSummary, RunBenchOptionsSchema, runBench } from './run-bench.js';
export { type ResultsFile, type ResultsWriter, openResultsWriter, readResults } from './results-file.js';
export { loadRecords } from './load-records.js';
export {
  type CachedFrames,
  type FrameCache,
  type FrameCacheKey,
  type FrameCacheOptions,
  type FrameCacheRead,
  FRAME_CACHE_FORMAT,
  FrameCacheOptionsSchema,
  createFrameCache,
  decodeFrameCacheFile,
  encodeFrameCacheFile,
  frameCacheKey,
} from './frame-cache.js';
export { type LoadVideoFramesOptions, type VideoFrames, loadVideoFrames } from './video-frames.js';
