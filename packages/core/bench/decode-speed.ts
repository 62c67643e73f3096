// Decode speed (issue 18): core's `generate()` against a careful bare onnxruntime-node
// `session.run` loop and transformers.js (`@huggingface/transformers`, a dev dependency of this
// benchmark only) on the same model directory, each contender in its own process, interleaved
// over rounds (the order rotates every round), single thread, greedy, EOS ignored; plus core on
// onnxruntime-web (wasm, one thread) and core on the plain graph. Sizes: stories260K and random
// weights with the geometry of stories15M and stories110M (see decode-speed-models.ts, whose CLI
// writes the llama2.c `.bin` files for a comparison with llama2.c's C).
//
//   npx tsx bench/decode-speed.ts                    # all sizes (part of `npm run bench`)
//   BENCH_SIZES=stories260K BENCH_ROUNDS=5 npx tsx bench/decode-speed.ts
//   npx tsx bench/decode-speed.ts --write            # also refresh the committed snapshot in bench/
//
// Env: BENCH_SIZES (comma list), BENCH_ROUNDS (default 3), BENCH_MODELS_CACHE (default
// <tmpdir>/reasonkit-decode-speed; model directories are written once), REASONKIT_MODELS_DIR.
// Every contender must decode the same ids as the bare loop, else the benchmark fails.
// Ratios are medians over rounds of per-round ratios, on process CPU time (waiting for a core on
// a loaded machine does not count) and on wall-clock time.
import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { barChartSvg } from './bar-chart-svg.js';
import { BENCH_SIZES, type BenchSize, prepareModel } from './decode-speed-models.js';
import type { Contender } from './decode-speed-worker.js';

const run = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));
const modelsDir = process.env.REASONKIT_MODELS_DIR ?? resolve(here, '../../../../shared/models');
const tsx = resolve(here, '../../../node_modules/.bin/tsx');

/** New tokens and in-process repeats per size (a round of 110M on one thread takes a while). */
const PLAN: Record<BenchSize, { tokens: number; repeats: number }> = {
  stories260K: { tokens: 200, repeats: 2 },
  'stories15M-geometry': { tokens: 48, repeats: 1 },
  'stories110M-geometry': { tokens: 12, repeats: 1 },
};

/** A contender on one graph of the model directory. */
interface Entry {
  key: string;
  contender: Contender;
  graph: 'fused' | 'plain';
}
const ENTRIES: readonly Entry[] = [
  { key: 'core (node)', contender: 'core-node', graph: 'fused' },
  { key: 'bare session.run loop (node)', contender: 'bare-node', graph: 'fused' },
  { key: 'transformers.js (node)', contender: 'transformers.js', graph: 'fused' },
  { key: 'core (web, wasm)', contender: 'core-web', graph: 'fused' },
  { key: 'core (node), plain graph', contender: 'core-node', graph: 'plain' },
  { key: 'transformers.js (node), plain graph', contender: 'transformers.js', graph: 'plain' },
];

interface WorkerResult {
  contender: Contender;
  msPerToken: number[];
  cpuMsPerToken: number[];
  ids: number[];
}

export interface SpeedRow {
  size: BenchSize;
  key: string;
  tokens: number;
  /** Median over rounds (each round: the median of the worker's repeats). */
  msPerToken: number;
  cpuMsPerToken: number;
}

export interface SpeedRatio {
  size: BenchSize;
  name: string;
  /** Median over rounds of (numerator ms/token ÷ denominator ms/token); < 1 = numerator faster. */
  cpu: number;
  wall: number;
  target?: string;
}

export interface DecodeSpeedResult {
  rounds: number;
  loadAverage: number[];
  rows: SpeedRow[];
  ratios: SpeedRatio[];
}

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function runWorker(entry: Entry, dir: string, size: BenchSize): Promise<WorkerResult> {
  const { tokens, repeats } = PLAN[size];
  const { stdout } = await run(tsx, [join(here, 'decode-speed-worker.ts'), entry.contender, dir, String(tokens), String(repeats)], {
    maxBuffer: 1 << 24,
    env: { ...process.env, OMP_NUM_THREADS: '1' },
  });
  const line = stdout.trim().split('\n').at(-1)!;
  return JSON.parse(line) as WorkerResult;
}

export async function runDecodeSpeedBench(): Promise<DecodeSpeedResult | undefined> {
  const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
  const sizes = (process.env.BENCH_SIZES?.split(',') ?? BENCH_SIZES) as BenchSize[];
  const cache = resolve(process.env.BENCH_MODELS_CACHE ?? join(tmpdir(), 'reasonkit-decode-speed'));
  const rows: SpeedRow[] = [];
  const ratios: SpeedRatio[] = [];
  const load: number[] = [];
  const os = await import('node:os');
  for (const size of sizes) {
    const prepared = prepareModel(size, cache, modelsDir);
    if (!prepared) {
      console.log(`decode-speed: ${size} skipped (stories260K.bin not found in ${modelsDir})`);
      continue;
    }
    const wall: Record<string, number[]> = {};
    const cpu: Record<string, number[]> = {};
    let expected: number[] | undefined;
    for (let r = 0; r < rounds; r++) {
      // rotate the order each round so drift on a shared machine hits every contender alike
      const order = ENTRIES.map((_, i) => ENTRIES[(i + r) % ENTRIES.length]!);
      for (const entry of order) {
        const res = await runWorker(entry, prepared.dirs[entry.graph], size);
        expected ??= res.ids;
        if (res.ids.join() !== expected.join()) throw new Error(`${size}: ${entry.key} decoded other ids than the first contender`);
        (wall[entry.key] ??= []).push(median(res.msPerToken));
        (cpu[entry.key] ??= []).push(median(res.cpuMsPerToken));
        load.push(os.loadavg()[0]!);
      }
      console.log(`decode-speed: ${size} round ${r + 1}/${rounds} done`);
    }
    for (const e of ENTRIES) {
      rows.push({ size, key: e.key, tokens: PLAN[size].tokens, msPerToken: median(wall[e.key]!), cpuMsPerToken: median(cpu[e.key]!) });
    }
    const ratio = (name: string, a: string, b: string, target?: string): void => {
      const per = (m: Record<string, number[]>) => median(m[a]!.map((v, i) => v / m[b]![i]!));
      ratios.push({ size, name, cpu: per(cpu), wall: per(wall), ...(target ? { target } : {}) });
    };
    ratio('core ÷ transformers.js', 'core (node)', 'transformers.js (node)', '≤ 0.87');
    ratio('core ÷ bare loop', 'core (node)', 'bare session.run loop (node)', size === 'stories260K' ? '≤ 1.05' : undefined);
    ratio('core fused ÷ core plain', 'core (node)', 'core (node), plain graph');
    ratio('transformers.js fused ÷ transformers.js plain', 'transformers.js (node)', 'transformers.js (node), plain graph');
  }
  return { rounds, loadAverage: [Math.min(...load), median(load), Math.max(...load)], rows, ratios };
}

export function reportDecodeSpeed(result: DecodeSpeedResult, outDir: string): string {
  const sizes = [...new Set(result.rows.map((r) => r.size))];
  const lines = [
    `Decode speed, greedy, EOS ignored, one thread, each contender in its own process, ${result.rounds} interleaved rounds (median);`,
    `load average during the run ${result.loadAverage.map((v) => v.toFixed(1)).join(' / ')} (min / median / max) on 2 cores:`,
    '',
    '| model | contender | new tokens | ms/token (wall) | tokens/s (wall) | CPU ms/token |',
    '|---|---|---:|---:|---:|---:|',
    ...result.rows.map(
      (r) => `| ${r.size} | ${r.key} | ${r.tokens} | ${r.msPerToken.toFixed(3)} | ${(1000 / r.msPerToken).toFixed(0)} | ${r.cpuMsPerToken.toFixed(3)} |`,
    ),
    '',
    '| model | ratio (median of per-round ratios) | CPU time | wall clock | target |',
    '|---|---|---:|---:|---|',
    ...result.ratios.map((r) => `| ${r.size} | ${r.name} | ${r.cpu.toFixed(3)} | ${r.wall.toFixed(3)} | ${r.target ?? ''} |`),
  ];
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'decode-speed.json'), `${JSON.stringify(result, null, 2)}\n`);
  for (const size of sizes) {
    const bars = result.rows.filter((r) => r.size === size).map((r) => ({ label: r.key, value: 1000 / r.cpuMsPerToken }));
    writeFileSync(join(outDir, `decode-speed-${size}.svg`), barChartSvg(`${size}: decode tokens per CPU-second, 1 thread`, 'tok/CPU-s', bars));
  }
  return lines.join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const result = await runDecodeSpeedBench();
  // `-- --write`: the committed snapshot the README shows (bench/decode-speed*.svg|json)
  if (result) console.log(reportDecodeSpeed(result, process.argv.includes('--write') ? here : join(here, 'results')));
}
