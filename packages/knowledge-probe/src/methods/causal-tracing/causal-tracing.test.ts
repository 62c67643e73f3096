import { describe, expect, it } from 'vitest';
import { ProbeError } from '../../errors/probe-error.js';
import { haveStories, P2, RUNTIMES, skipMessage, storiesProbe } from '../../test-utils/stories.js';
import { causalTracingMethod, CausalTracingParamsSchema, subjectSigma } from './causal-tracing-method.js';
import { subjectSpan } from './subject-span.js';

const sample = { prompt: P2, triple_subject: 'little girl' };
const params = (over: Partial<Record<string, unknown>>) => CausalTracingParamsSchema.parse(over);
const close = (a: number, b: number, tol = 1e-4) => expect(Math.abs(a - b)).toBeLessThanOrEqual(tol);

describe.skipIf(!haveStories)(`CausalTracing on stories260K${haveStories ? '' : ` (${skipMessage})`}`, () => {
  it('tokenization and subject span of spec §9.1', async () => {
    const m = await storiesProbe('node');
    const ids = m.tokenizer.encode(P2, { bos: true });
    expect(ids).toEqual([1, 403, 407, 261, 378, 432, 383, 286, 261, 376, 298, 315, 421, 395]);
    expect(subjectSpan(m.tokenizer, P2, ids, 'little girl')).toEqual([9, 13]);
    expect(subjectSpan(m.tokenizer, P2, ids, 'a', 'first')).toEqual([3, 4]);
    expect(subjectSpan(m.tokenizer, P2, ids, 'a', 'last')[0]).toBeGreaterThan(3);
    expect(() => subjectSpan(m.tokenizer, P2, ids, 'dragon')).toThrow(ProbeError);
  });

  it('σ for "s3": std of the subject embeddings with BOS (spec §9.5)', async () => {
    const m = await storiesProbe('node');
    close(subjectSigma(m, 'little girl', 1), 0.255519, 1e-6);
  });

  for (const runtime of Object.keys(RUNTIMES) as (keyof typeof RUNTIMES)[]) {
    it(`${runtime}: zero-replacement corruption reproduces spec §9.5 (state, window 2)`, async () => {
      const m = await storiesProbe(runtime);
      const r = await causalTracingMethod.run(sample, m, params({ corruption: 'zeros', samples: 1, window: 2 }), {});
      const raw = r.raw;
      expect(raw.answer.id).toBe(317);
      close(raw.pClean, 0.926261);
      close(raw.pLow, 0.003817);
      expect(raw.subjectRange).toEqual([9, 13]);
      expect(raw.state).toHaveLength(14);
      for (let t = 0; t <= 8; t++) for (let l = 0; l < 5; l++) close(raw.state![t]![l]!, raw.pLow, 1e-6);
      close(raw.state![13]![4]!, raw.pClean, 1e-6);
      close(raw.state![12]![1]!, 0.158381);
      close(raw.state![13]![3]!, 0.746451);
      close(raw.state![13]![0]!, 0.003582);
      close(raw.mlp![12]![1]!, 0.213521);
      close(raw.attn![13]![2]!, 0.190821);
      expect(r.charts.map((c) => c.name)).toEqual(['Restoring state score', 'Restoring MLP score', 'Restoring Attn score']);
      expect(JSON.parse(JSON.stringify(r))).toEqual(r);
    });
  }

  it('Gaussian mode: invariants hold and results are identical for a seed on ORT-node and ORT-web', async () => {
    const p = params({ samples: 10, seed: 5, kinds: ['state'] });
    const [node, web] = await Promise.all([storiesProbe('node'), storiesProbe('web')]);
    const a = await causalTracingMethod.run(sample, node, p, {});
    const b = await causalTracingMethod.run(sample, web, p, {});
    expect(a.seed).toBe(5);
    expect(a.raw.sigma).toBeCloseTo(3 * 0.255519, 5);
    for (let t = 0; t <= 8; t++) for (let l = 0; l < 5; l++) close(a.raw.state![t]![l]!, a.raw.pLow, 1e-6);
    close(a.raw.state![13]![4]!, a.raw.pClean, 1e-6);
    expect(a.raw.pLow).toBeLessThan(a.raw.pClean);
    a.raw.state!.forEach((row, t) => row.forEach((v, l) => close(v, b.raw.state![t]![l]!, 1e-5)));
    const again = await causalTracingMethod.run(sample, node, p, {});
    expect(again.raw.state).toEqual(a.raw.state);
    const other = await causalTracingMethod.run(sample, node, { ...p, seed: 6 }, {});
    expect(other.raw.pLow).not.toBe(a.raw.pLow);
  });

  it('bad input: a subject not in the prompt names triple_subject', async () => {
    const m = await storiesProbe('node');
    const err = await causalTracingMethod.run({ prompt: P2, triple_subject: 'dragon' }, m, params({}), {}).catch((e: unknown) => e);
    expect(ProbeError.isKind(err, 'subject-not-in-prompt')).toBe(true);
    expect((err as ProbeError).details.field).toBe('triple_subject');
  });
});
