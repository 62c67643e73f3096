import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ciderD } from '../nlg/cider-d.js';
import { nlgScores } from '../nlg/nlg-scores.js';
import type { Sample } from '../nlg/sample.js';
import { bootstrap, percentile, resampleIndices } from './bootstrap.js';
import { bootstrapNlg, compareSystems, prepareNlgScorer } from './bootstrap-nlg.js';

const G1 = JSON.parse(readFileSync(new URL('../nlg/__fixtures__/g1.json', import.meta.url), 'utf8')) as Sample[];

describe('bootstrap', () => {
  it('the precomputed scorer equals scoring the resampled samples from scratch (CIDEr idf recomputed)', () => {
    const score = prepareNlgScorer(G1);
    expect(score()).toEqual(nlgScores(G1));
    const [idx] = resampleIndices(G1.length, 1, 5);
    const resampled = Array.from(idx!, (i, k) => ({ ...G1[i]!, id: `${G1[i]!.id}#${k}` }));
    const fromScratch = nlgScores(resampled);
    const fast = score(idx);
    for (const k of Object.keys(fromScratch) as (keyof typeof fast)[]) expect(Math.abs(fast[k] - fromScratch[k])).toBeLessThan(1e-12);
    expect(Math.abs(fast.CIDEr_D - ciderD(resampled).corpus)).toBeLessThan(1e-12);
  });

  it('is reproducible for a seed, brackets the estimate, and percentile interpolates like numpy', () => {
    const a = bootstrapNlg(G1, { resamples: 60, seed: 11 });
    expect(bootstrapNlg(G1, { resamples: 60, seed: 11 })).toEqual(a);
    expect(bootstrapNlg(G1, { resamples: 60, seed: 12 })).not.toEqual(a);
    for (const v of Object.values(a)) expect(v.low).toBeLessThanOrEqual(v.high);
    expect(percentile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(percentile([0, 10], 0.975)).toBeCloseTo(9.75, 12);
    const constant = bootstrap(5, () => ({ x: 3 }), { resamples: 10 });
    expect(constant.x).toEqual({ estimate: 3, low: 3, high: 3 });
  });

  it('compareSystems: paired difference, zero for identical systems, positive when b is the reference text', () => {
    const same = compareSystems(G1, G1, { resamples: 30, seed: 1 });
    expect(same.BLEU_4.diff).toEqual({ estimate: 0, low: 0, high: 0 });
    const perfect = G1.map((s) => ({ ...s, candidate: s.references[0]! }));
    const c = compareSystems(G1, perfect, { resamples: 30, seed: 1 });
    expect(c.ROUGE_L.diff.estimate).toBeGreaterThan(0);
    expect(c.ROUGE_L.diff.low).toBeGreaterThan(0);
    expect(c.ROUGE_L.pNotBetter).toBe(0);
    expect(() => compareSystems(G1, G1.slice(1))).toThrow(/12 samples, b has 11/);
  });
});
