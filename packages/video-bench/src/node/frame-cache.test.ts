import { spawn } from 'node:child_process';
import { appendFile, mkdir, mkdtemp, readdir, readFile, rm, truncate, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createScriptedTextModel } from '@reasonkit/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EncodedFrame, FrameDecoder } from '../frames/frame-decoder.js';
import { parseRecords } from '../records/parse-records.js';
import { HAS_FFMPEG, SKIP_FFMPEG_MESSAGE, meanGreys, writeGreyVideo } from './__fixtures__/videos.js';
import { ffmpegDecoder } from './ffmpeg-decoder.js';
import { FRAME_CACHE_FORMAT, createFrameCache, decodeFrameCacheFile, encodeFrameCacheFile, frameCacheKey } from './frame-cache.js';
import { runBench } from './run-bench.js';
import { loadVideoFrames } from './video-frames.js';

if (!HAS_FFMPEG) console.warn(`video-bench frame-cache.test.ts: ${SKIP_FFMPEG_MESSAGE}`);

/** Wraps a decoder and counts its calls (the proof that a cache hit does not decode). */
function counting(inner: FrameDecoder) {
  const calls = { probe: 0, frames: 0 };
  const decoder: FrameDecoder = {
    id: inner.id,
    probe: (video, o) => {
      calls.probe++;
      return inner.probe(video, o);
    },
    frames: (video, indices, o) => {
      calls.frames++;
      return inner.frames(video, indices, o);
    },
  };
  return { decoder, calls };
}

/** A decoder that needs no ffmpeg: N frames, frame i's bytes are [i, i, i, …] (length 10 + i). */
function fakeDecoder(frameCount = 30, id = 'fake/1'): FrameDecoder {
  return {
    id,
    probe: async () => ({ frameCount, countMethod: 'packets', width: 4, height: 2, fps: 10 }),
    async *frames(_video, indices) {
      for (const index of indices) yield { index, width: 4, height: 2, mime: 'image/jpeg', data: new Uint8Array(10 + index).fill(index) };
    },
  };
}

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) out.push(relative(dir, join(entry.parentPath, entry.name)));
  }
  return out.sort();
}

describe('frame cache (spec §5.3)', () => {
  let dir: string;
  let n = 0;
  const fresh = async () => {
    const d = join(dir, `case-${++n}`);
    await mkdir(join(d, 'videos'), { recursive: true });
    const video = join(d, 'videos', 'clip.mp4');
    await writeFile(video, 'not really a video, the fake decoder never reads it');
    return { cacheDir: join(d, 'cache'), video };
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'video-bench-frame-cache-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('key: format, file name, size, nanosecond mtime, k, decoder id, maxSide', async () => {
    const { video } = await fresh();
    await utimes(video, 1_700_000_000, 1_700_000_000.5);
    const key = await frameCacheKey(video, { k: 8, decoder: 'fake/1', maxSide: 512 });
    expect(key).toEqual({ format: FRAME_CACHE_FORMAT, name: 'clip.mp4', size: 51, mtimeNs: '1700000000500000000', k: 8, decoder: 'fake/1', maxSide: 512 });
    expect((await frameCacheKey(video, { k: 8, decoder: 'fake/1' })).maxSide).toBeNull();
    await expect(frameCacheKey(join(dir, 'missing.mp4'), { k: 8, decoder: 'x' })).rejects.toMatchObject({ code: 'FILE_NOT_FOUND' });
  });

  it('a hit returns the stored frames without calling the decoder; layout <dir>/<hh>/<sha256>.frames, no temporary files left', async () => {
    const { cacheDir, video } = await fresh();
    const cache = createFrameCache({ dir: cacheDir });
    const { decoder, calls } = counting(fakeDecoder());
    const first = await loadVideoFrames(video, { decoder, k: 8, cache });
    expect(first.cache).toBe('miss');
    expect(calls).toEqual({ probe: 1, frames: 1 });
    expect(first.indices).toEqual([0, 4, 8, 12, 16, 20, 24, 29]);

    const second = await loadVideoFrames(video, { decoder, k: 8, cache });
    expect(second.cache).toBe('hit');
    expect(calls).toEqual({ probe: 1, frames: 1 }); // no decoder call at all
    expect(second.probe).toEqual(first.probe);
    expect(second.indices).toEqual(first.indices);
    expect(second.frames.map((f) => [f.index, f.width, f.height, f.mime, [...f.data]])).toEqual(first.frames.map((f) => [f.index, f.width, f.height, f.mime, [...f.data]]));

    const key = await frameCacheKey(video, { k: 8, decoder: decoder.id });
    const path = cache.path(key);
    expect(relative(cacheDir, path)).toMatch(/^([0-9a-f]{2})\/\1[0-9a-f]{62}\.frames$/);
    expect(await filesUnder(cacheDir)).toEqual([relative(cacheDir, path)]);
    // A second cache object on the same directory (another process) sees the entry too.
    const other = counting(fakeDecoder());
    expect((await loadVideoFrames(video, { decoder: other.decoder, k: 8, cache: createFrameCache({ dir: cacheDir }) })).cache).toBe('hit');
    expect(other.calls).toEqual({ probe: 0, frames: 0 });
  });

  it('invalidation: a changed mtime or size, another k, maxSide or decoder id each decode again', async () => {
    const { cacheDir, video } = await fresh();
    const cache = createFrameCache({ dir: cacheDir });
    const { decoder, calls } = counting(fakeDecoder());
    const load = (o: { k?: number; maxSide?: number; decoder?: FrameDecoder } = {}) => loadVideoFrames(video, { decoder: o.decoder ?? decoder, k: o.k ?? 8, cache, ...(o.maxSide ? { maxSide: o.maxSide } : {}) });
    expect((await load()).cache).toBe('miss');
    expect((await load()).cache).toBe('hit');
    await utimes(video, new Date(), new Date(Date.now() + 5_000));
    expect((await load()).cache).toBe('miss');
    expect((await load()).cache).toBe('hit');
    await appendFile(video, 'x');
    await utimes(video, 1_700_000_000, 1_700_000_000); // size differs even with an old mtime
    expect((await load()).cache).toBe('miss');
    expect((await load({ k: 4 })).cache).toBe('miss');
    expect((await load({ maxSide: 64 })).cache).toBe('miss');
    const other = counting(fakeDecoder(30, 'fake/2'));
    expect((await load({ decoder: other.decoder })).cache).toBe('miss');
    expect(other.calls).toEqual({ probe: 1, frames: 1 });
    expect(calls).toEqual({ probe: 5, frames: 5 });
    expect((await load()).cache).toBe('hit');
    expect((await load({ k: 4 })).cache).toBe('hit');
    expect(calls).toEqual({ probe: 5, frames: 5 });
  });

  it('a truncated, foreign or mismatched file is a miss with a warning, and is rewritten', async () => {
    const { cacheDir, video } = await fresh();
    const warnings: string[] = [];
    const cache = createFrameCache({ dir: cacheDir, onWarning: (m) => warnings.push(m) });
    const { decoder, calls } = counting(fakeDecoder());
    await loadVideoFrames(video, { decoder, k: 8, cache });
    const path = cache.path(await frameCacheKey(video, { k: 8, decoder: decoder.id }));
    const good = await readFile(path);

    await truncate(path, good.byteLength - 3);
    expect((await loadVideoFrames(video, { decoder, k: 8, cache })).cache).toBe('miss');
    expect(warnings.at(-1)).toMatch(/expected \d+ frame bytes/);
    expect(await readFile(path)).toEqual(good); // rewritten
    expect((await loadVideoFrames(video, { decoder, k: 8, cache })).cache).toBe('hit');

    await writeFile(path, 'garbage');
    expect((await loadVideoFrames(video, { decoder, k: 8, cache })).cache).toBe('miss');
    expect(warnings.at(-1)).toMatch(/not a frame cache file/);
    expect(calls.frames).toBe(3);
    expect(warnings).toHaveLength(2);

    const key = await frameCacheKey(video, { k: 8, decoder: decoder.id });
    const file = encodeFrameCacheFile(key, { probe: { frameCount: 30, countMethod: 'packets', width: 4, height: 2 }, indices: [0, 4, 8, 12, 16, 20, 24, 29], frames: [] });
    expect(decodeFrameCacheFile(file, key)).toEqual({ reason: 'expected 8 frames, manifest has 0' });
    const good2 = await readFile(path);
    expect(decodeFrameCacheFile(good2, { ...key, k: 4 })).toEqual({ reason: 'key mismatch' });
  });

  it('concurrent writers and readers of one key: readers see no entry or a whole one, one file remains', async () => {
    const { cacheDir, video } = await fresh();
    const warnings: string[] = [];
    // Separate cache objects stand for separate processes sharing the directory.
    const caches = Array.from({ length: 6 }, () => createFrameCache({ dir: cacheDir, onWarning: (m) => warnings.push(m) }));
    const key = await frameCacheKey(video, { k: 8, decoder: 'fake/1' });
    const entry = await loadVideoFrames(video, { decoder: fakeDecoder(), k: 8 });
    let writing = true;
    const seen: string[] = [];
    const reader = (async () => {
      while (writing) {
        const got = await caches[0]!.get(key);
        seen.push(got ? 'whole' : 'absent');
        if (got) expect(got.frames.map((f) => f.data.byteLength)).toEqual(entry.frames.map((f) => f.data.byteLength));
      }
    })();
    await Promise.all(caches.flatMap((c) => [c.put(key, entry), c.put(key, entry)]));
    writing = false;
    await reader;
    expect(warnings).toEqual([]);
    expect(seen.at(-1) ?? 'whole').toBe('whole');
    expect(await filesUnder(cacheDir)).toEqual([relative(cacheDir, caches[0]!.path(key))]);
    expect((await caches[5]!.get(key))?.indices).toEqual(entry.indices);
  });

  it('separate processes writing one key while this one reads: every read is absent or whole, no temporary file remains', async () => {
    const { cacheDir, video } = await fresh();
    const writer = join(dirname(fileURLToPath(import.meta.url)), '__fixtures__', 'cache-writer.ts');
    const children = [0, 1].map(() => spawn(process.execPath, ['--conditions=@reasonkit/source', '--import', 'tsx', writer, cacheDir, video, '15'], { stdio: ['ignore', 'pipe', 'pipe'] }));
    const exits = children.map(
      (child) =>
        new Promise<string>((resolve) => {
          let out = '';
          child.stdout!.on('data', (c) => (out += c));
          child.stderr!.on('data', (c) => (out += c));
          child.on('close', (code) => resolve(`${code}:${out.trim()}`));
        }),
    );
    let running = true;
    void Promise.all(exits).then(() => (running = false));
    const warnings: string[] = [];
    const cache = createFrameCache({ dir: cacheDir, onWarning: (m) => warnings.push(m) });
    const key = await frameCacheKey(video, { k: 8, decoder: 'fake/1' });
    while (running) {
      const got = await cache.get(key);
      if (got) expect(got.frames.map((f) => f.data[0])).toEqual([0, 4, 8, 12, 16, 20, 24, 29]);
    }
    expect(await Promise.all(exits)).toEqual(['0:done', '0:done']);
    expect(warnings).toEqual([]);
    expect((await cache.get(key))?.frames).toHaveLength(8);
    expect(await filesUnder(cacheDir)).toEqual([relative(cacheDir, cache.path(key))]);
  }, 120_000);

  it('a video that changes while it is decoded is not cached', async () => {
    const { cacheDir, video } = await fresh();
    const warnings: string[] = [];
    const cache = createFrameCache({ dir: cacheDir });
    const inner = fakeDecoder();
    const changing: FrameDecoder = {
      id: inner.id,
      probe: inner.probe,
      async *frames(v, indices, o) {
        await appendFile(video, 'more');
        yield* inner.frames(v, indices, o);
      },
    };
    expect((await loadVideoFrames(video, { decoder: changing, k: 8, cache, onWarning: (m) => warnings.push(m) })).cache).toBe('miss');
    expect(warnings).toEqual([`frame cache: ${video} changed while it was decoded; frames not cached`]);
    expect(await readdir(cacheDir).catch(() => [])).toEqual([]);
  });

  it('runBench with frameCache: a second run (another model, new results file) makes no decoder call and sends the same images', async () => {
    const { cacheDir } = await fresh();
    const videosDir = join(dir, `case-${n}`, 'videos');
    for (const v of ['a.mp4', 'b.mp4']) await writeFile(join(videosDir, v), v);
    const { records } = await parseRecords(
      ['a.mp4', 'a.mp4', 'b.mp4'].map((video, i) => ({ video, videoType: 'TV', question: `Q${i}?`, options: ['(A) x', '(B) y'], correctAnswer: '(B)', abilityType_L2: 'Causal Reasoning', abilityType_L3: 't' })),
    );
    const imagesOf = (model: ReturnType<typeof createScriptedTextModel>) =>
      model.requests.map((r) => (r.messages![0]!.content as { type: string; image_url?: { url: string } }[]).filter((p) => p.type === 'image_url').map((p) => p.image_url!.url));
    const first = counting(fakeDecoder());
    const m1 = createScriptedTextModel({ id: 'm1', replies: () => '[[B]]' });
    const s1 = await runBench({ records, videosDir, out: join(dir, `case-${n}`, 'r1.jsonl'), frames: 4, model: m1, decoder: first.decoder, frameCache: cacheDir, concurrency: 1 });
    expect(first.calls).toEqual({ probe: 2, frames: 2 });
    expect(s1.videos).toEqual({ fromCache: 0, decoded: 2 });

    const second = counting(fakeDecoder());
    const m2 = createScriptedTextModel({ id: 'm2', replies: () => '[[A]]' });
    const s2 = await runBench({ records, videosDir, out: join(dir, `case-${n}`, 'r2.jsonl'), frames: 4, model: m2, decoder: second.decoder, frameCache: cacheDir, concurrency: 1 });
    expect(second.calls).toEqual({ probe: 0, frames: 0 });
    expect(s2.videos).toEqual({ fromCache: 2, decoded: 0 });
    expect(imagesOf(m2)).toEqual(imagesOf(m1));
    expect(s2.report!.overall).toMatchObject({ correct: 0, total: 3 });
    const rows = (await readFile(join(dir, `case-${n}`, 'r2.jsonl'), 'utf8')).trim().split('\n').slice(1).map((l) => JSON.parse(l));
    expect(rows.map((r) => [r.frameCount, r.countMethod, r.indices])).toEqual(Array(3).fill([30, 'packets', [0, 9, 19, 29]]));

    // Without frameCache nothing is written to disk and each video is decoded once per run.
    const third = counting(fakeDecoder());
    const s3 = await runBench({ records, videosDir, out: join(dir, `case-${n}`, 'r3.jsonl'), frames: 4, model: createScriptedTextModel({ replies: () => '[[B]]' }), decoder: third.decoder });
    expect(third.calls).toEqual({ probe: 2, frames: 2 });
    expect(s3.videos).toEqual({ fromCache: 0, decoded: 2 });
  });

  it.skipIf(!HAS_FFMPEG)('with the ffmpeg decoder: a cache hit spawns no ffmpeg/ffprobe and returns the same frames (grey levels of §5.4)', async () => {
    const { cacheDir } = await fresh();
    const video = writeGreyVideo(join(dir, `case-${n}`, 'videos', 'grey.mkv'), { frames: 30, codec: 'ffv1' });
    const cache = createFrameCache({ dir: cacheDir });
    const first = counting(ffmpegDecoder({ format: 'png' }));
    const a = await loadVideoFrames(video, { decoder: first.decoder, k: 8, cache });
    expect(first.calls).toEqual({ probe: 1, frames: 1 });
    const second = counting(ffmpegDecoder({ format: 'png' }));
    const b = await loadVideoFrames(video, { decoder: second.decoder, k: 8, cache });
    expect(b.cache).toBe('hit');
    expect(second.calls).toEqual({ probe: 0, frames: 0 });
    expect(b.frames.map((f) => Buffer.from(f.data).toString('base64'))).toEqual(a.frames.map((f: EncodedFrame) => Buffer.from(f.data).toString('base64')));
    expect(meanGreys(b.frames)).toEqual([0, 4, 8, 12, 16, 20, 24, 29].map((i) => 8 * i));
    // A JPEG decoder has another id, so it does not read the PNG entry.
    const jpeg = counting(ffmpegDecoder());
    expect((await loadVideoFrames(video, { decoder: jpeg.decoder, k: 8, cache })).cache).toBe('miss');
    expect(jpeg.calls).toEqual({ probe: 1, frames: 1 });
  });
});
