// One contender of the decode-speed benchmark in its own process (started by decode-speed.ts):
// loads the model directory, decodes once to warm up, then times `repeats` greedy decodes of
// `tokens` new tokens (EOS ignored) after the prompt, single thread. Prints one JSON line:
// { contender, msPerToken: [...wall], cpuMsPerToken: [...], ids }.
//
//   npx tsx bench/decode-speed-worker.ts <contender> <modelDir> <tokens> <repeats>
//
// Contenders: core-node / core-web (`generate()` over `createOnnxCausalLM`), bare-node (the
// thinnest careful `session.run` loop we could write), transformers.js (`model.generate` of
// @huggingface/transformers on onnxruntime-node, the same directory).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { generate } from '../src/generation/generate.js';
import { createOnnxCausalLM } from '../src/onnx/onnx-causal-lm.js';
import type { OrtModule } from '../src/onnx/ort-module.js';

export type Contender = 'core-node' | 'core-web' | 'bare-node' | 'transformers.js';
export const PROMPT = [1, 403, 407, 261, 378]; // BOS + "Once upon a time" in tok512 (spec §9.4); valid ids in every vocab here

const SESSION_OPTIONS = { intraOpNumThreads: 1, interOpNumThreads: 1, executionMode: 'sequential', graphOptimizationLevel: 'all' } as const;

type Decode = () => Promise<number[]>;

async function coreDecoder(ort: OrtModule, dir: string, tokens: number): Promise<Decode> {
  const config = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')) as Record<string, unknown>;
  const model = new Uint8Array(readFileSync(join(dir, 'onnx/model.onnx')));
  const lm = await createOnnxCausalLM({ ort, model, config, threads: 1, sessionOptions: { ...SESSION_OPTIONS } });
  return async () => (await generate(lm, { inputIds: PROMPT, maxNewTokens: tokens, temperature: 0, eosTokenIds: [] })).ids;
}

/**
 * The careful bare loop: one feeds object reused across steps, the one-token `input_ids` /
 * `position_ids` tensors rewritten in place, `attention_mask` a view of one all-ones buffer, the
 * `present.*` tensors fed back as they come, argmax over the last logits row without a copy.
 */
async function bareDecoder(dir: string, tokens: number): Promise<Decode> {
  const ort = await import('onnxruntime-node');
  const config = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')) as Record<string, number>;
  const L = config.num_hidden_layers!;
  const kvH = config.num_key_value_heads!;
  const hd = config.head_dim!;
  const session = await ort.InferenceSession.create(join(dir, 'onnx/model.onnx'), { ...SESSION_OPTIONS });
  const names = Array.from({ length: L }, (_, l) => [`past_key_values.${l}.key`, `past_key_values.${l}.value`, `present.${l}.key`, `present.${l}.value`] as const);
  const ones = new BigInt64Array(PROMPT.length + tokens).fill(1n);
  const empty = new ort.Tensor('float32', new Float32Array(0), [1, kvH, 0, hd]);
  const id = new BigInt64Array(1);
  const pos = new BigInt64Array(1);
  const idTensor = new ort.Tensor('int64', id, [1, 1]);
  const posTensor = new ort.Tensor('int64', pos, [1, 1]);
  const promptIds = new ort.Tensor('int64', BigInt64Array.from(PROMPT, BigInt), [1, PROMPT.length]);
  const promptPos = new ort.Tensor('int64', BigInt64Array.from(PROMPT, (_, i) => BigInt(i)), [1, PROMPT.length]);
  return async () => {
    const ids: number[] = [];
    const feeds: Record<string, InstanceType<typeof ort.Tensor>> = { input_ids: promptIds, position_ids: promptPos };
    for (const [pk, pv] of names) {
      feeds[pk] = empty;
      feeds[pv] = empty;
    }
    let length = PROMPT.length;
    for (let step = 0; step < tokens; step++) {
      feeds.attention_mask = new ort.Tensor('int64', ones.subarray(0, length), [1, length]);
      const out = await session.run(feeds);
      const logits = out.logits!;
      const vocab = logits.dims[2]!;
      const data = logits.data as Float32Array;
      const base = data.length - vocab;
      let best = 0;
      let bestValue = data[base]!;
      for (let i = 1; i < vocab; i++) {
        const v = data[base + i]!;
        if (v > bestValue) {
          bestValue = v;
          best = i;
        }
      }
      ids.push(best);
      for (const [pk, pv, k, v] of names) {
        feeds[pk] = out[k]!;
        feeds[pv] = out[v]!;
      }
      id[0] = BigInt(best);
      pos[0] = BigInt(length);
      feeds.input_ids = idTensor;
      feeds.position_ids = posTensor;
      length++;
    }
    return ids;
  };
}

async function transformersDecoder(dir: string, tokens: number): Promise<Decode> {
  const tjs = await import('@huggingface/transformers');
  tjs.env.allowRemoteModels = false;
  const model = await tjs.AutoModelForCausalLM.from_pretrained(dir, {
    local_files_only: true,
    dtype: 'fp32',
    device: 'cpu',
    session_options: { ...SESSION_OPTIONS },
  });
  const inputIds = new tjs.Tensor('int64', BigInt64Array.from(PROMPT, BigInt), [1, PROMPT.length]);
  const mask = new tjs.Tensor('int64', new BigInt64Array(PROMPT.length).fill(1n), [1, PROMPT.length]);
  return async () => {
    // eos_token_id: [] ignores EOS, as the other contenders do
    const out = (await model.generate({ input_ids: inputIds, attention_mask: mask, max_new_tokens: tokens, do_sample: false, eos_token_id: [] } as never)) as {
      data: BigInt64Array;
    };
    return Array.from(out.data.subarray(PROMPT.length), Number);
  };
}

export async function makeDecoder(contender: Contender, dir: string, tokens: number): Promise<Decode> {
  switch (contender) {
    case 'core-node':
      return coreDecoder((await import('onnxruntime-node')) as unknown as OrtModule, dir, tokens);
    case 'core-web': {
      const ort = (await import('onnxruntime-web')) as unknown as OrtModule;
      ort.env.wasm!.numThreads = 1;
      ort.env.wasm!.proxy = false;
      return coreDecoder(ort, dir, tokens);
    }
    case 'bare-node':
      return bareDecoder(dir, tokens);
    case 'transformers.js':
      return transformersDecoder(dir, tokens);
  }
}

const [contender, dir, tokensArg, repeatsArg] = process.argv.slice(2);
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href && contender !== undefined && dir !== undefined) {
  const tokens = Number(tokensArg ?? 200);
  const repeats = Number(repeatsArg ?? 3);
  const decode = await makeDecoder(contender as Contender, dir, tokens);
  const ids = await decode(); // warm-up
  if (ids.length !== tokens) throw new Error(`${contender}: decoded ${ids.length} tokens, expected ${tokens}`);
  const msPerToken: number[] = [];
  const cpuMsPerToken: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await decode();
    msPerToken.push((performance.now() - t0) / tokens);
    const c = process.cpuUsage(c0);
    cpuMsPerToken.push((c.user + c.system) / 1000 / tokens);
  }
  process.stdout.write(`${JSON.stringify({ contender, msPerToken, cpuMsPerToken, ids })}\n`);
}
