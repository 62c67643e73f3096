import { describe, expect, it } from 'vitest';
import { ProbeError } from '../../errors/probe-error.js';
import { haveStories, P1, RUNTIMES, skipMessage, storiesProbe } from '../../test-utils/stories.js';
import { PATCHSCOPES_IDENTITY_PROMPT, patchscopesMethod, PatchscopesParamsSchema } from './patchscopes-method.js';

describe.skipIf(!haveStories)(`Patchscopes on stories260K${haveStories ? '' : ` (${skipMessage})`}`, () => {
  for (const runtime of Object.keys(RUNTIMES) as (keyof typeof RUNTIMES)[]) {
    it(`${runtime}: reproduces spec §9.6`, async () => {
      const m = await storiesProbe(runtime);
      const tgt = m.tokenizer.encode(PATCHSCOPES_IDENTITY_PROMPT, { bos: true });
      expect(tgt).toHaveLength(33);
      expect(tgt.slice(0, 6)).toEqual([1, 280, 294, 410, 464, 505]);
      expect(tgt[32]).toBe(450);
      const r = await patchscopesMethod.run({ prompt: P1 }, m, PatchscopesParamsSchema.parse({}), {});
      expect(r.raw.unpatched.id).toBe(436);
      expect(Math.abs(r.raw.unpatched.p - 0.6495)).toBeLessThanOrEqual(1e-4);
      expect(r.raw.layers.map((l) => l.layer)).toEqual([0, 1, 2, 3]);
      [0.9199, 0.9808, 0.9902, 0.9892].forEach((p, i) => {
        expect(r.raw.layers[i]!.predicted.id).toBe(432);
        expect(Math.abs(r.raw.layers[i]!.predicted.p - p)).toBeLessThanOrEqual(1e-4);
        expect(r.raw.layers[i]!.predicted.id).not.toBe(r.raw.unpatched.id);
      });
    });
  }
  it('a layer out of range names the parameter', async () => {
    const m = await storiesProbe('node');
    const err = await patchscopesMethod.run({ prompt: P1 }, m, PatchscopesParamsSchema.parse({ layers: [0, 7] }), {}).catch((e: unknown) => e);
    expect(ProbeError.isKind(err, 'layer-out-of-range')).toBe(true);
    expect((err as ProbeError).details.field).toBe('params.layers.1');
  });
});
