import { ReasonkitError, parseOptions } from '@reasonkit/core';
import { z } from 'zod';
import { enumSchema } from '../util/enum-schema.js';
import type { CountMethod, EncodedFrame, FrameDecoder, VideoProbe } from '../frames/frame-decoder.js';
import { createImageSplitter } from '../frames/image-stream.js';
import { runProcess, startProcess } from './child-process.js';

/** Options of {@link ffmpegDecoder} (spec §5.3). */
export const FfmpegDecoderOptionsSchema = z.object({
  /** The ffmpeg executable. Default `ffmpeg` from `PATH`. */
  ffmpegPath: z.string().min(1).default('ffmpeg'),
  /** The ffprobe executable. Default `ffprobe` from `PATH`. */
  ffprobePath: z.string().min(1).default('ffprobe'),
  /** Frame count method: `packets` (default; demux only), `decoded` (exact, decodes everything) or `metadata` (`nb_frames`, falls back to packets when absent). */
  count: enumSchema(['packets', 'decoded', 'metadata']).default('packets'),
  /** Per-process timeout. Default 120 s (the reference's HTTP timeout; our choice for decoding). */
  timeoutMs: z.number().int().positive().default(120_000),
  /** Frame encoding: `jpeg` (default, as the reference sends) or `png` (lossless). */
  format: enumSchema(['jpeg', 'png']).default('jpeg'),
  /** ffmpeg's mjpeg `-q:v` (2 best … 31). Default 4: closest PSNR to IJG quality 75 (PIL's default) on ffmpeg's testsrc2 (our measurement). */
  jpegQscale: z.number().int().min(2).max(31).default(4),
});
/** Options of {@link ffmpegDecoder} (input form, defaults optional). */
export type FfmpegDecoderOptions = z.input<typeof FfmpegDecoderOptionsSchema>;

const ProbeSchema = z.object({
  streams: z
    .array(
      z.object({
        width: z.number().int().positive(),
        height: z.number().int().positive(),
        avg_frame_rate: z.string().optional(),
        nb_frames: z.string().optional(),
        nb_read_packets: z.string().optional(),
        nb_read_frames: z.string().optional(),
      }),
    )
    .min(1, 'no video stream'),
  format: z.object({ duration: z.string().optional() }).optional(),
});

const positiveInt = (text: string | undefined): number | undefined => {
  if (text === undefined || !/^\d+$/.test(text)) return undefined;
  const n = Number(text);
  return n > 0 ? n : undefined;
};

function parseRate(text: string | undefined): number | undefined {
  const m = /^(\d+)\/(\d+)$/.exec(text ?? '');
  if (!m || Number(m[2]) === 0 || Number(m[1]) === 0) return undefined;
  return Number(m[1]) / Number(m[2]);
}

/**
 * The select filter for a set of frame numbers (ascending, unique), plus an optional downscale so
 * that neither side exceeds `maxSide` (aspect ratio kept, even sizes).
 */
export function selectFilter(unique: readonly number[], maxSide?: number): string {
  const select = `select='${unique.map((i) => `eq(n\\,${i})`).join('+')}'`;
  if (maxSide === undefined) return select;
  return `${select},scale=w='min(iw\\,${maxSide})':h='min(ih\\,${maxSide})':force_original_aspect_ratio=decrease:force_divisible_by=2`;
}

/**
 * The default frame decoder (spec §5.3, Node only): the system `ffprobe` counts frames and
 * `ffmpeg` extracts the requested frames in one process per call with a `select` filter, encoding
 * them itself (`image2pipe`, mjpeg or png) so no image encoding runs in JavaScript. Processes are
 * killed on abort and timeout; a missing binary is `FFMPEG_NOT_FOUND`.
 */
export function ffmpegDecoder(options: FfmpegDecoderOptions = {}): FrameDecoder {
  const o = parseOptions(FfmpegDecoderOptionsSchema, options, 'ffmpegDecoder options');
  const id = `ffmpeg/${o.format}${o.format === 'jpeg' ? `-q${o.jpegQscale}` : ''}/count=${o.count}`;

  const ffprobe = async (video: string, args: string[], signal: AbortSignal | undefined) => {
    const text = await runProcess(o.ffprobePath, ['-v', 'error', '-select_streams', 'v:0', ...args, '-of', 'json', video], {
      signal,
      timeoutMs: o.timeoutMs,
      tool: 'ffprobe',
      file: video,
    });
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new ReasonkitError('PROTOCOL_ERROR', `ffprobe ${video}: output is not JSON`, { file: video, body: text.slice(0, 500) });
    }
    const parsed = ProbeSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new ReasonkitError('INVALID_ARGUMENT', `ffprobe ${video}: ${issue.path.join('.') || 'streams'}: ${issue.message}`, { file: video, field: issue.path.join('.') });
    }
    return parsed.data;
  };

  const entries = 'stream=width,height,avg_frame_rate,nb_frames,nb_read_packets,nb_read_frames:format=duration';

  return {
    id,
    async probe(video, probeOptions = {}): Promise<VideoProbe> {
      const { signal } = probeOptions;
      const countArgs: Record<CountMethod, string[]> = { packets: ['-count_packets'], decoded: ['-count_frames'], metadata: [] };
      let data = await ffprobe(video, [...countArgs[o.count], '-show_entries', entries], signal);
      let stream = data.streams[0]!;
      let countMethod: CountMethod = o.count;
      let frameCount = o.count === 'packets' ? positiveInt(stream.nb_read_packets) : o.count === 'decoded' ? positiveInt(stream.nb_read_frames) : positiveInt(stream.nb_frames);
      if (frameCount === undefined && o.count === 'metadata') {
        // No nb_frames (e.g. Matroska): count packets instead, and say so.
        data = await ffprobe(video, ['-count_packets', '-show_entries', entries], signal);
        stream = data.streams[0]!;
        countMethod = 'packets';
        frameCount = positiveInt(stream.nb_read_packets);
      }
      if (frameCount === undefined) {
        throw new ReasonkitError('INVALID_ARGUMENT', `ffprobe ${video}: no frames counted (method ${countMethod})`, { file: video, field: 'frameCount', countMethod });
      }
      const probe: VideoProbe = { frameCount, countMethod, width: stream.width, height: stream.height };
      const fps = parseRate(stream.avg_frame_rate);
      if (fps !== undefined) probe.fps = fps;
      const duration = Number(data.format?.duration);
      if (data.format?.duration !== undefined && Number.isFinite(duration)) probe.durationSec = duration;
      return probe;
    },

    async *frames(video, indices, frameOptions = {}): AsyncGenerator<EncodedFrame> {
      const { signal, maxSide } = frameOptions;
      if (indices.length === 0) return;
      indices.forEach((index, i) => {
        if (!Number.isInteger(index) || index < 0) {
          throw new ReasonkitError('INVALID_ARGUMENT', `frames ${video}: indices[${i}] must be an integer >= 0, got ${index}`, { file: video, field: `indices.${i}`, actual: index });
        }
      });
      if (maxSide !== undefined && (!Number.isInteger(maxSide) || maxSide < 2)) {
        throw new ReasonkitError('INVALID_ARGUMENT', `frames ${video}: maxSide must be an integer >= 2, got ${maxSide}`, { file: video, field: 'maxSide', actual: maxSide });
      }
      const unique = [...new Set(indices)].sort((a, b) => a - b);
      const codec = o.format === 'jpeg' ? ['-c:v', 'mjpeg', '-q:v', String(o.jpegQscale), '-pix_fmt', 'yuvj420p'] : ['-c:v', 'png', '-pix_fmt', 'rgb24'];
      const args = ['-nostdin', '-v', 'error', '-i', video, '-map', '0:v:0', '-vf', selectFilter(unique, maxSide), '-fps_mode', 'passthrough', '-frames:v', String(unique.length), '-f', 'image2pipe', ...codec, 'pipe:1'];
      const started = startProcess(o.ffmpegPath, args, { signal, timeoutMs: o.timeoutMs, tool: 'ffmpeg', file: video });
      const splitter = createImageSplitter(o.format);
      const mime = o.format === 'jpeg' ? 'image/jpeg' : 'image/png';
      const ready = new Map<number, EncodedFrame>();
      let received = 0;
      let next = 0; // position in `indices` to yield next
      let finished = false;
      try {
        for await (const chunk of started.child.stdout!) {
          for (const image of splitter.push(chunk as Uint8Array)) {
            if (received >= unique.length) break;
            const index = unique[received++]!;
            ready.set(index, { index, width: image.width, height: image.height, mime, data: image.data });
          }
          while (next < indices.length && ready.has(indices[next]!)) yield { ...ready.get(indices[next++]!)! };
        }
        await started.done;
        if (received < unique.length || splitter.rest > 0) {
          throw new ReasonkitError(
            'RUNTIME_ERROR',
            `ffmpeg ${video}: got ${received} of ${unique.length} frames${splitter.rest > 0 ? ` and ${splitter.rest} bytes of a partial image` : ''}; is frame ${unique[received]} beyond the last frame?`,
            { file: video, expected: unique.length, actual: received },
          );
        }
        while (next < indices.length) yield { ...ready.get(indices[next++]!)! };
        finished = true;
      } finally {
        if (!finished) await started.stop();
      }
    },
  };
}
