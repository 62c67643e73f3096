// The page's pipeline under Node (onnxruntime-node, the same testbed model): what the page shows
// comes from these events, so they are checked here without a browser too.
import { loadModelDir } from '@reasonkit/core/node';
import { solve } from '@reasonkit/testbed';
import { haveTestbedModel, testbedModelDir } from '@reasonkit/testbed/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoEvent, runProblem } from './browser-pipeline.js';

const skip = !haveTestbedModel();
if (skip) console.warn('example-browser-demo: testbed model missing (packages/testbed/model); skipping the pipeline test');

describe.skipIf(skip)('runProblem on the testbed model (onnxruntime-node)', () => {
  let model: Awaited<ReturnType<typeof loadModelDir>>;
  beforeAll(async () => {
    model = await loadModelDir(testbedModelDir(), { runtime: 'node', threads: 1 });
  });
  afterAll(async () => {
    await model?.lm.dispose();
  });

  it('Thinking: decision first, then one token event per streamed token with growing KV, one compression at 48 tokens', async () => {
    const p = { op: 'add', a: 3907, b: 6254 } as const;
    const events: DemoEvent[] = [];
    const r = await runProblem(model, p, {}, (e) => events.push(e));
    expect(events[0]).toMatchObject({ type: 'decision', mode: 'think', threshold: 0.99 });
    expect(r.mode).toBe('think');
    expect(r.answer).toBe(String(p.a + p.b));
    expect(r.correct).toBe(true);
    // the streamed deltas are the model's text; its thoughts are exactly the testbed solver's trace
    const tokens = events.filter((e): e is Extract<DemoEvent, { type: 'token' }> => e.type === 'token');
    expect(tokens.map((e) => e.textDelta).join('')).toBe(r.text);
    expect(tokens.length).toBe(r.streamedTokens);
    expect([...r.thoughts.split('\n').filter((l) => l.trim() !== ''), r.answer]).toEqual(solve(p).steps);
    // KV: one more cached token per streamed token; compressed once, at 48 tokens
    for (let i = 1; i < tokens.length; i++) expect(tokens[i]!.kv.tokens).toBe(tokens[i - 1]!.kv.tokens + 1);
    const compressions = events.filter((e) => e.type === 'compressed');
    expect(compressions).toHaveLength(1);
    expect(compressions[0]!.type === 'compressed' && compressions[0]!.kv).toMatchObject({ tokens: 48, compressed: true, compressedTokens: 48 });
    expect(r.kv.compressed).toBe(true);
    expect(r.kv.cacheBytes).toBeLessThan(r.kv.denseBytes);
    expect(r.kv.denseBytes).toBe(r.kv.tokens * 1024);
  }, 60_000);

  it('threshold 0 sends a problem to NoThinking: no thoughts, a dense cache of prompt + answer', async () => {
    const p = { op: 'add', a: 4, b: 3 } as const;
    const events: DemoEvent[] = [];
    const r = await runProblem(model, p, { threshold: 0 }, (e) => events.push(e));
    expect(events.map((e) => e.type)).toEqual(['decision']);
    expect(r).toMatchObject({ mode: 'nothink', answer: '7', correct: true, thoughts: '', streamedTokens: 0 });
    // a NoThinking prompt is 29 tokens (testbed README) and the answer "7" one more
    expect(r.kv).toEqual({ tokens: 30, denseBytes: 30 * 1024, cacheBytes: 30 * 1024, compressed: false, compressedTokens: 0 });
  }, 60_000);
});
