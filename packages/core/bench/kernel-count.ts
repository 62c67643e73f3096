// Kernels per decode step of the plain and the fused llama2.c export on onnxruntime-node, read
// from ORT's own profiler (one `*_kernel_time` event per executed node): run the prompt, then one
// cached step, and count the node events inside the second `model_run`.
//
//   npx tsx bench/kernel-count.ts [checkpoint.bin]     (default ../shared/models/stories260K.bin)
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseLlama2cCheckpoint } from '../src/llama2c/checkpoint.js';
import { exportLlama2cOnnx } from '../src/llama2c/export-onnx.js';

const here = dirname(fileURLToPath(import.meta.url));
const PROMPT = [1, 403, 407, 261, 378];

interface ProfileEvent {
  cat: string;
  name: string;
  ts: number;
  dur: number;
  args?: { op_name?: string };
}

export interface KernelCount {
  graph: 'plain' | 'fused';
  kernels: number;
  /** Kernels of the cached step by op type. */
  byOp: Record<string, number>;
}

/** Profiles one cached decode step of `graph` and counts the kernels ORT ran. */
export async function countKernels(checkpointPath: string, graph: 'plain' | 'fused'): Promise<KernelCount> {
  const ort = await import('onnxruntime-node');
  const ckpt = parseLlama2cCheckpoint(new Uint8Array(readFileSync(checkpointPath)), checkpointPath);
  const exported = exportLlama2cOnnx(ckpt, { graph });
  const { nLayers, nKvHeads, dim, nHeads } = ckpt.config;
  const hd = dim / nHeads;
  const dir = mkdtempSync(join(tmpdir(), 'reasonkit-kernels-'));
  const cwd = process.cwd();
  process.chdir(dir); // ORT writes the profile into the working directory
  try {
    const session = await ort.InferenceSession.create(exported.model, {
      intraOpNumThreads: 1,
      interOpNumThreads: 1,
      executionMode: 'sequential',
      graphOptimizationLevel: 'all',
      enableProfiling: true,
      profileFilePrefix: 'kernels',
    });
    const int64 = (xs: number[]) => new ort.Tensor('int64', BigInt64Array.from(xs, BigInt), [1, xs.length]);
    const feeds: Record<string, InstanceType<typeof ort.Tensor>> = {
      input_ids: int64(PROMPT),
      attention_mask: int64(PROMPT.map(() => 1)),
      position_ids: int64(PROMPT.map((_, i) => i)),
    };
    for (let l = 0; l < nLayers; l++) {
      for (const kind of ['key', 'value']) feeds[`past_key_values.${l}.${kind}`] = new ort.Tensor('float32', new Float32Array(0), [1, nKvHeads, 0, hd]);
    }
    const first = await session.run(feeds);
    const step: Record<string, InstanceType<typeof ort.Tensor>> = {
      input_ids: int64([432]),
      attention_mask: int64([...PROMPT, 0].map(() => 1)),
      position_ids: int64([PROMPT.length]),
    };
    for (let l = 0; l < nLayers; l++) {
      for (const kind of ['key', 'value']) step[`past_key_values.${l}.${kind}`] = first[`present.${l}.${kind}`]!;
    }
    await session.run(step);
    session.endProfiling();
    await session.release();
    const file = readdirSync(dir).find((f) => f.startsWith('kernels') && f.endsWith('.json'));
    if (file === undefined) throw new Error('ORT wrote no profile');
    const events = JSON.parse(readFileSync(join(dir, file), 'utf8')) as ProfileEvent[];
    const runs = events.filter((e) => e.name === 'model_run');
    const last = runs[runs.length - 1]!;
    const byOp: Record<string, number> = {};
    let kernels = 0;
    for (const e of events) {
      if (e.cat !== 'Node' || !e.name.endsWith('_kernel_time') || e.ts < last.ts || e.ts > last.ts + last.dur) continue;
      kernels++;
      const op = e.args?.op_name ?? '?';
      byOp[op] = (byOp[op] ?? 0) + 1;
    }
    return { graph, kernels, byOp };
  } finally {
    process.chdir(cwd);
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const path = resolve(process.argv[2] ?? join(here, '../../../../shared/models/stories260K.bin'));
  if (!existsSync(path)) {
    console.log(`${path} not found; nothing to count`);
  } else {
    for (const graph of ['plain', 'fused'] as const) {
      const c = await countKernels(path, graph);
      const ops = Object.entries(c.byOp).sort((a, b) => b[1] - a[1]).map(([op, n]) => `${op} ${n}`).join(', ');
      console.log(`${graph}: ${c.kernels} kernels per cached step (${ops})`);
    }
  }
}
