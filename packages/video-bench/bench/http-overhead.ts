// Spec §11.9 (B): runner overhead per record, excluding model latency and decoding, measured
// against a zero-latency fake OpenAI server, side by side with a bare `fetch` loop.
//
// runBench runs over `records` records with core's OpenAI-compatible client against a loopback
// server that answers at once, frames coming from an in-memory decoder (no decoding). The bare
// loop POSTs a prebuilt body of the same size (UTF-8 bytes of the same JSON shape: one text part
// and 32 image data URLs) to the same server and reads the reply. Both are timed in wall and in
// process CPU (`process.cpuUsage`, which includes the in-process server and GC threads: the same
// on both sides), interleaved; overhead per record = median over repetitions of
// (runner − bare) / records. Everything the runner and core do per record counts: per-video base64,
// prompt building, request validation and serialisation, response parsing, answer extraction and
// the results file (fsync every 20 rows).
//
// A second bare loop sends the same prebuilt body as a one-chunk stream with its content-length,
// as core's client sends image requests in Node (undici copies a `Uint8Array` body twice per
// request; a stream's chunks it writes as they are). The runner is also reported against it
// (`overheadVsStreamedPerRecord`): that is its overhead with the transport gain taken out.
//
//   nice -n 10 npm run bench:http -w @reasonkit/video-bench -- [--records=40] [--reps=5] \
//     [--frame-bytes=40000,110000] [--per-video=4,1] [--baseline=<other checkout>/packages/video-bench/src]
//
// --baseline loads another checkout's runner *and its core* (resolved from that checkout) into this
// process and interleaves its runs with this tree's, for a before/after ratio measured side by side.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { TextModel } from '@reasonkit/core';
import type { EncodedFrame, FrameDecoder } from '../src/frames/frame-decoder.js';

type RunBench = typeof import('../src/node/run-bench.js').runBench;
type ParseRecords = typeof import('../src/records/parse-records.js').parseRecords;
type CreateClient = (options: { baseURL: string; model: string }) => TextModel;
/** One copy of the package source (this tree or a baseline checkout), with the core it resolves. */
export interface Impl {
  name: string;
  runBench: RunBench;
  parseRecords: ParseRecords;
  createClient: CreateClient;
  /** Where its `@reasonkit/core` resolved (so the report says which core was measured). */
  core: string;
}

/** Load `runBench`, `parseRecords` and the core client that `<src>/node/run-bench.ts` resolves. */
export async function loadImpl(name: string, src: string): Promise<Impl> {
  const { runBench } = (await import(pathToFileURL(join(src, 'node/run-bench.ts')).href)) as { runBench: RunBench };
  const { parseRecords } = (await import(pathToFileURL(join(src, 'records/parse-records.ts')).href)) as { parseRecords: ParseRecords };
  // The core that checkout's runner imports (`@reasonkit/core` from its node_modules, source condition).
  const { createRequire } = await import('node:module');
  const corePath = createRequire(join(src, 'node/run-bench.ts')).resolve('@reasonkit/core/package.json');
  const { createOpenAICompatible } = (await import(pathToFileURL(join(corePath, '..', 'src/index.ts')).href)) as { createOpenAICompatible: CreateClient };
  return { name, runBench, parseRecords, createClient: createOpenAICompatible, core: join(corePath, '..') };
}

/** This tree's package source. */
export const currentSrc = fileURLToPath(new URL('../src/', import.meta.url));

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const round = (x: number) => +x.toFixed(2);

/** Deterministic pseudo-random bytes standing in for JPEG frames (opaque to the runner and HTTP). */
function syntheticFrames(k: number, bytes: number): EncodedFrame[] {
  let seed = 1;
  return Array.from({ length: k }, (_, i) => {
    const data = new Uint8Array(bytes);
    for (let j = 0; j < data.length; j++) data[j] = (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24;
    return { index: i, width: 640, height: 360, mime: 'image/jpeg', data };
  });
}

/** Options of {@link measureHttpOverhead}. */
export interface HttpOverheadOptions {
  impls: Impl[];
  frameBytes: number;
  perVideo: number;
  records?: number;
  reps?: number;
  k?: number;
  /** Keep one results file of the current tree here (for the resume-scan bench). */
  keepResults?: string;
}

/** Run the (B) measurement for one frame size and questions-per-video; returns medians per impl. */
export async function measureHttpOverhead(options: HttpOverheadOptions) {
  const { impls, frameBytes, perVideo, records: N = 40, reps = 5, k = 32 } = options;
  const dir = await mkdtemp(join(tmpdir(), 'video-bench-http-'));
  const reply = JSON.stringify({ choices: [{ index: 0, message: { role: 'assistant', content: 'The answer is [[B]].' }, finish_reason: 'stop' }], usage: { prompt_tokens: 1, completion_tokens: 6 } });
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(reply);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  try {
    const baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
    const frames = syntheticFrames(k, frameBytes);
    const memory: FrameDecoder = {
      id: 'memory',
      probe: async () => ({ frameCount: 300, countMethod: 'packets', width: 640, height: 360 }),
      async *frames(_v, indices) {
        for (let i = 0; i < indices.length; i++) yield { ...frames[i % frames.length]!, index: indices[i]! };
      },
    };
    const videos = Math.ceil(N / perVideo);
    for (let v = 0; v < videos; v++) await writeFile(join(dir, `v${v}.mp4`), ''); // the runner checks that videos exist
    const raw = Array.from({ length: N }, (_, i) => ({ video: `v${Math.floor(i / perVideo)}.mp4`, videoType: 'TV', question: `Question ${i}: what happens after the scene in which the door opens?`, options: ['(A) one', "(B) two's", '(C) three', '(D) four'], correctAnswer: '(B)', abilityType_L2: 'Causal Reasoning', abilityType_L3: 'x', question_idx: i }));
    // The bare loop's body: the same JSON shape and size as the runner's request, prebuilt as UTF-8 bytes.
    const url = (f: EncodedFrame) => `data:image/jpeg;base64,${Buffer.from(f.data).toString('base64')}`;
    const body = Buffer.from(JSON.stringify({ model: 'm', messages: [{ role: 'user', content: [{ type: 'text', text: 'x'.repeat(700) }, ...frames.map((f) => ({ type: 'image_url', image_url: { url: url(f) } }))] }] }));
    const bare = async () => {
      for (let i = 0; i < N; i++) {
        const r = await fetch(`${baseURL}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
        await r.json();
      }
    };
    // The same body sent as a one-chunk stream with its content-length: how core's client sends
    // image requests in Node (undici copies a buffer body twice per request, a stream's chunks never).
    const bareStreamed = async () => {
      for (let i = 0; i < N; i++) {
        let sent = false;
        const stream = new ReadableStream<Uint8Array>({
          pull(c) {
            if (sent) c.close();
            else c.enqueue(body);
            sent = true;
          },
        });
        const init = { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(body.length) }, body: stream, duplex: 'half' };
        const r = await fetch(`${baseURL}/chat/completions`, init as RequestInit);
        await r.json();
      }
    };
    let run = 0;
    const runner = (impl: Impl) => async () => {
      const { records } = await impl.parseRecords(raw);
      const out = join(dir, `run-${++run}.jsonl`);
      await impl.runBench({ records, videosDir: dir, out, frames: k, concurrency: 1, decoder: memory, model: impl.createClient({ baseURL, model: 'm' }) });
      if (options.keepResults && impl === impls[0]) {
        const { copyFile } = await import('node:fs/promises');
        await copyFile(out, options.keepResults);
      }
    };
    const time = async (f: () => Promise<void>) => {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      await f();
      const wall = performance.now() - t0;
      const c = process.cpuUsage(c0);
      return { wall, cpu: (c.user + c.system) / 1000 };
    };
    // Warm-up (module loading, JIT, connection pool).
    await bare();
    await bareStreamed();
    for (const impl of impls) await runner(impl)();
    type Cost = { wall: number; cpu: number };
    const perImpl = new Map<string, { vsBare: Cost; vsStreamed: Cost }[]>(impls.map((i) => [i.name, []]));
    const bareRuns: Cost[] = [];
    const streamedRuns: Cost[] = [];
    const minus = (r: Cost, b: Cost) => ({ wall: (r.wall - b.wall) / N, cpu: (r.cpu - b.cpu) / N });
    for (let rep = 0; rep < reps; rep++) {
      const b = await time(bare);
      const s = await time(bareStreamed);
      bareRuns.push(b);
      streamedRuns.push(s);
      for (const impl of impls) {
        const r = await time(runner(impl));
        perImpl.get(impl.name)!.push({ vsBare: minus(r, b), vsStreamed: minus(r, s) });
      }
    }
    const result: Record<string, unknown> = {
      frameBytes,
      requestBytes: body.length,
      perVideo,
      records: N,
      reps,
      loadavg: loadavg().map((x) => +x.toFixed(1)),
      barePerRecord: { wallMs: round(median(bareRuns.map((b) => b.wall)) / N), cpuMs: round(median(bareRuns.map((b) => b.cpu)) / N) },
      bareStreamedPerRecord: { wallMs: round(median(streamedRuns.map((b) => b.wall)) / N), cpuMs: round(median(streamedRuns.map((b) => b.cpu)) / N) },
    };
    const medians = (xs: Cost[]) => ({ wallMs: round(median(xs.map((x) => x.wall))), cpuMs: round(median(xs.map((x) => x.cpu))) });
    for (const impl of impls) {
      const xs = perImpl.get(impl.name)!;
      result[impl.name] = {
        core: impl.core,
        overheadPerRecord: medians(xs.map((x) => x.vsBare)),
        overheadVsStreamedPerRecord: medians(xs.map((x) => x.vsStreamed)),
        runsWallMs: xs.map((x) => round(x.vsBare.wall)),
        runsCpuMs: xs.map((x) => round(x.vsBare.cpu)),
      };
    }
    return result;
  } finally {
    await new Promise<void>((r) => server.close(() => r()));
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = new Map(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=') as [string, string]));
  const list = (key: string, fallback: string) => (args.get(key) ?? fallback).split(',').map(Number);
  const impls = [await loadImpl('current', currentSrc)];
  if (args.get('baseline')) impls.push(await loadImpl('baseline', resolve(args.get('baseline')!)));
  for (const frameBytes of list('frame-bytes', '40000,110000')) {
    for (const perVideo of list('per-video', '4,1')) {
      const r = await measureHttpOverhead({ impls, frameBytes, perVideo, records: Number(args.get('records') ?? 40), reps: Number(args.get('reps') ?? 5) });
      console.log(JSON.stringify(r));
    }
  }
}
