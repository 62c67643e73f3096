// Model directories for the decode-speed benchmark (issue 18): stories260K (the shared reference
// model) and random-weight llama2.c checkpoints with the geometry of stories15M and stories110M,
// built with core's `buildSyntheticCheckpoint` (seeded, deterministic). Each size gets a llama2.c
// `.bin` (so llama2.c's C `run` can load the very same weights) and a model directory in the
// Optimum / transformers.js layout (`config.json`, `generation_config.json`, `onnx/model.onnx`),
// one with the fused graph and one with the plain graph.
//
//   npx tsx bench/decode-speed-models.ts <dir>      writes <dir>/<size>.bin and <dir>/<size>-{fused,plain}/
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseLlama2cCheckpoint } from '../src/llama2c/checkpoint.js';
import { exportLlama2cOnnx } from '../src/llama2c/export-onnx.js';
import { buildSyntheticCheckpoint, type SyntheticCheckpointConfig } from '../src/llama2c/synthetic-checkpoint.js';

export type BenchSize = 'stories260K' | 'stories15M-geometry' | 'stories110M-geometry';
export const BENCH_SIZES: readonly BenchSize[] = ['stories260K', 'stories15M-geometry', 'stories110M-geometry'];

/** Geometry and seed of the random-weight checkpoints (llama2.c's stories15M / stories110M `config`). */
export const SYNTHETIC: Readonly<Record<Exclude<BenchSize, 'stories260K'>, { config: SyntheticCheckpointConfig; seed: number }>> = {
  'stories15M-geometry': { config: { dim: 288, hiddenDim: 768, nLayers: 6, nHeads: 6, nKvHeads: 6, vocabSize: 32000, seqLen: 256 }, seed: 15 },
  'stories110M-geometry': { config: { dim: 768, hiddenDim: 2048, nLayers: 12, nHeads: 12, nKvHeads: 12, vocabSize: 32000, seqLen: 1024 }, seed: 110 },
};

export interface PreparedModel {
  size: BenchSize;
  /** The llama2.c checkpoint file. */
  checkpoint: string;
  /** Model directory per graph. */
  dirs: { fused: string; plain: string };
}

/**
 * Writes (once; an existing file is reused) the checkpoint and both model directories of `size`
 * under `root`. stories260K is copied from `modelsDir`; returns undefined when it is absent.
 */
export function prepareModel(size: BenchSize, root: string, modelsDir: string): PreparedModel | undefined {
  mkdirSync(root, { recursive: true });
  const checkpoint = join(root, `${size}.bin`);
  if (!existsSync(checkpoint)) {
    if (size === 'stories260K') {
      const src = join(modelsDir, 'stories260K.bin');
      if (!existsSync(src)) return undefined;
      writeFileSync(checkpoint, readFileSync(src));
    } else {
      const { config, seed } = SYNTHETIC[size];
      writeFileSync(checkpoint, buildSyntheticCheckpoint(config, seed));
    }
  }
  const dirs = { fused: join(root, `${size}-fused`), plain: join(root, `${size}-plain`) };
  let ckpt: ReturnType<typeof parseLlama2cCheckpoint> | undefined;
  for (const graph of ['fused', 'plain'] as const) {
    const dir = dirs[graph];
    if (existsSync(join(dir, 'onnx/model.onnx'))) continue;
    ckpt ??= parseLlama2cCheckpoint(new Uint8Array(readFileSync(checkpoint)), checkpoint);
    const exported = exportLlama2cOnnx(ckpt, { graph });
    mkdirSync(join(dir, 'onnx'), { recursive: true });
    writeFileSync(join(dir, 'config.json'), `${JSON.stringify(exported.config, null, 2)}\n`);
    writeFileSync(join(dir, 'generation_config.json'), `${JSON.stringify(exported.generationConfig, null, 2)}\n`);
    writeFileSync(join(dir, 'onnx/model.onnx'), exported.model);
  }
  return { size, checkpoint, dirs };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const root = resolve(process.argv[2] ?? 'decode-speed-models');
  const modelsDir = process.env.REASONKIT_MODELS_DIR ?? resolve(dirname(fileURLToPath(import.meta.url)), '../../../../shared/models');
  for (const size of BENCH_SIZES) {
    const m = prepareModel(size, root, modelsDir);
    console.log(m ? `${size}: ${m.checkpoint}, ${m.dirs.fused}, ${m.dirs.plain}` : `${size}: skipped (no stories260K.bin in ${modelsDir})`);
  }
}
