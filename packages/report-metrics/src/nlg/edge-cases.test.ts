import { describe, expect, it } from 'vitest';
import { ReportMetricsError } from '../errors/report-metrics-error.js';
import { pythonSplit, splitOnSpace } from '../text/python-split.js';
import { bleu, closestRefLength } from './bleu.js';
import { ciderD } from './cider-d.js';
import { rougeL } from './rouge-l.js';
import type { Sample } from './sample.js';

// Spec §10.2 cases 1–6 (reference values from pycocoevalcap) and §4.2 edge values.
const s = (id: string, ref: string | string[], candidate: string): Sample => ({ id, references: Array.isArray(ref) ? ref : [ref], candidate });

describe('NLG edge cases', () => {
  it('1: a single identical pair scores CIDEr-D 0 and BLEU-1 0.9999999995000004', () => {
    // four tokens: precision factor and brevity penalty each 1 − 2.5e-10
    const one = [s('x', 'lungs are clear today', 'lungs are clear today')];
    expect(ciderD([s('y', 'The lungs are clear.', 'The lungs are clear.')]).corpus).toBe(0);
    expect(ciderD(one).corpus).toBe(0);
    expect(Math.abs(bleu(one).corpus[0]! - 0.9999999995000004)).toBeLessThan(1e-15);
  });

  it('2: two 2-token identical pairs: BLEU-3/4 smoothed by 1e-15/1e-9, CIDEr-D 5, ROUGE-L 1', () => {
    const two = [s('a', 'no effusion', 'no effusion'), s('b', 'heart normal', 'heart normal')];
    const b = bleu(two, { preprocess: 'none' });
    expect(Math.abs(b.corpus[2]! - 0.009999999995000007)).toBeLessThan(1e-15);
    expect(Math.abs(b.corpus[3]! - 0.0009999999995625002)).toBeLessThan(1e-15);
    expect(b.stats.guess).toEqual([4, 2, 0, 0]);
    expect(Math.abs(ciderD(two).corpus - 5)).toBeLessThan(1e-12);
    expect(rougeL(two).corpus).toBe(1);
  });

  it('3: an empty candidate against an empty reference has ROUGE-L 1 (token list [""])', () => {
    const r = rougeL([s('e', '', ''), s('f', 'lungs clear', 'lungs clear')]);
    expect(Array.from(r.perSample)).toEqual([1, 1]);
    expect(rougeL([s('e', 'lungs clear', '')]).perSample[0]).toBe(0);
  });

  it('4: all references empty throws NO_REFERENCE_NGRAMS (pycocoevalcap: bare ValueError)', () => {
    const bad = [s('a', '', 'something'), s('b', '   ', 'else')];
    expect(() => ciderD(bad)).toThrow(ReportMetricsError);
    try {
      ciderD(bad);
    } catch (e) {
      expect((e as ReportMetricsError).kind).toBe('NO_REFERENCE_NGRAMS');
    }
  });

  it('5: closest reference length ties go to the shorter reference (no brevity penalty)', () => {
    expect(closestRefLength([3, 5], 4)).toBe(3);
    expect(closestRefLength([5, 3], 4)).toBe(3);
    const b = bleu([s('t', ['a b c', 'a b c d e'], 'a b c d'), s('u', 'x y z w', 'x y z w')], { preprocess: 'none' });
    expect(b.stats.refLen).toBe(7);
    expect(Math.abs(b.corpus[0]! - 0.9999999998750002)).toBeLessThan(1e-15);
  });

  it('6: Python whitespace: U+FEFF does not split for BLEU; U+001C and U+0085 do; ROUGE splits only U+0020', () => {
    expect(pythonSplit('a\uFEFFb')).toEqual(['a\uFEFFb']);
    expect(pythonSplit('a\u001Cb\u0085c')).toEqual(['a', 'b', 'c']);
    expect(pythonSplit('\t a \n\u3000b\u00a0 ')).toEqual(['a', 'b']);
    expect(splitOnSpace(' a\tb  c')).toEqual(['', 'a\tb', '', 'c']);
    const b = bleu([s('w', 'x', 'a\uFEFFb a\u001Cb\u0085c')], { preprocess: 'none' });
    expect(b.stats.testLen).toBe(4);
  });

  it('ROUGE-L §4.2 edge values: leading space and trailing newline tokens', () => {
    expect(rougeL([s('l', 'a b', ' a b')], { preprocess: 'none' }).perSample[0]).toBeCloseTo(0.8299319727891156, 15);
    expect(rougeL([s('n', 'a b .', 'a b .\n')], { preprocess: 'none' }).perSample[0]).toBeCloseTo(0.6666666666666666, 15);
  });

  it('an empty candidate has per-sample BLEU 0 (the brevity penalty underflows)', () => {
    const b = bleu([s('e', 'lungs are clear', ''), s('f', 'heart normal', 'heart normal')]);
    expect(b.perSample[0]![0]).toBe(0);
    expect(b.perSample[3]![0]).toBe(0);
  });

  it('rejects a sample without references, naming the sample', () => {
    expect(() => bleu([{ id: 'z', references: [], candidate: 'x' }])).toThrow(/samples\[0\] \(id "z"\)\.references/);
  });
});
