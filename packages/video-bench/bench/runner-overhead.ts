// Runner overhead per record (spec §11.9): runBench with core's scripted vision model and an
// in-memory decoder, so neither HTTP nor decoding is measured. Overhead = (runBench wall time -
// time spent inside model.generate) / records. Run with `nice -n 10 npm run bench:runner`.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TextModel } from '@reasonkit/core';
import { createScriptedTextModel } from '@reasonkit/core/testing';
import type { EncodedFrame, FrameDecoder } from '../src/frames/frame-decoder.js';
import { parseRecords } from '../src/records/parse-records.js';
import { runBench } from '../src/node/run-bench.js';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const args = new Map(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=') as [string, string]));
const N = Number(args.get('records') ?? 40);
const perVideo = Number(args.get('per-video') ?? 4);
const reps = Number(args.get('reps') ?? 5);
const K = 32;
const FRAME_BYTES = 110_000; // ~3.5 MB of JPEG per 32-frame record (640x360 noisy frames, ffmpeg q4)

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
  const { records } = await parseRecords(
    Array.from({ length: N }, (_, i) => ({ video: `v${Math.floor(i / perVideo)}.mp4`, videoType: 'TV', question: `Question ${i}?`, options: ['(A) one', "(B) two's", '(C) three'], correctAnswer: '(B)', abilityType_L2: 'Causal Reasoning', abilityType_L3: 'x', question_idx: i })),
  );
  const total: number[] = [];
  const overhead: number[] = [];
  for (let rep = 0; rep < reps; rep++) {
    const scripted = createScriptedTextModel({ replies: () => 'The answer is [[B]].', loop: true });
    let inModel = 0;
    const model: TextModel = {
      ...scripted,
      id: scripted.id,
      capabilities: scripted.capabilities,
      generate: async (request) => {
        const t = performance.now();
        try {
          return await scripted.generate(request);
        } finally {
          inModel += performance.now() - t;
          scripted.requests.length = 0; // do not keep 3.5 MB per request alive
        }
      },
    };
    const t0 = performance.now();
    await runBench({ records, videosDir: dir, out: join(dir, `run-${rep}.jsonl`), frames: K, concurrency: 1, decoder: memory, model });
    const wall = performance.now() - t0;
    total.push(wall / N);
    overhead.push((wall - inModel) / N);
  }
  console.log(JSON.stringify({ node: process.version, records: N, perVideo, k: K, frameBytes: FRAME_BYTES, reps, totalMsPerRecord: median(total), overheadMsPerRecord: median(overhead), overheadRuns: overhead.map((x) => +x.toFixed(2)), targetMs: 5 }));
} finally {
  await rm(dir, { recursive: true, force: true });
}
