import { describe, expect, it } from 'vitest';
import { run } from './main.js';

describe('example: report-metrics', () => {
  it('scores two systems and the paired bootstrap finds the truncated system worse on BLEU-4', async () => {
    const r = await run({ samples: 20, resamples: 200, log: () => {} });
    expect(r.a.BLEU_4).toBeGreaterThan(r.b.BLEU_4);
    expect(r.cmp.BLEU_4.diff.high).toBeLessThan(0);
    expect(r.a.ROUGE_L).toBeGreaterThan(0);
  });
});
