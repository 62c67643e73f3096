// @reasonkit/video-bench in one file: generate four tiny videos with ffmpeg (each a flat dark or
// bright grey), write MMR-V-style records asking "dark or bright?", and run the benchmark runner:
// ffmpeg frame extraction → core's OpenAI-compatible client → core's OpenAI server on loopback →
// a scripted "vision model" → answer extraction → accuracy report (report.md, summary.json, …).
//
// The vision model is a scripted stand-in (core's `createScriptedTextModel`), not a model: it
// decodes the JPEG frames it receives with ffmpeg and answers [[A]] (dark) or [[B]] (bright) from
// their mean grey level, so the report is right only if the right frames arrive.
// Offline; needs ffmpeg and ffprobe on PATH (skips with a message otherwise).
// Run: npm start -w @reasonkit/example-video-bench
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createOpenAICompatible, type GenerateRequest } from '@reasonkit/core';
import { createOpenAIServer } from '@reasonkit/core/node';
import { createScriptedTextModel } from '@reasonkit/core/testing';
import { parseRecords, renderReportMarkdown } from '@reasonkit/video-bench';
import { runBench, writeReport } from '@reasonkit/video-bench/node';

export const haveFfmpeg = () => ['ffmpeg', 'ffprobe'].every((t) => spawnSync(t, ['-version'], { stdio: 'ignore' }).status === 0);
const SIZE = 32;

/** A flat grey video, SIZE×SIZE, `frames` frames at 10 fps, mpeg4 in MP4. */
function writeGreyVideo(path: string, level: number, frames: number): void {
  const raw = Buffer.alloc(frames * SIZE * SIZE * 3, level);
  execFileSync('ffmpeg', ['-y', '-v', 'error', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-s', `${SIZE}x${SIZE}`, '-r', '10', '-i', 'pipe:0', '-c:v', 'mpeg4', '-q:v', '1', '-pix_fmt', 'yuv420p', path], { input: raw });
}

/** Mean grey level of JPEG images (one ffmpeg decode). */
function meanGrey(jpegs: readonly Buffer[]): number {
  const px = execFileSync('ffmpeg', ['-v', 'error', '-f', 'jpeg_pipe', '-i', 'pipe:0', '-f', 'rawvideo', '-pix_fmt', 'gray', 'pipe:1'], { input: Buffer.concat(jpegs) });
  return px.reduce((s, v) => s + v, 0) / px.length;
}

function scriptedVisionModel() {
  return createScriptedTextModel({
    id: 'scripted-vision',
    loop: true,
    replies: (request: GenerateRequest) => {
      const content = request.messages?.[0]?.content;
      if (!Array.isArray(content)) return 'I see no frames.';
      const jpegs = content.flatMap((p) => (p.type === 'image_url' ? [Buffer.from(p.image_url.url.replace(/^data:image\/jpeg;base64,/, ''), 'base64')] : []));
      if (jpegs.length === 0) return 'I see no frames.';
      return meanGrey(jpegs) < 128 ? 'The frames are dark, so [[A]].' : 'The frames are bright, so [[B]].';
    },
  });
}

export async function run(options: { frames?: number; log?: (line: string) => void; signal?: AbortSignal } = {}) {
  const log = options.log ?? console.log;
  if (!haveFfmpeg()) {
    log('video-bench example: ffmpeg/ffprobe not on PATH; skipping (Debian: apt-get install ffmpeg)');
    return undefined;
  }
  const levels = [30, 220, 200, 45];
  const dir = mkdtempSync(join(tmpdir(), 'video-bench-example-'));
  const model = scriptedVisionModel();
  const server = await createOpenAIServer({ model, modelName: 'scripted-vision' });
  try {
    mkdirSync(join(dir, 'videos'));
    levels.forEach((level, i) => writeGreyVideo(join(dir, 'videos', `v${i}.mp4`), level, 20));
    const { records } = await parseRecords(
      levels.map((level, i) => ({
        video: `v${i}.mp4`,
        videoType: i % 2 ? 'Life' : 'Art',
        question: `Is video ${i} dark or bright?`,
        options: ['(A) dark', '(B) bright'],
        correctAnswer: level < 128 ? '(A)' : '(B)',
        abilityType_L2: 'Emotion Recognition',
        abilityType_L3: 'brightness',
        question_idx: i,
      })),
      { source: 'example-records' },
    );
    const client = createOpenAICompatible({ baseURL: server.url, model: 'scripted-vision', timeoutMs: 30_000 });
    const summary = await runBench({
      records,
      videosDir: join(dir, 'videos'),
      out: join(dir, 'results.jsonl'),
      frames: options.frames ?? 8,
      model: client,
      concurrency: 2,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    const files = await writeReport(join(dir, 'report'), summary.report!, { records });
    log(renderReportMarkdown(summary.report!));
    log(`Wrote ${files.length} report files (removed with the temp dir ${dir})`);
    return { summary, report: summary.report!, requests: model.requests.length, files };
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await run();
