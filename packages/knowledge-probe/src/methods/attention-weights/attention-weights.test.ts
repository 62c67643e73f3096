import { describe, expect, it } from 'vitest';
import { haveStories, P1, RUNTIMES, skipMessage, storiesProbe, storiesReference } from '../../test-utils/stories.js';
import { populationVariance } from '../../math/stats.js';
import { attentionFromQueriesKeys, selectHeads } from './attention-math.js';
import { attentionWeights, attentionWeightsMethod } from './attention-weights-method.js';

describe('attention math (hand-computed)', () => {
  it('one head, two tokens: softmax of scaled scores with the causal mask', () => {
    // q = [[1,0],[0,1]], k = [[1,0],[1,1]], hd = 2: row 1 scores (0·1+1·0, 0·1+1·1)/√2 = (0, 0.7071)
    const a = attentionFromQueriesKeys(Float32Array.of(1, 0, 0, 1), Float32Array.of(1, 0, 1, 1), 1, 1, 2, 2);
    const e = Math.exp(1 / Math.SQRT2);
    expect(Array.from(a)).toEqual([1, 0, expect.closeTo(1 / (1 + e), 6), expect.closeTo(e / (1 + e), 6)]);
  });
  it('grouped-query heads share their KV head', () => {
    const q = Float32Array.of(1, 0, 0, 1, 1, 0, 0, 1); // 2 heads, identical
    const a = attentionFromQueriesKeys(q, Float32Array.of(1, 0, 1, 1), 2, 1, 2, 2);
    expect(Array.from(a.subarray(0, 4))).toEqual(Array.from(a.subarray(4, 8)));
  });
  it('population variance and selection order', () => {
    expect(populationVariance([1, 0, 0.5, 0.5])).toBeCloseTo(0.125, 12);
    const flat = Float32Array.of(0.5, 0.5, 0.5, 0.5);
    const peaked = Float32Array.of(1, 0, 0, 1);
    expect(selectHeads([[peaked, flat], [flat, peaked]], 2, 'lowest-variance', 2)).toEqual([[0, 1], [1, 0]]);
    expect(selectHeads([[peaked, flat]], 1, 'highest-max', 2)).toEqual([[0, 0]]);
  });
});

describe.skipIf(!haveStories)(`Attention Weights on stories260K${haveStories ? '' : ` (${skipMessage})`}`, () => {
  for (const runtime of Object.keys(RUNTIMES) as (keyof typeof RUNTIMES)[]) {
    it(`${runtime}: reproduces spec §9.3 rows and the five lowest-variance heads`, async () => {
      const model = await storiesProbe(runtime);
      const r = await attentionWeightsMethod.run({ prompt: P1 }, model, { numHeads: 5, select: 'lowest-variance', source: 'auto' }, {});
      expect(r.raw.source).toBe('probs');
      const row00 = r.raw.weights[0]![0]![4]!;
      [0.0256, 0.0161, 0.0457, 0.3095, 0.6031].forEach((v, i) => expect(Math.abs(row00[i]! - v)).toBeLessThanOrEqual(1e-4 + 5e-5));
      const row47 = r.raw.weights[4]![7]![4]!;
      [0.5451, 0.2777, 0.0905, 0.0259, 0.0608].forEach((v, i) => expect(Math.abs(row47[i]! - v)).toBeLessThanOrEqual(1e-4 + 5e-5));
      expect(r.raw.selected).toEqual([[0, 1], [1, 1], [4, 2], [4, 3], [4, 6]]);
      // ranked by variance the order is the spec's: (4,3), (1,1), (0,1), (4,2), (4,6), from 0.055358 to 0.058561
      const ranked = r.raw.selected.map((s, i) => ({ s, v: r.raw.variances[i]! })).sort((a, b) => a.v - b.v);
      expect(ranked.map((x) => x.s)).toEqual([[4, 3], [1, 1], [0, 1], [4, 2], [4, 6]]);
      expect(ranked[0]!.v).toBeCloseTo(0.055358, 5);
      expect(ranked[4]!.v).toBeCloseTo(0.058561, 5);
      expect(r.charts).toHaveLength(5);
    });

    it(`${runtime}: the queries/keys path equals the explicit-softmax path to 1e-5`, async () => {
      const model = await storiesProbe(runtime);
      const ids = model.tokenizer.encode('Once upon a time, there was a little girl named', { bos: true });
      const probs = await attentionWeights(model, ids, 'probs');
      const qk = await attentionWeights(model, ids, 'queries-keys');
      let m = 0;
      probs.forEach((a, l) => a.forEach((v, i) => (m = Math.max(m, Math.abs(v - qk[l]![i]!)))));
      expect(m).toBeLessThanOrEqual(1e-5);
    });
  }

  it('ONNX attention equals the TS reference forward softmax to 1e-5', async () => {
    const model = await storiesProbe('node');
    const { model: reference, tokenizer } = storiesReference();
    const ids = tokenizer.encode(P1, { bos: true });
    const out = reference.forwardSync({ inputIds: ids, outputs: ['attentions.0', 'attentions.4'], logits: 'none' });
    const qk = await attentionWeights(model, ids, 'queries-keys');
    for (const l of [0, 4]) {
      const a = out.extra[`attentions.${l}`]!.data as Float32Array;
      let m = 0;
      a.forEach((v, i) => (m = Math.max(m, Math.abs(v - qk[l]![i]!))));
      expect(m).toBeLessThanOrEqual(1e-5);
    }
  });
});
