import { describe, expect, it } from 'vitest';
import { haveStories, P2, RUNTIMES, skipMessage, storiesProbe } from '../test-utils/stories.js';

function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

describe.skipIf(!haveStories)(`patchable graphs on stories260K${haveStories ? '' : ` (${skipMessage})`}`, () => {
  for (const runtime of Object.keys(RUNTIMES) as (keyof typeof RUNTIMES)[]) {
    it(`${runtime}: zero masks reproduce the plain graph; mask 1 with the clean value changes nothing; a real patch does`, async () => {
      const m = await storiesProbe(runtime);
      const ids = m.tokenizer.encode(P2, { bos: true });
      const T = ids.length;
      const B = 3;
      const rows = Array.from({ length: B }, () => ids);
      const sites = ['embed', 'resid.1', 'attn_out.2', 'mlp_out.3'];
      const plain = await m.forward({ ids: rows, capture: sites });
      const zero = sites.map((site) => ({ site, mask: new Float32Array(B * T), value: new Float32Array(B * T * m.hidden).fill(5) }));
      const masked0 = await m.forward({ ids: rows, patches: zero });
      expect(maxAbsDiff(plain.logits.data, masked0.logits.data)).toBeLessThanOrEqual(1e-6);
      const same = sites.map((site) => ({ site, mask: new Float32Array(B * T).fill(1), value: plain.captured[site]!.data.slice() }));
      const masked1 = await m.forward({ ids: rows, patches: same });
      expect(maxAbsDiff(plain.logits.data, masked1.logits.data)).toBeLessThanOrEqual(1e-6);
      // zeroing the embedding of row 1 at every position moves its logits, not row 0's
      const mask = new Float32Array(B * T);
      mask.fill(1, T, 2 * T);
      const hit = await m.forward({ ids: rows, patches: [{ site: 'embed', mask, value: new Float32Array(B * T * m.hidden) }] });
      const V = m.vocab;
      expect(maxAbsDiff(plain.logits.data.subarray(0, T * V), hit.logits.data.subarray(0, T * V))).toBeLessThanOrEqual(1e-6);
      expect(maxAbsDiff(plain.logits.data.subarray(T * V, 2 * T * V), hit.logits.data.subarray(T * V, 2 * T * V))).toBeGreaterThan(0.1);
    });
  }
});
