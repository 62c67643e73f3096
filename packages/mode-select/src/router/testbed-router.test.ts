import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScriptedCausalLM } from '@reasonkit/core/testing';
import { generateLevelProblems, MODEL_LEVELS, noThinkingPrompt, solveWithModel, TESTBED_EOS_ID } from '@reasonkit/testbed';
import type { LocalBackend } from '../backend/local-backend.js';
import { createLocalBackend } from '../backend/local-backend.js';
import { runEarlyExit } from '../early-exit/early-exit.js';
import { delimiterSegmenter } from '../early-exit/segmenters.js';
import { CapabilityError, ModeSelectError } from '../errors/mode-select-error.js';
import { createThinkFormat } from '../format/think-format.js';
import { trainProbe } from '../probe/train-probe.js';
import { builtinSelectors } from '../selectors/builtin.js';
import { deerPolicy } from '../selectors/deer.js';
import { createPolicy, createRegistry } from '../selectors/registry.js';
import { haveTestbedModel, loadTestbedBackend, testbedFakeThought, testbedInput } from '../test-utils/testbed.js';
import { createModeRouter } from './mode-router.js';

const skip = !haveTestbedModel();
if (skip) console.warn('mode-select: testbed model missing (packages/testbed/model); skipping real-model router tests');

describe.skipIf(skip)('router on the testbed model (real ONNX Runtime session)', () => {
  let backend: LocalBackend;
  beforeAll(async () => {
    backend = await loadTestbedBackend();
  });
  afterAll(async () => {
    await backend?.lm.dispose();
  });

  it('the testbed format and fake thought give exactly the testbed NoThinking prompt', () => {
    const p = generateLevelProblems(MODEL_LEVELS[2]!, 1, 5)[0]!;
    const input = testbedInput(p);
    expect(input.format.promptFor(input.question) + testbedFakeThought.body + testbedFakeThought.close).toBe(noThinkingPrompt(p));
  });

  it('prefix reuse (ProbeConf): the NoThinking answer equals a fresh run token for token, with zero extra prefill tokens', async () => {
    // a small probe on hidden states at prompt + fake-thought body (labels: NoThinking correct)
    const train = MODEL_LEVELS.flatMap((l) => generateLevelProblems(l, 8, 101));
    const layer = backend.hiddenLayers[backend.hiddenLayers.length - 1]!;
    const xs: Float32Array[] = [];
    const ys: number[] = [];
    for (const p of train) {
      const input = testbedInput(p);
      xs.push((await backend.hiddenState!(input.format.promptFor(input.question) + input.fakeThought.body, layer)).vector);
      ys.push((await solveWithModel(backend.lm, backend.tokenizer, p, 'no-thinking', { maxNewTokens: 12 })).correct ? 1 : 0);
    }
    const probe = trainProbe(xs, ys, { epochs: 50, seed: 1 });
    const selector = createRegistry(builtinSelectors).create('probeconf', {}, { backend, probe });
    // threshold 0: every question with p > 0 takes NoThinking, so each one exercises reuse
    const router = createModeRouter({ selector, threshold: 0, backend, maxAnswerTokens: 12 });
    for (const p of MODEL_LEVELS.flatMap((l) => generateLevelProblems(l, 2, 7))) {
      backend.clearCache();
      const routed = await router.route(testbedInput(p));
      expect(routed.mode).toBe('nothink');
      const freshIds = backend.tokenizer.encode(noThinkingPrompt(p), { bos: true });
      const fresh = await solveWithModel(backend.lm, backend.tokenizer, p, 'no-thinking', { maxNewTokens: 12 });
      expect(routed.text).toBe(fresh.text);
      expect(routed.usage.generatedTokens).toBe(fresh.tokens);
      // the selector prefilled prompt + fake-thought body; the answer prefilled only the close: the sum is one NoThinking prefill
      expect(routed.usage.selectorPrefillTokens + routed.usage.prefillTokens).toBe(freshIds.length);
      expect(routed.usage.selectorPrefillTokens).toBeGreaterThan(0);
      expect(routed.usage.prefillTokens).toBeLessThan(freshIds.length);
    }
  });

  it('prefix reuse (DEER after the close): the trial answer is the NoThinking answer, reused with no second generation', async () => {
    const selector = createRegistry(builtinSelectors).create('deer', { placement: 'after-close', stops: ['\n'] }, { backend });
    const router = createModeRouter({ selector, threshold: 0, backend, maxAnswerTokens: 12 });
    for (const p of MODEL_LEVELS.flatMap((l) => generateLevelProblems(l, 1, 8))) {
      backend.clearCache();
      const routed = await router.route(testbedInput(p));
      const fresh = await solveWithModel(backend.lm, backend.tokenizer, p, 'no-thinking', { maxNewTokens: 12 });
      expect(routed.mode).toBe('nothink');
      expect(routed.usage.reusedTrial).toBe(true);
      expect(routed.usage.prefillTokens).toBe(0);
      expect(routed.text).toBe(fresh.text);
      expect(routed.usage.selectorDecodeTokens).toBe(fresh.tokens);
      expect(routed.usage.selectorPrefillTokens).toBe(backend.tokenizer.encode(noThinkingPrompt(p), { bos: true }).length);
    }
  });

  it('a Thinking decision reuses the prompt prefix and answers like a fresh Thinking run', async () => {
    const selector = createRegistry(builtinSelectors).create('always-think', {}, {});
    const router = createModeRouter({ selector, threshold: 0.5, backend, maxThinkTokens: 200 });
    const p = generateLevelProblems(MODEL_LEVELS[3]!, 1, 3)[0]!;
    const routed = await router.route(testbedInput(p));
    const fresh = await solveWithModel(backend.lm, backend.tokenizer, p, 'thinking', { maxNewTokens: 200 });
    expect(routed.mode).toBe('think');
    expect(routed.text).toBe(fresh.text);
  });

  it('early exit as a generation hook: one close tag, then the answer', async () => {
    const policy = createPolicy(deerPolicy, { placement: 'after-close', stops: ['\n'], threshold: 0.5, aggregate: 'min' }, { backend });
    const p = generateLevelProblems(MODEL_LEVELS[2]!, 1, 11)[0]!;
    const events = [];
    for await (const e of runEarlyExit(backend, policy, testbedInput(p), { segmenter: delimiterSegmenter('\n'), maxTokens: 200, maxChecks: 10, eosTokenIds: [TESTBED_EOS_ID] })) events.push(e);
    const checks = events.filter((e) => e.type === 'check');
    expect(checks.length).toBeGreaterThan(0);
    const done = events.find((e) => e.type === 'done')!;
    if (done.type !== 'done') throw new Error('no done');
    expect(done.text.split('</think>').length - 1).toBe(1);
    expect(done.usage.checkTokens).toBeGreaterThan(0);
    const exit = events.find((e) => e.type === 'exit')!;
    expect(exit).toBeDefined();
  });

  it('a format whose close tag is not in the vocabulary is a typed format error', async () => {
    const bad = createThinkFormat({ id: 'bad', template: '{question}<think>', thinkClose: '</reason>' });
    const policy = createPolicy(deerPolicy, {}, { backend });
    const p = generateLevelProblems(MODEL_LEVELS[0]!, 1, 1)[0]!;
    const run = async () => {
      for await (const _ of runEarlyExit(backend, policy, { ...testbedInput(p), format: bad }, { segmenter: delimiterSegmenter('\n') })) void _;
    };
    await expect(run()).rejects.toSatisfy((e: unknown) => ModeSelectError.isKind(e, 'format') && /thinkClose "<\/reason>" is not a token/.test((e as Error).message));
  });
});

describe('capability checks come before any model call', () => {
  it('probeconf on a model without hidden_states.* throws CapabilityError naming selector and capability', () => {
    const lm = createScriptedCausalLM({ vocabSize: 8, script: [], extraOutputs: [] });
    const tokenizer = { vocabSize: 8, encode: () => [1], decode: () => '', idToToken: () => undefined };
    const backend = createLocalBackend({ lm, tokenizer });
    const registry = createRegistry(builtinSelectors);
    let error: unknown;
    try {
      registry.create('probeconf', {}, { backend });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CapabilityError);
    expect((error as CapabilityError).message).toMatch(/probeconf needs `hidden`.*hidden_states/);
    expect(lm.calls.length).toBe(0);
  });

  it('flashthink without a verifier throws CapabilityError', () => {
    expect(() => createRegistry(builtinSelectors).create('flashthink', {}, {})).toThrow(/flashthink needs `verifier-chat`/);
  });
});
