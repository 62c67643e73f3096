import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalTextModel, createOpenAICompatible } from '@reasonkit/core';
import { createOpenAIServer, type OpenAIServer } from '@reasonkit/core/node';
import { generateLevelProblems, MODEL_LEVELS, solveWithModel } from '@reasonkit/testbed';
import type { LocalBackend } from '../backend/local-backend.js';
import { createTextBackend } from '../backend/text-backend.js';
import { CapabilityError } from '../errors/mode-select-error.js';
import { builtinSelectors } from '../selectors/builtin.js';
import { createRegistry } from '../selectors/registry.js';
import { haveTestbedModel, loadTestbedBackend, testbedInput } from '../test-utils/testbed.js';
import { createModeRouter } from './mode-router.js';

const skip = !haveTestbedModel();

describe.skipIf(skip)('the same router against an OpenAI-compatible server (core reasonkit serve, loopback HTTP)', () => {
  let local: LocalBackend;
  let server: OpenAIServer;
  beforeAll(async () => {
    local = await loadTestbedBackend();
    server = await createOpenAIServer({ model: createLocalTextModel({ lm: local.lm, tokenizer: local.tokenizer }), modelName: 'testbed' });
  });
  afterAll(async () => {
    await server?.close();
    await local?.lm.dispose();
  });
  const remote = () => createTextBackend({ model: createOpenAICompatible({ baseURL: server.url, model: 'testbed', timeoutMs: 30_000 }) });

  it('DEER over HTTP logprobs scores like the local model and routes the same way', async () => {
    const registry = createRegistry(builtinSelectors);
    const config = { placement: 'after-close', stops: ['\n'] };
    const viaHttp = registry.create('deer', config, { backend: remote() });
    const direct = registry.create('deer', config, { backend: local });
    for (const p of MODEL_LEVELS.flatMap((l) => generateLevelProblems(l, 1, 31))) {
      const input = testbedInput(p);
      const a = await viaHttp.score(input);
      const b = await direct.score(input);
      expect(Math.abs(a.pNoThink - b.pNoThink)).toBeLessThan(1e-4);
      expect(a.signals.trialAnswer).toBe(b.signals.trialAnswer);
    }
    const router = createModeRouter({ selector: viaHttp, threshold: 0.95, backend: remote(), maxAnswerTokens: 12, maxThinkTokens: 200 });
    const p = generateLevelProblems(MODEL_LEVELS[0]!, 1, 2)[0]!;
    const routed = await router.route(testbedInput(p));
    const fresh = await solveWithModel(local.lm, local.tokenizer, p, routed.mode === 'nothink' ? 'no-thinking' : 'thinking', { maxNewTokens: routed.mode === 'nothink' ? 12 : 200 });
    expect(routed.text).toBe(fresh.text);
  });

  it('text-only selectors (promptconf, switchcot, dynasor) run over HTTP; hidden-state selectors fail with CapabilityError', async () => {
    const registry = createRegistry(builtinSelectors);
    const input = testbedInput(generateLevelProblems(MODEL_LEVELS[1]!, 1, 3)[0]!);
    for (const id of ['promptconf', 'switchcot', 'dynasor']) {
      const s = registry.create(id, id === 'dynasor' ? { suffix: '', placement: 'after-close', answerEnd: 'line', probeTokens: 8 } : {}, { backend: remote() });
      const r = await s.score(input);
      expect(r.pNoThink).toBeGreaterThanOrEqual(0);
      expect(r.pNoThink).toBeLessThanOrEqual(1);
      expect(r.cost.prefillTokens).toBeGreaterThan(0);
    }
    expect(() => registry.create('probeconf', {}, { backend: remote() })).toThrow(CapabilityError);
  });
});
