import { describe, expect, it } from 'vitest';
import { RougeEmptyError } from '../errors/index.js';
import { readFixture } from '../testing/shared-data.js';
import { rougeLPltrdy, rougeLRecallMean, rougeLRecallMeanStrict } from './rouge-pltrdy.js';

// Spec §5.2 (values of the Python package)
const FIXTURES: [string, string | string[], number][] = [
  ['The Sun Also Rises', 'The Sun Also Rises', 1.0],
  ['the sun also rises', 'The Sun Also Rises', 0.0],
  ['It is The Sun Also Rises.', 'The Sun Also Rises', 1.0],
  ['Reiner, Rob', 'Rob Reiner', 0.5],
  ['Shermer', 'The fictional city is Shermer, Illinois.', 0.0],
  ['the the the', 'the cat the', 0.5],
  ['cat the', 'the cat the', 1.0],
  [
    'Murder on the Orient Express',
    "Agatha Christie's 'Murder on the Orient Express' has been adapted multiple times into films, miniseries, and TV movies, making it one of her most frequently adapted works.",
    0.11538461538461539,
  ],
  ['Carrie', ['Carrie', 'Carrie (1974)'], 0.75],
];

describe('pltrdy ROUGE-L (spec §5.2)', () => {
  it.each(FIXTURES)('%j vs %j → R %d', (hyp, ref, r) => {
    const refs = Array.isArray(ref) ? ref : [ref];
    expect(Math.abs(rougeLRecallMeanStrict(hyp, refs) - r)).toBeLessThanOrEqual(1e-12);
  });
  it('"" and "." raise RougeEmptyError; the lenient mean gives 0', () => {
    for (const bad of ['', '.', '..']) {
      expect(() => rougeLPltrdy(bad, 'Carrie')).toThrow(RougeEmptyError);
      expect(() => rougeLPltrdy('Carrie', bad)).toThrow(RougeEmptyError);
      expect(rougeLRecallMean(bad, ['Carrie'])).toBe(0);
    }
  });
  it('derived cases: " " is an empty sentence (R 0, no error); trailing space keeps P 4/7', () => {
    expect(rougeLPltrdy(' ', 'Carrie').r).toBe(0);
    const s = rougeLPltrdy('It is The Sun Also Rises. ', 'The Sun Also Rises');
    expect(s.r).toBe(1);
    expect(s.p).toBe(4 / 7);
  });
  it('equals the Python package on 1,000 generated pairs (R, P, F exact; errors where Python raised)', () => {
    const g = readFixture<{ pairs: [string, string, [number, number, number] | string][]; multi: [string, string[], number | string][] }>('rouge-pltrdy-golden.json');
    expect(g.pairs.length).toBe(1000);
    let errors = 0;
    for (const [h, r, want] of g.pairs) {
      if (typeof want === 'string') {
        errors++;
        expect(() => rougeLPltrdy(h, r), JSON.stringify([h, r])).toThrow(RougeEmptyError);
      } else {
        const got = rougeLPltrdy(h, r);
        expect([got.r, got.p, got.f], JSON.stringify([h, r])).toEqual(want);
      }
    }
    expect(errors).toBeGreaterThan(0);
    expect(g.pairs.filter(([, , w]) => Array.isArray(w) && w[0] > 0 && w[0] < 1).length).toBeGreaterThan(300);
    for (const [h, refs, want] of g.multi) {
      if (typeof want === 'string') expect(() => rougeLRecallMeanStrict(h, refs)).toThrow(RougeEmptyError);
      else expect(rougeLRecallMeanStrict(h, refs)).toBe(want);
    }
  });
});

describe('column filtering in rougeLPltrdy', () => {
  it('equals the unfiltered union-LCS on random multi-sentence texts (fast-check)', async () => {
    const fc = await import('fast-check');
    const { pltrdySentences, reconLcs } = await import('./rouge-pltrdy.js');
    const naive = (h: string, r: string) => {
      const hw = pltrdySentences(h).map((s) => s.split(' '));
      const rw = pltrdySentences(r).map((s) => s.split(' '));
      const u = new Set<string>();
      for (const x of rw) for (const y of hw) for (const t of reconLcs(x, y)) u.add(t);
      return u.size / new Set(rw.flat()).size;
    };
    const text = fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', '.', 'a.', 'b c'), { minLength: 1, maxLength: 40 }).map((ws) => ws.join(' '));
    fc.assert(
      fc.property(text, text, (h, r) => {
        if (pltrdySentences(h).length === 0 || pltrdySentences(r).length === 0) return true;
        return rougeLPltrdy(h, r).r === naive(h, r);
      }),
      { numRuns: 2000, seed: 11 },
    );
  });
});
