// Runner overhead per record (spec §11.9: <= 5 ms excluding model latency and decoding).
// runBench runs with core's scripted vision model and an in-memory decoder, so neither HTTP nor
// video decoding is measured: overhead = (runBench wall time - time inside model.generate) / records.
// The scripted model's own cost (core's request validation) is therefore excluded too.
//
//   nice -n 10 npm run bench:runner -- [--records=40] [--per-video=4] [--reps=7] [--baseline=<other checkout>/packages/video-bench/src]
//
// --baseline loads a second copy of the package source (e.g. the main branch's) into this process
// and interleaves its runs with this tree's, so the before/after ratio is measured side by side.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TextModel } from '@reasonkit/core';
import { createScriptedTextModel } from '@reasonkit/core/testing';
import type { EncodedFrame, FrameDecoder } from '../src/frames/frame-decoder.js';
import { frameDataUrl } from '../src/prompts/build-prompt.js';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const args = new Map(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=') as [string, string]));
const N = Number(args.get('records') ?? 40);
const perVideo = Number(args.get('per-video') ?? 4); // MMR-V: 1,257 questions over 317 videos
const reps = Number(args.get('reps') ?? 7);
const K = 32;
const FRAME_BYTES = Number(args.get('frame-bytes') ?? 110_000); // ~3.5 MB of JPEG per 32-frame record (640x360 noisy frames at ffmpeg -q:v 4)

type RunBench = typeof import('../src/node/run-bench.js').runBench;
type ParseRecords = typeof import('../src/records/parse-records.js').parseRecords;
async function load(src: string): Promise<{ runBench: RunBench; parseRecords: ParseRecords }> {
  const { runBench } = (await import(join(src, 'node/run-bench.ts'))) as { runBench: RunBench };
  const { parseRecords } = (await import(join(src, 'records/parse-records.ts'))) as { parseRecords: ParseRecords };
  return { runBench, parseRecords };
}
const current = await load(fileURLToPath(new URL('../src/', import.meta.url)));
const baseline = args.get('baseline') ? await load(resolve(args.get('baseline')!)) : undefined;

const dir = await mkdtemp(join(tmpdir(), 'video-bench-overhead-'));
try {
  // Frame bytes are opaque to the runner: deterministic pseudo-random bytes of a JPEG's size.
  let seed = 1;
  const frames: EncodedFrame[] = Array.from({ length: K }, (_, i) => {
    const data = new Uint8Array(FRAME_BYTES);
    for (let j = 0; j < data.length; j++) data[j] = (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24;
    return { index: i, width: 640, height: 360, mime: 'image/jpeg', data };
  });
  const memory: FrameDecoder = {
    id: 'memory',
    probe: async () => ({ frameCount: 300, countMethod: 'packets', width: 640, height: 360 }),
    async *frames(_v, indices) {
      for (let i = 0; i < indices.length; i++) yield { ...frames[i]!, index: indices[i]! };
    },
  };
  const videos = Math.ceil(N / perVideo);
  for (let v = 0; v < videos; v++) await writeFile(join(dir, `v${v}.mp4`), '');
  const raw = Array.from({ length: N }, (_, i) => ({ video: `v${Math.floor(i / perVideo)}.mp4`, videoType: 'TV', question: `Question ${i}?`, options: ['(A) one', "(B) two's", '(C) three'], correctAnswer: '(B)', abilityType_L2: 'Causal Reasoning', abilityType_L3: 'x', question_idx: i }));

  let run = 0;
  const measure = async (impl: { runBench: RunBench; parseRecords: ParseRecords }) => {
    const { records } = await impl.parseRecords(raw);
    const scripted = createScriptedTextModel({ replies: () => 'The answer is [[B]].', loop: true });
    let inModel = 0;
    let inModelCpu = 0;
    const model: TextModel = {
      id: scripted.id,
      capabilities: scripted.capabilities,
      generate: async (request) => {
        const t = performance.now();
        const c = process.cpuUsage();
        try {
          return await scripted.generate(request);
        } finally {
          inModel += performance.now() - t;
          const d = process.cpuUsage(c);
          inModelCpu += (d.user + d.system) / 1000;
          scripted.requests.length = 0; // do not keep 3.5 MB per request alive
        }
      },
    };
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    await impl.runBench({ records, videosDir: dir, out: join(dir, `run-${++run}.jsonl`), frames: K, concurrency: 1, decoder: memory, model });
    const cpu = process.cpuUsage(c0);
    return { wall: (performance.now() - t0 - inModel) / N, cpu: ((cpu.user + cpu.system) / 1000 - inModelCpu) / N };
  };
  // Base64 of one video's 32 frames (what the runner does once per video, or once per record before).
  const base64 = () => {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    for (const f of frames) frameDataUrl(f);
    const cpu = process.cpuUsage(c0);
    return { wall: performance.now() - t0, cpu: (cpu.user + cpu.system) / 1000 };
  };

  await measure(current); // warm-up (module loading, JIT)
  if (baseline) await measure(baseline);
  const now: { wall: number; cpu: number }[] = [];
  const before: { wall: number; cpu: number }[] = [];
  const b64: { wall: number; cpu: number }[] = [];
  for (let rep = 0; rep < reps; rep++) {
    if (baseline) before.push(await measure(baseline));
    now.push(await measure(current));
    b64.push(base64());
  }
  const stats = (xs: { wall: number; cpu: number }[]) => ({ wallMs: +median(xs.map((x) => x.wall)).toFixed(2), cpuMs: +median(xs.map((x) => x.cpu)).toFixed(2) });
  const cur = stats(now);
  const enc = stats(b64);
  const result = {
    node: process.version,
    loadavg: (await import('node:os')).loadavg().map((x) => +x.toFixed(1)),
    records: N,
    perVideo,
    k: K,
    frameBytes: FRAME_BYTES,
    reps,
    overheadPerRecord: cur,
    runsWallMs: now.map((x) => +x.wall.toFixed(2)),
    base64PerVideo: enc,
    overheadExcludingBase64PerRecord: { wallMs: +(cur.wallMs - (videos * enc.wallMs) / N).toFixed(2), cpuMs: +(cur.cpuMs - (videos * enc.cpuMs) / N).toFixed(2) },
    ...(baseline
      ? (() => {
          const base = stats(before);
          return { baselinePerRecord: base, baselineRunsWallMs: before.map((x) => +x.wall.toFixed(2)), ratioBaselineToCurrent: { wall: +(base.wallMs / cur.wallMs).toFixed(2), cpu: +(base.cpuMs / cur.cpuMs).toFixed(2) } };
        })()
      : {}),
    targetMs: 5,
  };
  console.log(JSON.stringify(result));
} finally {
  await rm(dir, { recursive: true, force: true });
}
