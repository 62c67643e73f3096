import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { noThinkingPrompt } from '@reasonkit/testbed';
import { haveTestbedModel, testbedModelDir } from '@reasonkit/testbed/node';
import { afterAll, describe, expect, it } from 'vitest';
import { ProbeError } from '../errors/probe-error.js';
import type { ProbeModel } from '../model/probe-model.js';
import { createDefaultRegistry } from '../registry/default-registry.js';
import { loadProbeModelDir } from './load-probe-model.js';
import { writeReport } from './write-report.js';

const prompt = noThinkingPrompt({ op: 'add', a: 23, b: 45 });
const models: ProbeModel[] = [];
afterAll(async () => {
  for (const m of models) await m.dispose();
});

describe.skipIf(!haveTestbedModel())('the methods on the testbed model (packages/testbed/model)', () => {
  it('offers the forward methods; the model lacks attention probabilities, so attention comes from queries and keys', async () => {
    const model = await loadProbeModelDir(testbedModelDir(), { threads: 1 });
    models.push(model);
    expect(model.layers).toBe(4);
    expect([...model.capabilities].sort()).toEqual(['keys', 'logits', 'mlpAct', 'patch', 'queries', 'residual', 'weights']);
    const r = createDefaultRegistry();
    const offered = r.offered({ keys: ['prompt', 'triple_subject'], model });
    expect(offered.filter((o) => !o.missing).map((o) => o.method)).toEqual(['Attention Weights', 'Logit Lens', 'Patchscopes', 'EmbeddingProjection', 'CausalTracing']);
    const aw = await r.run('Attention Weights', { prompt }, model);
    expect((aw.raw as { source: string }).source).toBe('queries-keys');
    const ll = await r.run('Logit Lens', { prompt }, model);
    expect((ll.raw as { topTokens: unknown[] }).topTokens).toHaveLength(5);
  });

  it('causal tracing on the operand: invariants hold and a report is written', async () => {
    const model = await loadProbeModelDir(testbedModelDir(), { threads: 1 });
    models.push(model);
    const r = await createDefaultRegistry().run('CausalTracing', { prompt, triple_subject: '23' }, model, { samples: 4, kinds: ['state'], seed: 3 });
    const raw = r.raw as { state: number[][]; pLow: number; pClean: number; subjectRange: [number, number]; answer: { text: string } };
    const [b] = raw.subjectRange;
    for (let t = 0; t < b; t++) for (const v of raw.state[t]!) expect(Math.abs(v - raw.pLow)).toBeLessThanOrEqual(1e-6);
    const last = raw.state[raw.state.length - 1]!;
    expect(Math.abs(last[3]! - raw.pClean)).toBeLessThanOrEqual(1e-6);
    expect(raw.answer.text).toBe('6');
    const dir = mkdtempSync(join(tmpdir(), 'kp-report-'));
    try {
      const files = await writeReport(dir, [r]);
      expect(files.map((f) => f.slice(dir.length + 1)).sort()).toEqual(['charts/causaltracing-0-restoring-state-score.svg', 'report.html', 'results.json']);
      expect(readFileSync(join(dir, 'report.html'), 'utf8')).toContain('<svg');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('bad input names the field: a layer out of range, an empty prompt', async () => {
    const model = await loadProbeModelDir(testbedModelDir(), { threads: 1 });
    models.push(model);
    const r = createDefaultRegistry();
    const e1 = await r.run('Patchscopes', { prompt }, model, { layers: [4] }).then(() => undefined, (e: unknown) => e as ProbeError);
    expect(e1?.kind).toBe('layer-out-of-range');
    expect(e1?.message).toMatch(/params\.layers\.0: layer 4 is out of range 0\.\.3/);
    const e2 = await r.run('Logit Lens', { prompt: '' }, model).then(() => undefined, (e: unknown) => e as ProbeError);
    expect(e2?.kind).toBe('empty-prompt');
    const e3 = await r.run('Logit Lens', { prompt }, model, { position: 999 }).then(() => undefined, (e: unknown) => e as ProbeError);
    expect(e3?.details.field).toBe('params.position');
  });
});
