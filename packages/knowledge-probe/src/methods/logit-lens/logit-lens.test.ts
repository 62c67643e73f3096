import { describe, expect, it } from 'vitest';
import { haveStories, P1, RUNTIMES, skipMessage, storiesProbe, storiesReference } from '../../test-utils/stories.js';
import { logitLensMethod } from './logit-lens-method.js';
import { logitLensDistributions } from './logit-lens.js';

// Spec §9.2 [reference value]: top-1 (and top-2 where given) per row at the last position of P1.
const GOLDEN = {
  all: [[[378, 1.0]], [[378, 1.0]], [[378, 0.9993]], [[432, 0.6643], [378, 0.233]], [[432, 0.8874], [383, 0.0761]], [[432, 0.9688], [383, 0.0287]]],
  knowmri: [[[378, 0.4918]], [[378, 0.7485]], [[378, 0.7717]], [[378, 0.2483], [432, 0.1757]], [[432, 0.614], [383, 0.1539]], [[432, 0.9688], [383, 0.0287]]],
} as const;

describe.skipIf(!haveStories)(`Logit Lens on stories260K${haveStories ? '' : ` (${skipMessage})`}`, () => {
  for (const runtime of Object.keys(RUNTIMES) as (keyof typeof RUNTIMES)[]) {
    for (const finalNorm of ['all', 'knowmri'] as const) {
      it(`${runtime}, finalNorm ${finalNorm}: reproduces spec §9.2 (ids exact, p ±1e-4)`, async () => {
        const model = await storiesProbe(runtime);
        const r = await logitLensMethod.run({ prompt: P1 }, model, { topK: 3, finalNorm, position: -1 }, {});
        expect(r.raw.topTokens).toHaveLength(6);
        GOLDEN[finalNorm].forEach((row, l) => {
          row.forEach(([id, p], k) => {
            expect(r.raw.topTokens[l]![k]!.id).toBe(id);
            expect(Math.abs(r.raw.topTokens[l]![k]!.p - p)).toBeLessThanOrEqual(p === 1 ? 1e-4 : 5e-5 + 1e-4);
          });
        });
        expect(r.tables[0]!.rows.map((x) => x.Layer)).toEqual(['Layer_0', 'Layer_1', 'Layer_2', 'Layer_3', 'Layer_4', 'Layer_5']);
        expect(r.raw.answer.id).toBe(432);
        expect(JSON.parse(JSON.stringify(r))).toEqual(r);
      });
    }
  }

  it('the last row equals the model next-token distribution, and ONNX rows equal the TS reference forward', async () => {
    const model = await storiesProbe('node');
    const { model: reference, tokenizer } = storiesReference();
    const ids = tokenizer.encode(P1, { bos: true });
    expect(ids).toEqual([1, 403, 407, 261, 378]);
    const outputs = Array.from({ length: 6 }, (_, l) => `hidden_states.${l}`);
    const refOut = reference.forwardSync({ inputIds: ids, outputs, logits: 'all' });
    const rows = outputs.map((o) => refOut.extra[o]!.data.slice(4 * 64, 5 * 64) as Float32Array);
    const probs = logitLensDistributions(rows, model.weights(), 'all');
    const r = await logitLensMethod.run({ prompt: P1 }, model, { topK: 3, finalNorm: 'all', position: -1 }, {});
    for (let l = 0; l < 6; l++) for (const t of r.raw.topTokens[l]!) expect(Math.abs(probs[l]![t.id]! - t.p)).toBeLessThanOrEqual(1e-5);
    const logits = (refOut.logits.data as Float32Array).subarray(4 * 512, 5 * 512);
    let max = -Infinity;
    for (const v of logits) max = Math.max(max, v);
    let z = 0;
    for (const v of logits) z += Math.exp(v - max);
    expect(Math.abs(Math.exp(logits[432]! - max) / z - probs[5]![432]!)).toBeLessThanOrEqual(1e-5);
  });
});
