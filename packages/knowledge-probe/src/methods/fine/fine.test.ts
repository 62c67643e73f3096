import { describe, expect, it } from 'vitest';
import { haveStories, skipMessage, storiesProbe } from '../../test-utils/stories.js';
import { FineParamsSchema, fineMethod } from './fine-method.js';

describe.skipIf(!haveStories)(`FiNE on stories260K${haveStories ? '' : ` (${skipMessage})`}`, () => {
  it('per layer, the neuron scores sum to the MLP output projected on the predicted tokens (an independent graph tensor)', async () => {
    const m = await storiesProbe('node');
    const sample = { prompt: 'Once upon a time, there was a little girl named', ground_truth: 'Lily' };
    const r = await fineMethod.run(sample, m, FineParamsSchema.parse({ numNeuron: 10 }), {});
    const ids = m.tokenizer.encode(`${sample.prompt} ${sample.ground_truth}`, { bos: true });
    expect(r.raw.positions).toEqual([ids.length - 2]);
    expect(r.raw.predicted[0]!.id).toBe(317); // the model predicts " Lily" after "named"
    const out = await m.forward({ ids: [ids], capture: Array.from({ length: 5 }, (_, l) => `mlp_out.${l}`) });
    const { unembedding } = m.weights();
    const d = m.hidden;
    const j = r.raw.positions[0]!;
    const u = unembedding.data.subarray(317 * d, 318 * d);
    for (let l = 0; l < 5; l++) {
      const mo = out.captured[`mlp_out.${l}`]!.data.subarray(j * d, (j + 1) * d);
      let expected = 0;
      for (let c = 0; c < d; c++) expected += mo[c]! * u[c]!;
      const sum = r.raw.contribution[l]!.reduce((a, b) => a + b, 0);
      expect(Math.abs(sum - expected)).toBeLessThanOrEqual(1e-4 * Math.max(1, Math.abs(expected)));
    }
    expect(r.raw.top).toHaveLength(10);
    expect(r.raw.top[0]!.score).toBeGreaterThanOrEqual(r.raw.top[9]!.score);
    expect(r.raw.top[0]!.tokens).toHaveLength(3);
    const gt = await fineMethod.run({ ...sample, ground_truth: 'Tom' }, m, FineParamsSchema.parse({ numNeuron: 3, target: 'ground-truth' }), {});
    const tom = m.tokenizer.encode(`${sample.prompt} Tom`, { bos: true });
    const gtLen = tom.length - m.tokenizer.encode(sample.prompt, { bos: true }).length;
    expect(gt.raw.predicted.map((p) => p.id)).toEqual(tom.slice(tom.length - gtLen));
    expect(r.raw.contribution[0]).toHaveLength(m.weights().mlp!(0)!.write.dims[0]!);
  });
});
