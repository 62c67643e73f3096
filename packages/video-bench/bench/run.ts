// `npm run bench` (spec §11.9): frame extraction, runner overhead per record, resume scan.
// Everything runs in one process; the runner overhead is measured against a bare fetch loop,
// interleaved, because the machine this runs on may be loaded.
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { EncodedFrame } from '../src/frames/frame-decoder.js';
import { uniformIndices } from '../src/frames/uniform-indices.js';
import { currentSrc, loadImpl, measureHttpOverhead } from './http-overhead.js';
import { ffmpegDecoder } from '../src/node/ffmpeg-decoder.js';
import { createFrameCache } from '../src/node/frame-cache.js';
import { readResults } from '../src/node/results-file.js';
import { loadVideoFrames } from '../src/node/video-frames.js';

// [--baseline=<other checkout>/packages/video-bench/src]: also measure that checkout's runner and core (before/after).
const args = new Map(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=') as [string, string]));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number) => `${x.toFixed(1)} ms`;
const dir = await mkdtemp(join(tmpdir(), 'video-bench-bench-'));
const results: Record<string, unknown> = {};

try {
  // 1. 32 frames from generated 10 s 640x360 30 fps H.264 MP4s, probe included. The target clip
  // has a typical 360p web-video bitrate: testsrc2 with mild temporal noise, CRF 23 capped at
  // 1.5 Mbit/s (about 2 MB). The stress clip (informational) is testsrc2 with heavy temporal noise
  // at CRF 23 uncapped (about 24 MB, ~19 Mbit/s): decoding it is what extraction costs there.
  const clips = [
    { name: 'typical', target: true, vf: 'noise=alls=8:allf=t', rate: ['-maxrate', '1500k', '-bufsize', '3000k'] },
    { name: 'noisy', target: false, vf: 'noise=alls=30:allf=t', rate: [] as string[] },
  ];
  const decoder = ffmpegDecoder();
  const extraction: Record<string, unknown> = {};
  let typicalVideo = '';
  for (const clip of clips) {
    const video = join(dir, `${clip.name}.mp4`);
    execFileSync('ffmpeg', ['-y', '-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=s=640x360:r=30', '-t', '10', '-vf', clip.vf, '-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-crf', '23', ...clip.rate, video]);
    if (clip.target) typicalVideo = video;
    const extract: number[] = [];
    const decodeOnly: number[] = [];
    let frames: EncodedFrame[] = [];
    for (let rep = 0; rep < 3; rep++) {
      // Baseline, interleaved: ffmpeg decoding the whole clip to nothing (the floor for any
      // frame-accurate extraction from a long-GOP H.264 file), so load is visible as a ratio.
      let t0 = performance.now();
      execFileSync('ffmpeg', ['-nostdin', '-v', 'error', '-i', video, '-map', '0:v:0', '-f', 'null', '-']);
      decodeOnly.push(performance.now() - t0);
      t0 = performance.now();
      const probe = await decoder.probe(video);
      frames = [];
      for await (const f of decoder.frames(video, uniformIndices(probe.frameCount, 32))) frames.push(f);
      extract.push(performance.now() - t0);
    }
    const bytes = frames.reduce((n, f) => n + f.data.length, 0);
    const fileBytes = statSync(video).size;
    extraction[clip.name] = { target: clip.target, fileBytes, mbitPerSec: +((fileBytes * 8) / 10 / 1e6).toFixed(2), medianMs: median(extract), runsMs: extract, decodeOnlyMedianMs: median(decodeOnly), decodeOnlyRunsMs: decodeOnly, ratioToDecodeOnly: median(extract) / median(decodeOnly), frames: frames.length, jpegBytes: bytes, meanFrameBytes: Math.round(bytes / frames.length), targetMs: 2000 };
    console.log(`extract 32 frames (probe + ffmpeg JPEG), ${clip.name} 10 s 640x360 clip (${(fileBytes / 1e6).toFixed(1)} MB, ${((fileBytes * 8) / 10 / 1e6).toFixed(2)} Mbit/s): median ${ms(median(extract))} of ${extract.map(ms).join(', ')}; ${frames.length} JPEGs, mean ${(bytes / frames.length / 1000).toFixed(1)} kB (target <= 2000 ms${clip.target ? '' : ', informational'}); bare ffmpeg decode of the whole clip ${ms(median(decodeOnly))} -> ratio ${(median(extract) / median(decodeOnly)).toFixed(2)}`);
  }
  results.extract32 = extraction;
  // The same frames from the on-disk frame cache (spec §5.3): a hit makes no ffprobe/ffmpeg call.
  const cache = createFrameCache({ dir: join(dir, 'frame-cache') });
  await loadVideoFrames(typicalVideo, { decoder, k: 32, cache }); // fills the cache (one more decode)
  const fromCache: number[] = [];
  for (let rep = 0; rep < 5; rep++) {
    const t0 = performance.now();
    const hit = await loadVideoFrames(typicalVideo, { decoder, k: 32, cache });
    fromCache.push(performance.now() - t0);
    if (hit.cache !== 'hit' || hit.frames.length !== 32) throw new Error('bench: expected a cache hit with 32 frames');
  }
  results.frameCacheHit = { clip: 'typical', medianMs: median(fromCache), runsMs: fromCache };
  console.log(`frame cache hit (32 frames, typical clip): median ${ms(median(fromCache))} of ${fromCache.map(ms).join(', ')}`);

  // 2. Runner overhead per record (spec §11.9 B): zero-latency loopback server, side by side with a
  // bare fetch loop sending a prebuilt same-size body (bench/http-overhead.ts). Frames of 40 kB
  // (a typical 640x360 JPEG of real video at ffmpeg -q:v 4) and 110 kB (the noisy clip's frames),
  // at 4 questions per video (MMR-V: 1,257 questions over 317 videos) and 1 (worst case).
  const impls = [await loadImpl('current', currentSrc)];
  if (args.get('baseline')) impls.push(await loadImpl('baseline', resolve(args.get('baseline')!)));
  const overhead: unknown[] = [];
  const keep = join(dir, 'results.jsonl');
  for (const frameBytes of [40_000, 110_000]) {
    for (const perVideo of [4, 1]) {
      const r = await measureHttpOverhead({ impls, frameBytes, perVideo, records: 40, reps: 5, keepResults: keep });
      overhead.push(r);
      type Ms = { wallMs: number; cpuMs: number };
      const line = impls.map((impl) => {
        const { overheadPerRecord: o, overheadVsStreamedPerRecord: s } = r[impl.name] as { overheadPerRecord: Ms; overheadVsStreamedPerRecord: Ms };
        return `${impl.name} ${ms(o.cpuMs)} CPU / ${ms(o.wallMs)} wall (vs the streamed bare loop ${ms(s.cpuMs)} / ${ms(s.wallMs)})`;
      });
      const bare = r.barePerRecord as Ms;
      const streamed = r.bareStreamedPerRecord as Ms;
      console.log(`runner overhead per record (target <= 5 ms), ${frameBytes / 1000} kB frames, ${perVideo} question(s) per video: ${line.join('; ')} (bare fetch ${ms(bare.cpuMs)} CPU / ${ms(bare.wallMs)} wall per record; streamed ${ms(streamed.cpuMs)} / ${ms(streamed.wallMs)})`);
    }
  }
  results.runnerOverhead = overhead;

  // 3. Resume scan of a 1,257-row results file (the full MMR-V size).
  const template = JSON.parse(readFileSync(keep, 'utf8').split('\n')[1]!);
  const lines = Array.from({ length: 1257 }, (_, i) => JSON.stringify({ ...template, id: String(i), question_idx: i }));
  const header = readFileSync(keep, 'utf8').split('\n')[0]!;
  const big = join(dir, 'resume.jsonl');
  await writeFile(big, `${header}\n${lines.join('\n')}\n`);
  const scan: number[] = [];
  for (let rep = 0; rep < 7; rep++) {
    const t0 = performance.now();
    const file = await readResults(big);
    if (file.rows.size !== 1257) throw new Error('bench: expected 1257 rows');
    scan.push(performance.now() - t0);
  }
  results.resumeScan = { rows: 1257, medianMs: median(scan), runsMs: scan, targetMs: 200 };
  console.log(`resume scan: 1,257 rows: median ${ms(median(scan))} of ${scan.map(ms).join(', ')} (target <= 200 ms)`);
  console.log(JSON.stringify({ node: process.version, loadavg: loadavg().map((x) => +x.toFixed(1)), ffmpeg: execFileSync('ffmpeg', ['-version']).toString().split('\n')[0], ...results }, null, 2));
} finally {
  await rm(dir, { recursive: true, force: true });
}
