import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { convertLlama2c } from '@reasonkit/core/node';
import { locateReferenceModel } from '@reasonkit/core/testing/node';
import type { BenchItem } from '../load/bench-item.js';
import { scoreSteps } from '../metrics/score-steps.js';
import { runBenchmark, toPredictions } from '../run/run-benchmark.js';
import { createOpenAICritic } from '../scorers/chat-critic.js';
import { DECISIONS } from '../scorers/decisions.js';
import { repoRoot } from '../test-utils/shared-data.js';
import { jsonlCache } from './jsonl-cache.js';

// End to end: the LLM critic → HTTP on loopback → core's real `reasonkit serve` CLI (a child
// process) → stories260K converted to ONNX on onnxruntime-node. stories260K writes stories, not
// JSON, so every reply is stored raw and marked invalid: the pipeline, not the model, is under test.
const ref = locateReferenceModel({ from: repoRoot });
if (!ref.available) it.skip(ref.skipMessage, () => undefined);

let child: ChildProcess | undefined;
afterAll(() => {
  child?.kill('SIGTERM');
});

describe.skipIf(!ref.available)('LLM critic against `reasonkit serve` over stories260K', () => {
  it('scores items through the real server, stores raw replies, caches them and resumes without new requests', async () => {
    const work = mkdtempSync(join(tmpdir(), 'prm-bench-serve-'));
    const modelDir = join(work, 'stories260K');
    await convertLlama2c({ checkpoint: ref.checkpointPath, tokenizer: ref.tokenizerPath, out: modelDir });
    const cli = join(repoRoot, 'packages/core/src/cli/cli.ts');
    child = spawn(process.execPath, ['--conditions=@reasonkit/source', '--import', 'tsx', cli, 'serve', '--model', modelDir, '--port', '0', '--chat-format', 'plain', '--threads', '1', '--max-tokens', '12'], {
      stdio: ['ignore', 'ignore', 'pipe'],
      cwd: repoRoot,
    });
    let stderr = '';
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`reasonkit serve did not start: ${stderr}`)), 45_000);
      child!.stderr!.on('data', (d) => {
        stderr += d;
        const m = /at (http:\/\/127\.0\.0\.1:\d+\/v1)/.exec(stderr);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      });
      child!.on('exit', (code) => reject(new Error(`reasonkit serve exited with ${code}: ${stderr}`)));
    });
    const items: BenchItem[] = ['Tom had 3 apples and ate one.', 'Lily saw a big dog.'].map((q, k) => ({
      id: `conclusion_invalidity:story#${k}`,
      benchmark: 'socratic',
      question: q,
      steps: ['Step 1: Tom has 3 apples.', 'Step 2: 3 - 1 = 2.'],
      errorSteps1: [2],
      firstError0: 1,
      category: 'conclusion_invalidity',
      pattern: 'Deduction',
      lang: 'en',
      warnings: [],
    }));
    const file = join(work, 'cache.jsonl');
    const critic = createOpenAICritic({ baseURL: url, model: 'stories260K', preset: 'processbench-critic@1', maxTokens: 12, timeoutMs: 60_000, retryBaseMs: 10, maxRetries: 1 });
    const run = await runBenchmark({ items, scorer: critic, cache: jsonlCache(file), decision: DECISIONS.llmCritic, concurrency: 1, retry: { attempts: 1, backoffMs: () => 0 } });
    expect(run.failures, JSON.stringify(run.failures)).toEqual([]);
    expect(run.predictions).toHaveLength(2);
    for (const p of run.predictions) {
      expect(typeof p.result.raw).toBe('string');
      expect((p.result.raw as string).length).toBeGreaterThan(0);
      expect(p.result.valid).toBe(false);
      expect(p.result.usage!.completionTokens).toBeGreaterThan(0);
    }
    const lines = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.itemId)).toEqual(items.map((i) => i.id));
    expect(lines[0].result.raw).toBe(run.predictions[0]!.result.raw);
    expect(scoreSteps(items, toPredictions(run)).overall!.validityRate).toBe(0);
    const again = await runBenchmark({ items, scorer: critic, cache: jsonlCache(file), decision: DECISIONS.llmCritic });
    expect(again.stats.cached).toBe(2);
    expect(again.stats.scored).toBe(0);
    // The PRMBench preset with its two shots exceeds stories260K's 512-token context: the server
    // answers 400, which is not retried and comes back as a typed per-item failure, nothing cached.
    const long = createOpenAICritic({ baseURL: url, model: 'stories260K', maxTokens: 12, retryBaseMs: 10, maxRetries: 1 });
    const file2 = join(work, 'cache2.jsonl');
    const failed = await runBenchmark({ items, scorer: long, cache: jsonlCache(file2), retry: { attempts: 1, backoffMs: () => 0 } });
    expect(failed.failures.map((f) => f.code)).toEqual(['HTTP_ERROR', 'HTTP_ERROR']);
    expect(failed.failures[0]!.message).toMatch(/HTTP 400: .*context of 512/);
    expect(failed.predictions).toEqual([]);
  });
});
