// @reasonkit/kv-sparse in one file: the testbed model as core's llama2.c reference model with
// SparK attention (reads the compressed storage directly); Thinking generations with a dense cache
// and with SparK key-channel pruning at r = 0.5 and 0.8; answers and real cache bytes compared.
// Run: npm start -w @reasonkit/example-kv-sparse
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { generate, llama2cCheckpointFromOnnx, Llama2cReferenceModel } from '@reasonkit/core';
import { loadTokenizer } from '@reasonkit/core/node';
import { fixedRatio, SparseKVCache, sparkAttention, sparkCompression, sparkMean, sparkScorer } from '@reasonkit/kv-sparse';
import { checkAnswer, generateLevelProblems, MODEL_LEVELS, thinkingPrompt } from '@reasonkit/testbed';
import { testbedModelDir } from '@reasonkit/testbed/node';

export async function run(options: { problems?: number; log?: (line: string) => void } = {}) {
  const log = options.log ?? console.log;
  const dir = testbedModelDir();
  const path = join(dir, 'onnx', 'model.onnx');
  const checkpoint = llama2cCheckpointFromOnnx(new Uint8Array(readFileSync(path)), JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')), path);
  const lm = new Llama2cReferenceModel(checkpoint, { attention: sparkAttention() });
  const tokenizer = await loadTokenizer(dir);
  const c = lm.config;
  const geometry = { layers: c.numLayers, kvHeads: c.numKvHeads, qHeads: c.numQHeads, headDim: c.headDim };
  const problems = [2, 3].flatMap((lv) => generateLevelProblems(MODEL_LEVELS[lv - 1]!, options.problems ?? 3, 40 + lv));
  const rows: { setting: string; correct: number; denseBytes: number; cacheBytes: number }[] = [];
  for (const ratio of [null, 0.5, 0.8]) {
    let correct = 0;
    let denseBytes = 0;
    let cacheBytes = 0;
    for (const p of problems) {
      const spark = ratio === null ? undefined : sparkCompression({ geometry, compress: { channel: { scorer: sparkScorer(), selector: fixedRatio(ratio), restorer: sparkMean() }, queryAware: true }, minTokens: 48 });
      const r = await generate(lm, { prompt: thinkingPrompt(p), tokenizer, maxNewTokens: 200, temperature: 0, ...(spark ? { hooks: spark.hooks, outputs: spark.outputs } : {}) });
      correct += checkAnswer(p, r.text ?? '') ? 1 : 0;
      const dense = r.cache.length * geometry.layers * geometry.kvHeads * geometry.headDim * 2 * 4;
      denseBytes += dense;
      cacheBytes += r.cache instanceof SparseKVCache ? r.cache.bytes().total : dense;
    }
    rows.push({ setting: ratio === null ? 'dense' : `SparK r = ${ratio}`, correct, denseBytes, cacheBytes });
  }
  log(`| cache | correct of ${problems.length} | KV bytes | saved |\n|---|---:|---:|---:|`);
  for (const r of rows) log(`| ${r.setting} | ${r.correct} | ${r.cacheBytes} | ${(100 * (1 - r.cacheBytes / r.denseBytes)).toFixed(1)}% |`);
  return rows;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await run();
