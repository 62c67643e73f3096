/**
 * Benchmarks of spec §9.8 on stories260K, onnxruntime-node, 1 thread. Run:
 * `npm run bench -w @reasonkit/knowledge-probe` (add `-- --runs N`; `-- --write` refreshes the
 * committed bench/results.json the README quotes, a plain run writes bench/results/ (ignored)).
 * Medians over runs after one warm-up; the plain-vs-patchable ratio interleaves the two graphs
 * run by run in one process so machine load hits both alike.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createOnnxModel, exportLlama2cOnnx, parseLlama2cCheckpoint, tensor, type OrtModule, type Tensor } from '@reasonkit/core';
import { locateReferenceModel } from '@reasonkit/core/testing/node';
import * as ort from 'onnxruntime-node';
import { createLlama2cProbeModel } from '../src/model/llama2c-probe-model.js';
import { llama2cSiteMap } from '../src/model/site-map.js';
import { makePatchable } from '../src/model/patchable-graph.js';
import { createDefaultRegistry } from '../src/registry/default-registry.js';

const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1] ?? 0) || 20;
const write = args.includes('--write');
const here = dirname(fileURLToPath(import.meta.url));
const ref = locateReferenceModel();
if (!ref.available) {
  console.error(`bench: ${ref.skipMessage}`);
  process.exit(1);
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
async function time(fn: () => Promise<unknown>, n = runs): Promise<number[]> {
  await fn();
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn();
    out.push(performance.now() - t0);
  }
  return out;
}

const model = await createLlama2cProbeModel({ checkpoint: ref.readCheckpoint(), tokenizer: ref.readTokenizer(), id: 'stories260K', ort: ort as unknown as OrtModule, threads: 1 });
const registry = createDefaultRegistry();
// a 64-token prompt (BOS + 63)
const words = 'Once upon a time there was a little girl named Lily. She loved to play outside in the park with her mom and her dog. One day';
let prompt64 = words;
while (model.tokenizer.encode(prompt64, { bos: true }).length < 64) prompt64 += ' and they played';
const ids64 = model.tokenizer.encode(prompt64, { bos: true }).slice(0, 64);
prompt64 = model.tokenizer.decode(ids64.slice(1));
const P1 = 'Once upon a time';
const P2 = 'Once upon a time, there was a little girl named';

const results: Record<string, unknown> = { machine: 'shared 2-core VM, loaded by other jobs; onnxruntime-node 1.30, 1 intra-op thread', runs };
const logitLens = await time(() => registry.run('Logit Lens', { prompt: prompt64 }, model));
results.logitLens64Ms = median(logitLens);
const patchscopes = await time(() => registry.run('Patchscopes', { prompt: P1 }, model));
results.patchscopesMs = median(patchscopes);
const trace = await time(() => registry.run('CausalTracing', { prompt: P2, triple_subject: 'little girl' }, model, { samples: 10 }), Math.max(3, Math.floor(runs / 4)));
results.causalTracing3KindsMs = median(trace);

// plain vs patchable (all masks zero), batch 64 × 14, interleaved
const ck = parseLlama2cCheckpoint(ref.readCheckpoint());
const plainBytes = exportLlama2cOnnx(ck).model;
const map = llama2cSiteMap(ck.config.nLayers);
const d = ck.config.dim;
const siteSets: Record<string, string[]> = {
  'embed+resid (state trace)': ['embed', ...Array.from({ length: ck.config.nLayers }, (_, l) => `resid.${l}`)],
  'all 16 sites': Object.keys(map).filter((s) => /^(embed|resid|attn_out|mlp_out)/.test(s)),
};
const B = 64;
const ids = model.tokenizer.encode(P2, { bos: true });
const T = ids.length;
const baseFeeds = (names: readonly string[]): Record<string, Tensor> => {
  const f: Record<string, Tensor> = {};
  for (const name of names) {
    if (name === 'input_ids') f[name] = tensor('int64', BigInt64Array.from(Array.from({ length: B }, () => ids).flat(), BigInt), [B, T]);
    else if (name === 'attention_mask') f[name] = tensor('int64', new BigInt64Array(B * T).fill(1n), [B, T]);
    else if (name === 'position_ids') f[name] = tensor('int64', BigInt64Array.from({ length: B * T }, (_, i) => BigInt(i % T)), [B, T]);
    else if (name.startsWith('past_key_values.')) f[name] = tensor('float32', new Float32Array(0), [B, ck.config.nKvHeads, 0, d / ck.config.nHeads]);
    else if (name.endsWith('.mask')) f[name] = tensor('float32', new Float32Array(B * T), [B, T, 1]);
    else f[name] = tensor('float32', new Float32Array(B * T * d), [B, T, d]);
  }
  return f;
};
const plain = await createOnnxModel({ ort: ort as unknown as OrtModule, model: plainBytes, threads: 1 });
const plainFeeds = baseFeeds(plain.inputNames);
const ratios: Record<string, unknown> = {};
for (const [label, sites] of Object.entries(siteSets)) {
  const patched = await createOnnxModel({ ort: ort as unknown as OrtModule, model: makePatchable(plainBytes, sites.map((site) => ({ site, tensor: map[site]!, width: d }))), threads: 1 });
  const patchedFeeds = baseFeeds(patched.inputNames);
  const a: number[] = [];
  const b: number[] = [];
  await plain.run(plainFeeds, { outputs: ['logits'] });
  await patched.run(patchedFeeds, { outputs: ['logits'] });
  for (let i = 0; i < runs * 2; i++) {
    let t0 = performance.now();
    await plain.run(plainFeeds, { outputs: ['logits'] });
    a.push(performance.now() - t0);
    t0 = performance.now();
    await patched.run(patchedFeeds, { outputs: ['logits'] });
    b.push(performance.now() - t0);
  }
  ratios[label] = { plainMs: median(a), patchableMs: median(b), ratio: median(b) / median(a) };
  await patched.dispose();
}
results.patchableVsPlain_64x14 = ratios;
await plain.dispose();
await model.dispose();

const targets = { logitLens64Ms: 50, patchscopesMs: 200, causalTracing3KindsMs: 3000 };
console.log(JSON.stringify(results, null, 1));
for (const [k, limit] of Object.entries(targets)) console.log(`${k}: ${(results[k] as number).toFixed(1)} ms (target ≤ ${limit}) ${(results[k] as number) <= limit ? 'met' : 'NOT met'}`);
for (const [k, v] of Object.entries(ratios)) console.log(`patchable/plain ${k}: ${(v as { ratio: number }).ratio.toFixed(2)}× (target ≤ 1.5)`);
const outDir = write ? here : join(here, 'results');
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, 'results.json'), `${JSON.stringify(results, null, 1)}\n`);
