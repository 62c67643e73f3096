import { describe, expect, it } from 'vitest';
import { ProbeError } from '../errors/probe-error.js';
import { CAPABILITIES, type Capability, type ProbeModel } from '../model/probe-model.js';
import { haveStories, P1, skipMessage, storiesProbe } from '../test-utils/stories.js';
import { createDefaultRegistry } from './default-registry.js';
import { calibrateCost, plan } from './planner.js';
import type { InputKey } from './sample.js';

const COUNTERFACT: InputKey[] = ['prompt', 'prompts', 'ground_truth', 'triple_subject', 'triple_object'];
const GSM8K: InputKey[] = ['prompt', 'prompts', 'ground_truth'];
const full = { capabilities: new Set<Capability>(CAPABILITIES) };

describe('method registry (spec §9.7)', () => {
  it('offers CounterFact methods cheapest first, ties by name; import-only methods never', () => {
    const r = createDefaultRegistry();
    expect(r.offered({ keys: COUNTERFACT, model: full })).toEqual([
      { method: 'Attention Weights', cost: 0.9 },
      { method: 'FiNE', cost: 1 },
      { method: 'Logit Lens', cost: 1 },
      { method: 'Patchscopes', cost: 3 },
      { method: 'Self-explanation', cost: 3 },
      { method: 'EmbeddingProjection', cost: 12 },
      { method: 'CausalTracing', cost: 180 },
    ]);
    const all = r.offered({ keys: ['prompt', 'prompts', 'ground_truth', 'triple', 'triple_subject', 'triple_relation', 'triple_object'], model: full }).map((o) => o.method);
    for (const name of ['KN', 'Attribution', 'KnowledgeCircuits', 'SPINE']) expect(all).not.toContain(name);
    expect(r.names()).toEqual(expect.arrayContaining(['KN', 'Attribution', 'KnowledgeCircuits', 'SPINE']));
  });
  it('GSM8K keys: no CausalTracing; a model without patch lists CausalTracing with missing', () => {
    const r = createDefaultRegistry();
    expect(r.offered({ keys: GSM8K, model: full }).map((o) => o.method)).not.toContain('CausalTracing');
    const noPatch = { capabilities: new Set<Capability>(CAPABILITIES.filter((c) => c !== 'patch')) };
    const ct = r.offered({ keys: COUNTERFACT, model: noPatch }).find((o) => o.method === 'CausalTracing');
    expect(ct).toEqual({ method: 'CausalTracing', cost: 180, missing: ['patch'] });
  });
  it('run-time validation names the key, the empty prompt and the non-string prompt', async () => {
    const r = createDefaultRegistry();
    const model = { id: 'm', capabilities: full.capabilities } as unknown as ProbeModel;
    const fail = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e as ProbeError);
    const e1 = await fail(r.run('CausalTracing', { prompt: 'x' } as never, model));
    expect(e1?.kind).toBe('missing-key');
    expect(e1?.details.field).toBe('triple_subject');
    const e2 = await fail(r.run('Logit Lens', { prompt: '  ' }, model));
    expect(e2?.kind).toBe('empty-prompt');
    expect(e2?.details.field).toBe('prompt');
    const e3 = await fail(r.run('Logit Lens', { prompt: 42 } as never, model));
    expect(e3?.kind).toBe('invalid-sample');
    expect(e3?.details.field).toBe('prompt');
    const e4 = await fail(r.run('Logit Lens', { prompt: 'x' }, { id: 'm', capabilities: new Set() } as unknown as ProbeModel));
    expect(e4?.kind).toBe('missing-capability');
    expect(e4?.message).toMatch(/residual, weights/);
    const e5 = await fail(r.run('KN' as never, { prompt: 'x' } as never, model));
    expect(e5?.kind).toBe('unknown-method');
    const e6 = await fail(r.run('Logit Lens', { prompt: 'x' }, model, { topK: 0 }));
    expect(e6?.code).toBe('INVALID_ARGUMENT');
    expect(e6?.message).toMatch(/topK/);
  });
});

describe.skipIf(!haveStories)(`planner on stories260K${haveStories ? '' : ` (${skipMessage})`}`, () => {
  it('runs cheapest first within the budget, and calibration replaces declared costs', async () => {
    const model = await storiesProbe('node');
    const r = createDefaultRegistry();
    const results = await plan(r, { prompt: P1 }, model, { budgetSeconds: 2 });
    expect(results.map((x) => x.method)).toEqual(['Attention Weights', 'Logit Lens']);
    const measured = await calibrateCost(r, model, { prompt: P1 });
    expect(Object.keys(measured).sort()).toEqual(['Attention Weights', 'EmbeddingProjection', 'Logit Lens', 'Patchscopes']);
    expect(r.cost('Patchscopes')).toBe(measured.Patchscopes);
    expect(createDefaultRegistry().cost('Patchscopes')).toBe(3);
  });
  it('a model lacking an output: capturing a site the graph does not have names the tensor', async () => {
    const model = await storiesProbe('node', false);
    expect(model.capabilities.has('attentionProbs')).toBe(false);
    const err = await model.forward({ ids: [[1, 403]], capture: ['attn.0'] }).then(() => { throw new Error('expected a failure'); }, (e: unknown) => e as ProbeError);
    expect(err.kind).toBe('missing-output');
    const err2 = await createDefaultRegistry().run('Attention Weights', { prompt: P1 }, model, { source: 'probs' }).then(() => { throw new Error('expected a failure'); }, (e: unknown) => e as ProbeError);
    expect(err2.kind).toBe('missing-output');
    expect(err2.details.tensor).toBe('attentions.0');
  });
});
