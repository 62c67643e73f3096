import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EncodedFrame } from '../frames/frame-decoder.js';
import { uniformIndices } from '../frames/uniform-indices.js';
import { HAS_FFMPEG, SKIP_FFMPEG_MESSAGE, childPids, greyPixels, meanGreys, writeSpecVideos } from './__fixtures__/videos.js';
import { ffmpegDecoder, selectFilter } from './ffmpeg-decoder.js';

if (!HAS_FFMPEG) console.warn(`video-bench ffmpeg-decoder.test.ts: ${SKIP_FFMPEG_MESSAGE}`);

async function collect(frames: AsyncIterable<EncodedFrame>): Promise<EncodedFrame[]> {
  const out: EncodedFrame[] = [];
  for await (const frame of frames) out.push(frame);
  return out;
}

async function errorOf(promise: Promise<unknown>): Promise<any> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

it('builds the select filter with escaped commas and an optional downscale', () => {
  expect(selectFilter([0, 4, 29])).toBe("select='eq(n\\,0)+eq(n\\,4)+eq(n\\,29)'");
  expect(selectFilter([3], 16)).toBe("select='eq(n\\,3)',scale=w='min(iw\\,16)':h='min(ih\\,16)':force_original_aspect_ratio=decrease:force_divisible_by=2");
});

it('a missing binary is FFMPEG_NOT_FOUND with install advice, for probe and frames', async () => {
  const decoder = ffmpegDecoder({ ffmpegPath: '/nonexistent/ffmpeg', ffprobePath: 'reasonkit-no-such-ffprobe' });
  const probeError = await errorOf(decoder.probe('video.mp4'));
  expect(probeError).toMatchObject({ code: 'FFMPEG_NOT_FOUND', details: { file: 'reasonkit-no-such-ffprobe', tool: 'ffprobe' } });
  expect(probeError.message).toMatch(/apt-get install ffmpeg/);
  expect(probeError.message).toMatch(/ffprobePath/);
  const framesError = await errorOf(collect(decoder.frames('video.mp4', [0])));
  expect(framesError).toMatchObject({ code: 'FFMPEG_NOT_FOUND', details: { file: '/nonexistent/ffmpeg', tool: 'ffmpeg' } });
  expect(framesError.message).toMatch(/ffmpegPath/);
});

it('validates its options and the requested indices, naming the field', async () => {
  expect(() => ffmpegDecoder({ count: 'guess' as never })).toThrow(/count/);
  expect(() => ffmpegDecoder({ jpegQscale: 1 })).toThrow(/jpegQscale/);
  await expect(collect(ffmpegDecoder().frames('v.mp4', [0, -1]))).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', details: { field: 'indices.1' } });
  await expect(collect(ffmpegDecoder().frames('v.mp4', [0], { maxSide: 1 }))).rejects.toMatchObject({ details: { field: 'maxSide' } });
});

describe.skipIf(!HAS_FFMPEG)('ffmpegDecoder on generated videos (spec §5.4)', () => {
  let dir: string;
  let videos: { mkv: string; mp4: string };
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'video-bench-ffmpeg-'));
    videos = writeSpecVideos(dir);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('probes 30 frames with every count method the file supports, recording the method', async () => {
    for (const count of ['packets', 'decoded'] as const) {
      for (const video of [videos.mkv, videos.mp4]) {
        expect(await ffmpegDecoder({ count }).probe(video)).toMatchObject({ frameCount: 30, countMethod: count, width: 32, height: 32, fps: 10 });
      }
    }
    expect(await ffmpegDecoder({ count: 'metadata' }).probe(videos.mp4)).toMatchObject({ frameCount: 30, countMethod: 'metadata' });
    // Matroska has no nb_frames: the packet count stands in, and the probe says so.
    expect(await ffmpegDecoder({ count: 'metadata' }).probe(videos.mkv)).toMatchObject({ frameCount: 30, countMethod: 'packets' });
    expect((await ffmpegDecoder().probe(videos.mp4)).durationSec).toBeCloseTo(3, 1);
  });

  it('returns the exact frames at the uniform indices from the lossless file (PNG)', async () => {
    const indices = uniformIndices(30, 8);
    expect(indices).toEqual([0, 4, 8, 12, 16, 20, 24, 29]);
    const frames = await collect(ffmpegDecoder({ format: 'png' }).frames(videos.mkv, indices));
    expect(frames.map((f) => f.index)).toEqual(indices);
    const pixels = greyPixels(frames);
    frames.forEach((frame, i) => {
      expect(frame).toMatchObject({ width: 32, height: 32, mime: 'image/png' });
      expect([...frame.data.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
      expect(new Set(pixels[i])).toEqual(new Set([8 * frame.index]));
    });
  });

  it('returns JPEG frames from the MP4 whose grey level identifies the index (±6)', async () => {
    const indices = uniformIndices(30, 8);
    const frames = await collect(ffmpegDecoder().frames(videos.mp4, indices));
    expect(frames.map((f) => f.index)).toEqual(indices);
    const pixels = greyPixels(frames);
    frames.forEach((frame, i) => {
      expect(frame).toMatchObject({ width: 32, height: 32, mime: 'image/jpeg' });
      expect([...frame.data.subarray(0, 2)]).toEqual([0xff, 0xd8]);
      for (const v of pixels[i]!) expect(Math.abs(v - 8 * frame.index)).toBeLessThanOrEqual(6);
    });
  });

  it('repeats duplicate indices (N < k) in request order and decodes each frame once', async () => {
    const indices = uniformIndices(30, 40);
    expect(new Set(indices).size).toBeLessThan(indices.length);
    const frames = await collect(ffmpegDecoder({ format: 'png' }).frames(videos.mkv, indices));
    expect(frames.map((f) => f.index)).toEqual(indices);
    expect(meanGreys(frames)).toEqual(indices.map((i) => 8 * i));
    // Unsorted requests come back in request order too.
    const shuffled = await collect(ffmpegDecoder({ format: 'png' }).frames(videos.mkv, [20, 3, 20, 0]));
    expect(shuffled.map((f) => f.index)).toEqual([20, 3, 20, 0]);
    expect(meanGreys(shuffled)).toEqual([160, 24, 160, 0]);
  });

  it('downscales to maxSide keeping the aspect ratio', async () => {
    const [frame] = await collect(ffmpegDecoder().frames(videos.mp4, [10], { maxSide: 16 }));
    expect(frame).toMatchObject({ index: 10, width: 16, height: 16 });
    expect(Math.abs(meanGreys([frame!])[0]! - 80)).toBeLessThanOrEqual(6);
  });

  it('fails naming the video when an index is beyond the last frame', async () => {
    const error = await errorOf(collect(ffmpegDecoder().frames(videos.mp4, [5, 30])));
    expect(error).toMatchObject({ code: 'RUNTIME_ERROR', details: { file: videos.mp4, expected: 2, actual: 1 } });
    expect(error.message).toMatch(/frame 30/);
  });

  it('includes ffmpeg stderr when the file is not a video', async () => {
    const notVideo = join(dir, 'not-a-video.mp4');
    execFileSync('sh', ['-c', `echo hello > '${notVideo}'`]);
    const error = await errorOf(collect(ffmpegDecoder().frames(notVideo, [0])));
    expect(error).toMatchObject({ code: 'RUNTIME_ERROR', details: { file: notVideo } });
    expect(error.message).toMatch(/Invalid data/);
    await expect(ffmpegDecoder().probe(notVideo)).rejects.toMatchObject({ code: 'RUNTIME_ERROR' });
  });

  it('abort and timeout kill the child process (an input that never arrives: a FIFO)', async () => {
    const fifo = join(dir, 'never.fifo');
    execFileSync('mkfifo', [fifo]);
    const before = childPids();
    const controller = new AbortController();
    const pending = errorOf(collect(ffmpegDecoder().frames(fifo, [0], { signal: controller.signal })));
    await new Promise((r) => setTimeout(r, 200));
    expect(childPids().length).toBe(before.length + 1); // ffmpeg is running, blocked on the FIFO
    controller.abort();
    expect(await pending).toMatchObject({ code: 'ABORTED', details: { file: fifo } });
    expect(childPids()).toEqual(before);

    expect(await errorOf(collect(ffmpegDecoder({ timeoutMs: 300 }).frames(fifo, [0])))).toMatchObject({ code: 'TIMEOUT', details: { timeoutMs: 300 } });
    expect(await errorOf(ffmpegDecoder({ timeoutMs: 300 }).probe(fifo))).toMatchObject({ code: 'TIMEOUT' });
    expect(childPids()).toEqual(before);

    const aborted = new AbortController();
    aborted.abort();
    expect(await errorOf(ffmpegDecoder().probe(videos.mp4, { signal: aborted.signal }))).toMatchObject({ code: 'ABORTED' });
  });

  it('stopping the iteration early kills the child', async () => {
    const before = childPids();
    for await (const frame of ffmpegDecoder().frames(videos.mp4, [0, 1, 2, 29])) {
      expect(frame.index).toBe(0);
      break;
    }
    expect(childPids()).toEqual(before);
  });
});
