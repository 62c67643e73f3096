// Decode throughput on stories260K, side by side in one process (spec core; issue acceptance 7):
// a bare onnxruntime-node `session.run` greedy loop (the baseline), `generate()` on the same model
// with onnxruntime-node, onnxruntime-web (wasm, 1 thread) and the pure-TypeScript reference.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from '../src/generation/generate.js';
import { parseLlama2cCheckpoint } from '../src/llama2c/checkpoint.js';
import { exportLlama2cOnnx } from '../src/llama2c/export-onnx.js';
import { Llama2cReferenceModel } from '../src/llama2c/reference-model.js';
import type { CausalLM } from '../src/model/causal-lm.js';
import { createOnnxCausalLM } from '../src/onnx/onnx-causal-lm.js';
import type { OrtModule } from '../src/onnx/ort-module.js';
import { barChartSvg } from './bar-chart-svg.js';

const here = dirname(fileURLToPath(import.meta.url));
const modelsDir = process.env.REASONKIT_MODELS_DIR ?? resolve(here, '../../../../shared/models');
const PROMPT = [1, 403, 407, 261, 378]; // BOS + "Once upon a time" (spec §9.4)
const NEW_TOKENS = Number(process.env.BENCH_NEW_TOKENS ?? 200);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);

export interface DecodeRow {
  name: string;
  tokensPerSecond: number;
  msPerToken: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** The baseline: the thinnest possible greedy loop over `session.run`, feeds built by hand. */
async function bareLoop(ort: OrtModule, session: Awaited<ReturnType<OrtModule['InferenceSession']['create']>>, layers: number, kvHeads: number, headDim: number): Promise<number[]> {
  const ids: number[] = [];
  let past: Record<string, unknown> = {};
  for (let l = 0; l < layers; l++) {
    past[`past_key_values.${l}.key`] = new ort.Tensor('float32', new Float32Array(0), [1, kvHeads, 0, headDim]);
    past[`past_key_values.${l}.value`] = new ort.Tensor('float32', new Float32Array(0), [1, kvHeads, 0, headDim]);
  }
  let input = PROMPT;
  let length = 0;
  for (let step = 0; step < NEW_TOKENS; step++) {
    const n = input.length;
    const feeds: Record<string, unknown> = {
      ...past,
      input_ids: new ort.Tensor('int64', BigInt64Array.from(input, BigInt), [1, n]),
      attention_mask: new ort.Tensor('int64', new BigInt64Array(length + n).fill(1n), [1, length + n]),
      position_ids: new ort.Tensor('int64', BigInt64Array.from({ length: n }, (_, i) => BigInt(length + i)), [1, n]),
    };
    const out = (await session.run(feeds as never)) as Record<string, { data: Float32Array; dims: readonly number[] }>;
    const logits = out.logits!;
    const vocab = logits.dims[2]!;
    const row = logits.data.subarray((n - 1) * vocab, n * vocab);
    let best = 0;
    for (let i = 1; i < vocab; i++) if (row[i]! > row[best]!) best = i;
    ids.push(best);
    past = {};
    for (let l = 0; l < layers; l++) {
      past[`past_key_values.${l}.key`] = out[`present.${l}.key`];
      past[`past_key_values.${l}.value`] = out[`present.${l}.value`];
    }
    length += n;
    input = [best];
  }
  return ids;
}

async function timeGenerate(lm: CausalLM): Promise<{ seconds: number; ids: number[] }> {
  const t0 = performance.now();
  const r = await generate(lm, { inputIds: PROMPT, maxNewTokens: NEW_TOKENS, temperature: 0, eosTokenIds: [] });
  return { seconds: (performance.now() - t0) / 1000, ids: r.ids };
}

export async function runDecodeBench(): Promise<{ rows: DecodeRow[]; overhead: number } | undefined> {
  const ckptPath = join(modelsDir, 'stories260K.bin');
  if (!existsSync(ckptPath)) {
    console.log(`stories260K not found at ${modelsDir}; skipping the decode benchmark (spec §9)`);
    return undefined;
  }
  const ckpt = parseLlama2cCheckpoint(new Uint8Array(readFileSync(ckptPath)), ckptPath);
  const exported = exportLlama2cOnnx(ckpt);
  const { nLayers, nKvHeads, dim, nHeads } = ckpt.config;
  const headDim = dim / nHeads;

  const ortNode = (await import('onnxruntime-node')) as unknown as OrtModule;
  const ortWeb = (await import('onnxruntime-web')) as unknown as OrtModule;
  const sessionOptions = { intraOpNumThreads: 1, interOpNumThreads: 1, executionMode: 'sequential' as const, graphOptimizationLevel: 'all' as const };
  const bareSession = await ortNode.InferenceSession.create(exported.model, sessionOptions);
  const nodeLm = await createOnnxCausalLM({ ort: ortNode, model: exported.model, config: exported.config, threads: 1, sessionOptions });
  const webLm = await createOnnxCausalLM({ ort: ortWeb, model: exported.model, config: exported.config, threads: 1 });
  const refLm = new Llama2cReferenceModel(ckpt);

  // Warm up, and check every path decodes the same tokens (a benchmark of wrong output is worthless).
  const expected = await bareLoop(ortNode, bareSession, nLayers, nKvHeads, headDim);
  for (const [name, lm] of [['node', nodeLm], ['web', webLm], ['reference', refLm]] as const) {
    const { ids } = await timeGenerate(lm);
    if (ids.join() !== expected.join()) throw new Error(`${name}: generate() decoded different tokens than the bare loop`);
  }

  const times: Record<string, number[]> = { bare: [], node: [], web: [], reference: [] };
  for (let r = 0; r < ROUNDS; r++) {
    // Interleave the baseline and generate() so drift on a shared machine hits both alike.
    let t0 = performance.now();
    await bareLoop(ortNode, bareSession, nLayers, nKvHeads, headDim);
    times.bare!.push((performance.now() - t0) / 1000);
    times.node!.push((await timeGenerate(nodeLm)).seconds);
    t0 = performance.now();
    await bareLoop(ortNode, bareSession, nLayers, nKvHeads, headDim);
    times.bare!.push((performance.now() - t0) / 1000);
    if (r < 3) {
      times.web!.push((await timeGenerate(webLm)).seconds);
      times.reference!.push((await timeGenerate(refLm)).seconds);
    }
  }
  await Promise.all([nodeLm.dispose(), webLm.dispose(), bareSession.release()]);

  const row = (name: string, key: string): DecodeRow => {
    const s = median(times[key]!);
    return { name, tokensPerSecond: NEW_TOKENS / s, msPerToken: (s * 1000) / NEW_TOKENS };
  };
  const rows = [
    row('bare session.run loop (onnxruntime-node)', 'bare'),
    row('generate() onnxruntime-node', 'node'),
    row('generate() onnxruntime-web (wasm, 1 thread)', 'web'),
    row('generate() TypeScript reference', 'reference'),
  ];
  const overhead = median(times.node!) / median(times.bare!) - 1;
  return { rows, overhead };
}

export function reportDecode(result: { rows: DecodeRow[]; overhead: number }, outDir: string): string {
  const lines = [
    `Decode throughput, stories260K, prompt "Once upon a time" + ${NEW_TOKENS} greedy tokens, one thread, median of rounds:`,
    '',
    '| path | tokens/s | ms/token |',
    '|---|---:|---:|',
    ...result.rows.map((r) => `| ${r.name} | ${r.tokensPerSecond.toFixed(0)} | ${r.msPerToken.toFixed(3)} |`),
    '',
    `generate() overhead over the bare loop (onnxruntime-node): ${(result.overhead * 100).toFixed(1)}%`,
  ];
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'decode-throughput.json'), `${JSON.stringify(result, null, 2)}\n`);
  writeFileSync(
    join(outDir, 'decode-throughput.svg'),
    barChartSvg(`stories260K decode, ${NEW_TOKENS} tokens, 1 thread`, 'tok/s', result.rows.map((r) => ({ label: r.name.replace(' (onnxruntime-node)', ''), value: r.tokensPerSecond }))),
  );
  return lines.join('\n');
}
