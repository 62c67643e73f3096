import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { alignReferences } from './align-references.js';
import { applyEmptyCandidate, cleanGeneratedText } from './clean-generated.js';
import { pairwiseSum } from './numpy-sum.js';
import { preprocessFunction, priorrgPreprocess } from './preprocess.js';

describe('text helpers', () => {
  it('priorrg preprocessing splits every full stop (decimals too) and collapses only U+0020 runs', () => {
    expect(priorrgPreprocess('A 1.5 cm nodule.  Stable.\tx')).toBe('A 1 .5 cm nodule . Stable .\tx');
    expect(priorrgPreprocess(' Lead')).toBe(' Lead');
    expect(preprocessFunction('none')('a.b')).toBe('a.b');
    expect(preprocessFunction((s) => s.toUpperCase())('a')).toBe('A');
    expect(() => preprocessFunction('ptb' as never)).toThrow(/preprocess/);
  });

  it('the one-pass priorrg preprocessing equals replaceAll(".", " .") then / +/g → " " on random strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('.', ' ', 'a', 'b', '\t', '\n', '1') , maxLength: 40 }), (t) => {
        expect(priorrgPreprocess(t)).toBe(t.replaceAll('.', ' .').replace(/ +/g, ' '));
      }),
      { numRuns: 2000 },
    );
  });

  it('generated-text clean-up and the empty-candidate policy', () => {
    expect(cleanGeneratedText('  héllo\u00a0world\n ')).toBe('hlloworld');
    expect(applyEmptyCandidate('', '...')).toBe('...');
    expect(applyEmptyCandidate('', 'keep')).toBe('');
    expect(applyEmptyCandidate('x', '...')).toBe('x');
  });

  it('alignReferences truncates to maxTokens tokens through the tokenizer', () => {
    const tok = {
      encode: (t: string) => t.split(' ').map((w) => w.length),
      decode: (ids: readonly number[]) => ids.map((n) => 'x'.repeat(n)).join(' ') + ' \u00e9',
    };
    // trim happens before the non-ASCII deletion (PriorRG's order), so the space before 'é' stays
    expect(alignReferences(['aa bbb c dddd'], { tokenizer: tok, maxTokens: 3 })).toEqual(['xx xxx x ']);
  });

  it('pairwise summation follows numpy (blocks of 8 accumulators, halves above 128)', () => {
    const a = Array.from({ length: 300 }, (_, i) => 1 / (i + 1));
    let seq = 0;
    for (const x of a) seq += x;
    expect(Math.abs(pairwiseSum(a) - seq)).toBeLessThan(1e-13);
    // np.sum(np.full(10, 0.1)) == 1.0 (8 accumulators then the rest) while a sequential sum gives 0.9999999999999999
    expect(pairwiseSum(new Array(10).fill(0.1))).toBe(1);
  });
});
