import { describe, expect, it } from 'vitest';
import { mulberry32 } from '@reasonkit/core';
import { rocAuc } from '../metrics/roc-auc.js';
import { answerAfterOpenBrace, answerAgreement, consistentWindow, containsHedge, extractBoxed } from './answer-agreement.js';
import { meanEntropy, perplexity } from './likelihood.js';
import { trialConfidence, truncateTrialAnswer } from './trial-confidence.js';
import { parseConfidence, yesProbability } from './verbal-parsers.js';

describe('DEER trial confidence (spec §11.2.1)', () => {
  it('avg1, avg2 and min of [0.9, 0.99, 0.6]', () => {
    const p = [0.9, 0.99, 0.6];
    expect(trialConfidence(p, 'avg1')).toBeCloseTo(0.83, 12);
    expect(trialConfidence(p, 'avg2')).toBeCloseTo(Math.cbrt(0.5346), 12);
    expect(trialConfidence(p, 'avg2')).toBeCloseTo(0.811602, 6);
    expect(trialConfidence(p, 'min')).toBe(0.6);
  });

  it('avg2 floors p = 0 at 1e-10', () => {
    expect(trialConfidence([0, 1], 'avg2')).toBeCloseTo(Math.sqrt(1e-10), 15);
    expect(Number.isFinite(trialConfidence([0], 'avg2'))).toBe(true);
  });

  it('truncates the trial answer at }, }\\n, }. and )}', () => {
    expect(truncateTrialAnswer(['{', '4', '2', '}', ' more'])).toEqual({ text: '{42', keep: 3 });
    expect(truncateTrialAnswer(['{', '7', '}\n'])).toEqual({ text: '{7', keep: 2 });
    expect(truncateTrialAnswer(['{', '7', '}.'])).toEqual({ text: '{7', keep: 2 });
    expect(truncateTrialAnswer(['{', '(1', ')}'])).toEqual({ text: '{(1', keep: 2 });
    // a stop inside a token keeps the token that carries text before it
    expect(truncateTrialAnswer(['{', '42}'])).toEqual({ text: '{42', keep: 2 });
    expect(truncateTrialAnswer(['1', '2'])).toEqual({ text: '12', keep: 2 });
  });
});

describe('Dynasor agreement (spec §11.2.2)', () => {
  it('majority share 2/3 and entropy 0.918296 bits for [a, a, b]', () => {
    const r = answerAgreement(['a', 'a', 'b']);
    expect(r.majority).toBe('a');
    expect(r.share).toBeCloseTo(2 / 3, 12);
    expect(r.entropyBits).toBeCloseTo(0.918296, 6);
  });

  it('keeps nested braces', () => {
    expect(answerAfterOpenBrace('\\frac{1}{2}} and more')).toBe('\\frac{1}{2}');
    expect(answerAfterOpenBrace('12')).toBeNull();
    expect(extractBoxed('so \\boxed{1} then \\boxed{\\frac{3}{4}}.')).toBe('\\frac{3}{4}');
  });

  it('hedges: whole words by default, substrings on request', () => {
    expect(containsHedge('I know it is 5')).toBe(false);
    expect(containsHedge('I know it is 5', ['no'], false)).toBe(true);
    expect(containsHedge('No, it is 5')).toBe(true);
    expect(containsHedge('Wait... 5')).toBe(true);
  });

  it('regression: an inconsistent window never exits (upstream should_early_exit always returns true)', () => {
    const ok = (answer: string | null, hedged = false) => ({ answer, hedged });
    expect(consistentWindow([ok('5'), ok('6'), ok('5')], 3).exit).toBe(false);
    expect(consistentWindow([ok('5'), ok('5')], 3).exit).toBe(false);
    expect(consistentWindow([ok(''), ok(''), ok('')], 3).exit).toBe(false);
    expect(consistentWindow([ok(null), ok(null), ok(null)], 3).exit).toBe(false);
    expect(consistentWindow([ok('5'), ok('5', true), ok('5')], 3).exit).toBe(false);
    expect(consistentWindow([ok('4'), ok('5'), ok('5'), ok('5')], 3)).toEqual({ exit: true, answer: '5' });
  });
});

describe('likelihood and entropy (spec §11.2.3)', () => {
  it('trial-answer PPL ranks questions as DEER avg2 does (same AUC)', () => {
    const rand = mulberry32(3);
    const lps = Array.from({ length: 200 }, () => Array.from({ length: 1 + Math.floor(rand() * 6) }, () => Math.log(0.05 + 0.95 * rand())));
    const y = lps.map(() => (rand() < 0.5 ? 1 : 0));
    const viaPpl = lps.map((lp) => 1 / perplexity(lp));
    const viaDeer = lps.map((lp) => trialConfidence(lp.map(Math.exp), 'avg2'));
    for (let i = 0; i < viaPpl.length; i++) expect(viaPpl[i]).toBeCloseTo(viaDeer[i]!, 12);
    expect(rocAuc(viaPpl, y)).toBe(rocAuc(viaDeer, y));
  });

  it('uniform over V tokens → ln V; one-hot → 0; a truncated row is flagged approximate', () => {
    expect(meanEntropy([Array(64).fill(1 / 64)]).entropy).toBeCloseTo(Math.log(64), 6);
    expect(meanEntropy([[1, 0, 0]]).entropy).toBe(0);
    const top = meanEntropy([[0.5, 0.3]]);
    expect(top.approximate).toBe(true);
    expect(top.entropy).toBeCloseTo(-(0.5 * Math.log(0.5) + 0.3 * Math.log(0.3) + 0.2 * Math.log(0.2)), 6);
  });
});

describe('verbal parsers (spec §11.2.4)', () => {
  it('yes/no logprobs with case and space variants', () => {
    const p = yesProbability([{ token: ' Yes', logprob: Math.log(0.3) }, { token: 'yes', logprob: Math.log(0.1) }, { token: 'NO', logprob: Math.log(0.4) }, { token: 'maybe', logprob: Math.log(0.2) }], '');
    expect(p).toBeCloseTo(0.5, 12);
  });
  it('falls back to the text, garbage → null', () => {
    expect(yesProbability(undefined, ' Yes, it does')).toBe(1);
    expect(yesProbability([], 'no.')).toBe(0);
    expect(yesProbability([{ token: 'x', logprob: -1 }], '???')).toBeNull();
  });
  it('confidence: "0.8", "80%", a table label, "1.7" → 0, garbage → 0', () => {
    const labels = ['Almost no chance', 'Highly unlikely', 'Unlikely', 'Probably not', 'About even', 'Better than even', 'Likely', 'Very likely', 'Highly likely', 'Almost certain'];
    expect(parseConfidence('0.8')).toBe(0.8);
    expect(parseConfidence('I am 80% sure')).toBeCloseTo(0.8, 12);
    expect(parseConfidence('Almost certain', labels)).toBeCloseTo(0.95, 12);
    expect(parseConfidence('1.7')).toBe(0);
    expect(parseConfidence('dunno')).toBe(0);
  });
});
