// Issue acceptance 4 on stories260K: perplexity and greedy agreement for dense, SnapKV,
// SnapKV+ThinK and SnapKV+SparK at r ∈ {0.5, 0.8}; SparK's perplexity increase at r = 0.5 (over
// SnapKV alone) is at most half of ThinK's. Skips without the shared model.
import { generate } from '@reasonkit/core';
import { loadReferenceModel, locateReferenceModel } from '@reasonkit/core/testing/node';
import { describe, expect, it } from 'vitest';
import { qualitySuite } from './quality-suite.js';

const ref = locateReferenceModel();
const loaded = loadReferenceModel(ref);

describe.skipIf(!loaded)(`model-level quality on stories260K${loaded ? '' : ` (${ref.skipMessage})`}`, () => {
  it('reports every condition; SparK r = 0.5 raises perplexity by at most half of ThinK r = 0.5', async () => {
    const lm = loaded!.model;
    const texts = await Promise.all([11, 12].map(async (seed) => (await generate(lm, { inputIds: [1], maxNewTokens: 511, temperature: 1, seed, eosTokenIds: [] })).allIds));
    const rows = await qualitySuite(lm, texts, { promptLength: 384, tokenRatio: 0.5, greedyTokens: 16 });
    expect(rows.map((r) => r.condition)).toEqual(['dense', 'SnapKV', 'SnapKV+ThinK r=0.5', 'SnapKV+SparK r=0.5', 'SnapKV+ThinK r=0.8', 'SnapKV+SparK r=0.8']);
    const ppl = Object.fromEntries(rows.map((r) => [r.condition, r.perplexity]));
    for (const r of rows) {
      expect(Number.isFinite(r.perplexity) && r.perplexity > 1).toBe(true);
      expect(r.greedyAgreement).toBeGreaterThanOrEqual(0);
      expect(r.queryAware).toBe(false);
    }
    expect(rows[0]!.greedyAgreement).toBe(1);
    const think = ppl['SnapKV+ThinK r=0.5']! - ppl.SnapKV!;
    const spark = ppl['SnapKV+SparK r=0.5']! - ppl.SnapKV!;
    expect(think, JSON.stringify(ppl)).toBeGreaterThan(0);
    expect(spark, JSON.stringify(ppl)).toBeLessThanOrEqual(0.5 * think);
    // compressed caches are really smaller than dense
    for (const r of rows.slice(1)) expect(r.bytesVsDense).toBeLessThan(0.6);
  }, 600_000);
});
