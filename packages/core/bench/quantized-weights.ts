// 8- and 4-bit weights (MatMulNBits) against the float32 export of the same llama2.c checkpoint:
// the accuracy cost on stories260K and the decode speed, in one process. A quantized export is a
// different, approximate model: compare it with the float model it came from, never with
// transformers.js on the float graph as if it were the same model.
//
//   npx tsx bench/quantized-weights.ts [checkpoint.bin=stories260K] [speedTokens=100] [rounds=21]
//
// Accuracy (stories260K; prompt "Once upon a time" as ids, spec §9.4):
//  - greedy agreement: 200 greedy tokens of each model against the float model's: index of the
//    first differing token, and the share of positions that hold the same token;
//  - perplexity on an evaluation sequence: 256 tokens (fewer if the context is shorter) sampled from the float model (temperature 1,
//    seed 42), teacher-forced through each model (one forward over prompt + sequence); the float
//    model's own perplexity on it is the baseline.
// Speed: `generate()` greedy, EOS ignored, one thread, the three graphs rotating every round,
// process CPU time per token; ratios are medians of per-round ratios.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { generate } from '../src/generation/generate.js';
import { parseLlama2cCheckpoint } from '../src/llama2c/checkpoint.js';
import { exportLlama2cOnnx } from '../src/llama2c/export-onnx.js';
import type { CausalLM } from '../src/model/causal-lm.js';
import { createOnnxCausalLM } from '../src/onnx/onnx-causal-lm.js';
import type { OrtModule } from '../src/onnx/ort-module.js';
import { PROMPT } from './decode-speed-worker.js';

const SESSION_OPTIONS = { intraOpNumThreads: 1, interOpNumThreads: 1, executionMode: 'sequential', graphOptimizationLevel: 'all' } as const;
const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
type Variant = 'float32' | 'int8' | 'int4';
const VARIANTS: readonly Variant[] = ['float32', 'int8', 'int4'];

/** Mean negative log-likelihood of `seq` after `prompt`, teacher-forced in one forward. */
async function meanNll(lm: CausalLM, prompt: readonly number[], seq: readonly number[]): Promise<number> {
  const ids = [...prompt, ...seq];
  const out = await lm.forward({ inputIds: ids, logits: 'all' });
  const vocab = lm.config.vocabSize;
  const data = out.logits.data;
  let nll = 0;
  for (let t = 0; t < seq.length; t++) {
    const row = data.subarray((prompt.length - 1 + t) * vocab, (prompt.length + t) * vocab);
    let max = -Infinity;
    for (const v of row) if (v > max) max = v;
    let sum = 0;
    for (const v of row) sum += Math.exp(v - max);
    nll -= row[seq[t]!]! - max - Math.log(sum);
  }
  return nll / seq.length;
}

export async function runQuantizedWeights(checkpointPath: string, speedTokens: number, rounds: number): Promise<string> {
  const ort = (await import('onnxruntime-node')) as unknown as OrtModule;
  const ck = parseLlama2cCheckpoint(new Uint8Array(readFileSync(checkpointPath)), checkpointPath);
  const lms = new Map<Variant, CausalLM>();
  const sizes = new Map<Variant, number>();
  for (const v of VARIANTS) {
    const e = exportLlama2cOnnx(ck, { graph: 'fused', ...(v === 'float32' ? {} : { weightBits: v === 'int8' ? 8 : 4 }) });
    sizes.set(v, e.model.length);
    lms.set(v, await createOnnxCausalLM({ ort, model: e.model, config: e.config, threads: 1, sessionOptions: { ...SESSION_OPTIONS } }));
  }
  const lines = [`${checkpointPath}: fused graph, float32 vs MatMulNBits weights (blocks of 32, symmetric)`];
  const greedyN = 200;
  const greedy = new Map<Variant, number[]>();
  for (const v of VARIANTS) greedy.set(v, (await generate(lms.get(v)!, { inputIds: PROMPT, maxNewTokens: greedyN, temperature: 0, eosTokenIds: [] })).ids);
  const evalSeq = (await generate(lms.get('float32')!, { inputIds: PROMPT, maxNewTokens: Math.min(256, ck.config.seqLen - PROMPT.length), temperature: 1, seed: 42, eosTokenIds: [] })).ids;
  const base = greedy.get('float32')!;
  const nllBase = await meanNll(lms.get('float32')!, PROMPT, evalSeq);
  lines.push('| weights | model bytes | first greedy token ≠ float32 (of 200) | same token at a position | perplexity on the float32 sample | Δ vs float32 |', '|---|---:|---:|---:|---:|---:|');
  for (const v of VARIANTS) {
    const ids = greedy.get(v)!;
    const first = ids.findIndex((id, i) => id !== base[i]);
    const same = ids.filter((id, i) => id === base[i]).length / greedyN;
    const nll = await meanNll(lms.get(v)!, PROMPT, evalSeq);
    lines.push(
      `| ${v} | ${sizes.get(v)!.toLocaleString('en-US')} | ${first < 0 ? 'none' : first} | ${(100 * same).toFixed(1)}% | ${Math.exp(nll).toFixed(3)} | ${v === 'float32' ? '—' : `${(100 * (Math.exp(nll) / Math.exp(nllBase) - 1)).toFixed(2)}%`} |`,
    );
  }
  const cpu = new Map<Variant, number[]>(VARIANTS.map((v) => [v, []]));
  const decode = (v: Variant) => generate(lms.get(v)!, { inputIds: PROMPT, maxNewTokens: speedTokens, temperature: 0, eosTokenIds: [] });
  for (const v of VARIANTS) await decode(v); // warm-up
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < VARIANTS.length; i++) {
      const v = VARIANTS[(i + r) % VARIANTS.length]!;
      const c0 = process.cpuUsage();
      await decode(v);
      const u = process.cpuUsage(c0);
      cpu.get(v)!.push((u.user + u.system) / 1000 / speedTokens);
    }
  }
  lines.push('', `decode speed, ${speedTokens} greedy tokens, ${rounds} rounds, CPU ms/token (median) and float32 ÷ variant (median of per-round ratios):`);
  for (const v of VARIANTS) {
    const speedup = median(cpu.get('float32')!.map((f, i) => f / cpu.get(v)![i]!));
    lines.push(`  ${v}: ${median(cpu.get(v)!).toFixed(3)} ms/token${v === 'float32' ? '' : `, ${speedup.toFixed(2)}× the float32 speed`}`);
  }
  for (const lm of lms.values()) await (lm as { dispose?: () => Promise<void> }).dispose?.();
  return lines.join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const here = dirname(fileURLToPath(import.meta.url));
  const [ckpt, tokens, rounds] = process.argv.slice(2);
  const path = ckpt ?? resolve(here, '../../../../shared/models/stories260K.bin');
  console.log(await runQuantizedWeights(path, Number(tokens ?? 100), Number(rounds ?? 21)));
}
