// Decode throughput of this checkout against a base git ref (default `main`), both built with tsup
// and run interleaved in one process on the same stories260K model (issue 9, acceptance 5: decode
// throughput within 5% of the base). The base is checked out as a git worktree (reused when it is
// already at the ref's commit), its `packages/core` built with `npx tsup`; this package is built
// the same way, so both sides run bundled code.
//
//   BENCH_BASE_REF=main npm run bench            # as part of every core benchmark
//   npx tsx bench/decode-vs-base.ts              # alone
//
// Each round times base and new back to back (alternating which goes first). The ratio is taken on
// process CPU time (user + system), which waiting for a core on a loaded machine does not inflate;
// wall-clock ratios are reported beside it.
//
// Env: BENCH_BASE_REF (default main), BENCH_BASE_DIR (default <tmpdir>/reasonkit-bench-base),
// BENCH_VS_ROUNDS (default 201), BENCH_VS_TOKENS (default 40), REASONKIT_MODELS_DIR.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const pkgDir = resolve(here, '..');
const repoDir = resolve(pkgDir, '../..');
const modelsDir = process.env.REASONKIT_MODELS_DIR ?? resolve(repoDir, '../shared/models');
const PROMPT = [1, 403, 407, 261, 378]; // BOS + "Once upon a time" (spec §9.4)
const NEW_TOKENS = Number(process.env.BENCH_VS_TOKENS ?? 40);
const ROUNDS = Number(process.env.BENCH_VS_ROUNDS ?? 201);

/** The parts of `@reasonkit/core` this benchmark drives; the same in both builds. */
interface CoreBuild {
  parseLlama2cCheckpoint(bytes: Uint8Array, source?: string): unknown;
  exportLlama2cOnnx(checkpoint: never): { model: Uint8Array; config: Record<string, unknown> };
  Llama2cReferenceModel: new (checkpoint: never) => unknown;
  createOnnxCausalLM(options: Record<string, unknown>): Promise<{ dispose(): Promise<void> }>;
  generate(lm: never, options: Record<string, unknown>): Promise<{ ids: number[] }>;
}

export interface VsBaseRow {
  backend: string;
  baseTokensPerSecond: number;
  newTokensPerSecond: number;
  /** Median over rounds of (new tokens per CPU second) / (base tokens per CPU second), each round run back to back. */
  medianRatio: number;
  ratios: number[];
  /** The same on wall-clock time. */
  medianWallRatio: number;
  wallRatios: number[];
  /** Fastest base round ÷ fastest new round, wall clock (the least disturbed run of each side). */
  bestWallRatio: number;
}

export interface VsBaseResult {
  baseRef: string;
  baseCommit: string;
  headCommit: string;
  rounds: number;
  newTokens: number;
  sameExport: boolean;
  rows: VsBaseRow[];
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8' }).trim();

/** Checks out `ref` as a worktree at `dir` (or reuses it at the same commit) and builds its core. */
function buildBase(ref: string, dir: string): string {
  const commit = git(repoDir, 'rev-parse', `${ref}^{commit}`);
  const dist = join(dir, 'packages/core/dist/index.js');
  if (!existsSync(dir)) {
    git(repoDir, 'worktree', 'add', '--detach', dir, commit);
  } else if (git(dir, 'rev-parse', 'HEAD') !== commit) {
    git(dir, 'checkout', '--detach', commit);
  } else if (existsSync(dist)) {
    return commit;
  }
  for (const sub of ['', 'packages/core']) {
    const link = join(dir, sub, 'node_modules');
    const target = join(repoDir, sub, 'node_modules');
    if (existsSync(target) && !existsSync(link)) symlinkSync(target, link, 'dir');
  }
  console.log(`building ${ref} (${commit.slice(0, 10)}) in ${dir}/packages/core …`);
  execFileSync('npx', ['tsup'], { cwd: join(dir, 'packages/core'), stdio: ['ignore', 'ignore', 'inherit'] });
  return commit;
}

async function timeGenerate(core: CoreBuild, lm: unknown): Promise<{ seconds: number; cpuSeconds: number; ids: number[] }> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const r = await core.generate(lm as never, { inputIds: PROMPT, maxNewTokens: NEW_TOKENS, temperature: 0, eosTokenIds: [] });
  const seconds = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  return { seconds, cpuSeconds: (c.user + c.system) / 1e6, ids: r.ids };
}

export async function runDecodeVsBaseBench(): Promise<VsBaseResult | undefined> {
  const ckptPath = join(modelsDir, 'stories260K.bin');
  if (!existsSync(ckptPath)) {
    console.log(`stories260K not found at ${modelsDir}; skipping the decode-vs-base benchmark (spec §9)`);
    return undefined;
  }
  const baseRef = process.env.BENCH_BASE_REF ?? 'main';
  const baseDir = resolve(process.env.BENCH_BASE_DIR ?? join(tmpdir(), 'reasonkit-bench-base'));
  const baseCommit = buildBase(baseRef, baseDir);
  console.log('building this checkout (packages/core) …');
  execFileSync('npx', ['tsup'], { cwd: pkgDir, stdio: ['ignore', 'ignore', 'inherit'] });
  const headCommit = git(repoDir, 'rev-parse', 'HEAD');

  const load = async (dir: string) => (await import(pathToFileURL(join(dir, 'dist/index.js')).href)) as CoreBuild;
  const builds = { base: await load(join(baseDir, 'packages/core')), new: await load(pkgDir) };
  const ortNode = await import('onnxruntime-node');
  const bytes = new Uint8Array(readFileSync(ckptPath));
  const sessionOptions = { intraOpNumThreads: 1, interOpNumThreads: 1, executionMode: 'sequential', graphOptimizationLevel: 'all' };

  type Side = 'base' | 'new';
  const lms: Record<string, Record<Side, unknown>> = { reference: {} as Record<Side, unknown>, 'onnxruntime-node': {} as Record<Side, unknown> };
  const exports: Record<Side, Uint8Array> = {} as Record<Side, Uint8Array>;
  for (const side of ['base', 'new'] as const) {
    const core = builds[side];
    const ckpt = core.parseLlama2cCheckpoint(bytes, ckptPath);
    const exported = core.exportLlama2cOnnx(ckpt as never);
    exports[side] = exported.model;
    lms.reference![side] = new core.Llama2cReferenceModel(ckpt as never);
    lms['onnxruntime-node']![side] = await core.createOnnxCausalLM({ ort: ortNode, model: exported.model, config: exported.config, threads: 1, sessionOptions });
  }
  const sameExport = Buffer.compare(Buffer.from(exports.base), Buffer.from(exports.new)) === 0;

  // Warm up, and check both builds decode the same tokens (a benchmark of wrong output is worthless).
  for (const [backend, pair] of Object.entries(lms)) {
    const a = await timeGenerate(builds.base, pair.base);
    const b = await timeGenerate(builds.new, pair.new);
    if (a.ids.join() !== b.ids.join()) throw new Error(`${backend}: the two builds decoded different tokens`);
  }

  const times: Record<string, Record<Side, number[]>> = {};
  const wall: Record<string, Record<Side, number[]>> = {};
  const ratios: Record<string, number[]> = {};
  const wallRatios: Record<string, number[]> = {};
  for (const backend of Object.keys(lms)) {
    times[backend] = { base: [], new: [] };
    wall[backend] = { base: [], new: [] };
    ratios[backend] = [];
    wallRatios[backend] = [];
  }
  for (let r = 0; r < ROUNDS; r++) {
    for (const [backend, pair] of Object.entries(lms)) {
      // Alternate which side goes first so drift on a shared machine hits both alike.
      const order: Side[] = r % 2 === 0 ? ['base', 'new'] : ['new', 'base'];
      const round: Partial<Record<Side, { seconds: number; cpuSeconds: number }>> = {};
      for (const side of order) round[side] = await timeGenerate(builds[side], pair[side]);
      times[backend]!.base.push(round.base!.cpuSeconds);
      times[backend]!.new.push(round.new!.cpuSeconds);
      wall[backend]!.base.push(round.base!.seconds);
      wall[backend]!.new.push(round.new!.seconds);
      ratios[backend]!.push(round.base!.cpuSeconds / round.new!.cpuSeconds); // = new tok/s ÷ base tok/s
      wallRatios[backend]!.push(round.base!.seconds / round.new!.seconds);
    }
  }
  for (const pair of Object.values(lms)) {
    for (const lm of Object.values(pair)) await (lm as { dispose(): Promise<void> }).dispose();
  }
  const rows = Object.keys(lms).map((backend) => ({
    backend,
    baseTokensPerSecond: NEW_TOKENS / median(times[backend]!.base),
    newTokensPerSecond: NEW_TOKENS / median(times[backend]!.new),
    medianRatio: median(ratios[backend]!),
    ratios: ratios[backend]!,
    medianWallRatio: median(wallRatios[backend]!),
    wallRatios: wallRatios[backend]!,
    bestWallRatio: Math.min(...wall[backend]!.base) / Math.min(...wall[backend]!.new),
  }));
  return { baseRef, baseCommit, headCommit, rounds: ROUNDS, newTokens: NEW_TOKENS, sameExport, rows };
}

export function reportDecodeVsBase(result: VsBaseResult, outDir: string): string {
  const lines = [
    `Decode throughput of this checkout (${result.headCommit.slice(0, 10)}) vs ${result.baseRef} (${result.baseCommit.slice(0, 10)}), both built with tsup,`,
    `stories260K, prompt "Once upon a time" + ${result.newTokens} greedy tokens, one thread, ${result.rounds} interleaved rounds:`,
    '',
    '| backend | base tokens/CPU-s | new tokens/CPU-s | new ÷ base, CPU time (median of rounds) | quartiles | new ÷ base, wall clock (median) | new ÷ base, fastest rounds |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...result.rows.map((r) => {
      const sorted = [...r.ratios].sort((a, b) => a - b);
      const q = (f: number) => sorted[Math.floor(f * (sorted.length - 1))]!.toFixed(3);
      return `| ${r.backend} | ${r.baseTokensPerSecond.toFixed(0)} | ${r.newTokensPerSecond.toFixed(0)} | ${r.medianRatio.toFixed(3)} | ${q(0.25)} … ${q(0.75)} | ${r.medianWallRatio.toFixed(3)} | ${r.bestWallRatio.toFixed(3)} |`;
    }),
    '',
    `plain ONNX export byte-identical between the builds: ${result.sameExport ? 'yes' : 'no'}`,
  ];
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'decode-vs-base.json'), `${JSON.stringify(result, null, 2)}\n`);
  return lines.join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const result = await runDecodeVsBaseBench();
  if (result) console.log(reportDecodeVsBase(result, join(here, 'results')));
}
