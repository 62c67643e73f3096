import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { generateLevelProblems, MODEL_LEVELS } from '@reasonkit/testbed';
import type { LocalBackend } from '../backend/local-backend.js';
import { evaluateTraces } from '../harness/evaluate-traces.js';
import { parseTraceRecord } from '../harness/trace-schema.js';
import { trainProbe } from '../probe/train-probe.js';
import { createModeRouter } from '../router/mode-router.js';
import { haveTestbedModel, loadTestbedBackend, testbedInput } from '../test-utils/testbed.js';
import { runSelectorConformance } from '../testing/run-selector-conformance.js';
import { builtinSelectors } from './builtin.js';
import { defineSelector, noCost } from './define.js';
import { createRegistry } from './registry.js';
import { decide } from './decide.js';
import { resolveFakeThought } from '../format/think-format.js';

describe('registry', () => {
  it('lists nine baselines (five confirmed, four our choice) and four reference selectors', () => {
    const list = createRegistry(builtinSelectors).list();
    expect(list.filter((s) => s.status === 'confirmed').map((s) => s.id).sort()).toEqual(['deer', 'dynasor', 'flashthink', 'probeconf', 'promptconf']);
    expect(list.filter((s) => s.status === 'our-choice').map((s) => s.id).sort()).toEqual(['entropy', 'likelihood', 'switchcot', 'thinkswitcher']);
    expect(list.filter((s) => s.status === 'reference').map((s) => s.id).sort()).toEqual(['always-nothink', 'always-think', 'oracle', 'random']);
    for (const s of list) expect(s.source.length).toBeGreaterThan(0);
  });

  it('duplicate and unknown ids give clear errors', () => {
    const r = createRegistry(builtinSelectors);
    expect(() => r.register(builtinSelectors[0]!)).toThrow(/duplicate selector id "flashthink"/);
    expect(() => r.create('nope', {}, {})).toThrow(/unknown selector id "nope"; registered: flashthink, promptconf, dynasor, deer/);
  });

  it('bad configs and inputs give field-named errors', () => {
    const r = createRegistry(builtinSelectors);
    expect(() => r.create('dynasor', { k: 0 }, {})).toThrow(/selector dynasor config: k: Too small/);
    expect(() => r.create('deer', { threshold: 1.5 }, {})).toThrow(/selector deer config: threshold/);
    expect(() => r.create('random', { rate: -1 }, {})).toThrow(/rate/);
    expect(() => resolveFakeThought('ma2026-unknown')).toThrow(/fakeThought/);
    expect(() => decide({ pNoThink: 0.5, signals: {}, cost: noCost() }, 2)).toThrow(/decide threshold/);
    expect(() => parseTraceRecord({ v: 1, id: 'x', dataset: 'd', yNoThink: 1, lenNoThink: 1, lenThink: 1, scores: {} })).toThrow(/yThink/);
  });

  it('a toy selector defined in a test runs through the router and the harness unchanged', async () => {
    const questionLength = defineSelector({
      id: 'question-length',
      name: 'Question length',
      status: 'our-choice',
      family: 'prompt',
      source: 'a test',
      needs: [],
      config: z.object({ scale: z.number().positive().default(100) }),
      create: (config) => ({
        id: 'question-length',
        needs: [],
        config,
        score: async (input) => ({ pNoThink: Math.max(0, 1 - input.question.length / config.scale), signals: {}, cost: noCost() }),
      }),
    });
    const registry = createRegistry([...builtinSelectors, questionLength]);
    expect(registry.list().map((s) => s.id)).toContain('question-length');
    const selector = registry.create('question-length', { scale: 40 }, {});
    const backend = {
      kind: 'text' as const,
      capabilities: new Set(['chat' as const]),
      hiddenLayers: [],
      usage: { prefillTokens: 0, decodeTokens: 0, calls: 0 },
      continue: async () => ({ text: '42', tokens: [], prefillTokens: 3, decodeTokens: 1, finish: 'eos' as const }),
    };
    const p = generateLevelProblems(MODEL_LEVELS[0]!, 1, 1)[0]!;
    const routed = await createModeRouter({ selector, threshold: 0.3, backend }).route(testbedInput(p));
    expect(routed.mode).toBe('nothink');
    const s = await selector.score(testbedInput(p));
    const rec = parseTraceRecord({ v: 1, id: 'a', dataset: 'd', yNoThink: 1, yThink: 1, lenNoThink: 2, lenThink: 60, scores: { 'question-length': { pNoThink: s.pNoThink } } });
    const rec2 = parseTraceRecord({ ...rec, id: 'b', yNoThink: 0, scores: { 'question-length': { pNoThink: 0 } } });
    const e = evaluateTraces([rec, rec2]);
    expect(e.selectors[0]!.id).toBe('question-length');
    expect(e.selectors[0]!.rocAuc).toBe(1);
  });
});

const skip = !haveTestbedModel();
describe.skipIf(skip)('every built-in passes runSelectorConformance (testbed model as model, verifier and probe features)', () => {
  let backend: LocalBackend;
  beforeAll(async () => {
    backend = await loadTestbedBackend();
  });
  afterAll(async () => {
    await backend?.lm.dispose();
  });

  it('all thirteen', async () => {
    const inputs = MODEL_LEVELS.slice(0, 3).map((l) => testbedInput(generateLevelProblems(l, 1, 21)[0]!));
    const width = backend.lm.config.hiddenSize;
    const xs = Array.from({ length: 16 }, (_, i) => Float32Array.from({ length: width }, (_, k) => Math.sin(i * 7 + k)));
    const probe = trainProbe(xs, xs.map((_, i) => i % 2), { epochs: 2, seed: 1 });
    const router2 = trainProbe(xs, xs.map((_, i) => [i % 2, 1] as [number, number]), { kind: 'regressor2', epochs: 2, seed: 1 });
    for (const def of builtinSelectors) {
      const deps = {
        backend,
        verifier: backend,
        probe: def.id === 'thinkswitcher' ? router2 : probe,
        labels: () => ({ yNoThink: 1, yThink: 1 }),
      };
      const report = await runSelectorConformance(def, deps, inputs);
      expect(report.checks.length).toBeGreaterThan(1);
    }
  });
});
