import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bleu } from './bleu.js';
import { ciderD } from './cider-d.js';
import { nlgScores } from './nlg-scores.js';
import { rougeL } from './rouge-l.js';
import type { Sample } from './sample.js';

// Golden set G1 (spec §10.1): synthetic reports; values from pycocoevalcap at commit ad63453.
const G1 = JSON.parse(readFileSync(new URL('./__fixtures__/g1.json', import.meta.url), 'utf8')) as Sample[];
const TOL = 1e-12;
const idx = (id: string) => G1.findIndex((s) => s.id === id);

describe('golden set G1 (priorrg preprocessing, no PTB tokenizer)', () => {
  it('fixture keeps the exact whitespace of a11 and a12', () => {
    expect(G1[idx('a11')]!.candidate).toContain('volumes.  Bibasilar');
    expect(G1[idx('a12')]!.candidate.startsWith(' Stable')).toBe(true);
  });

  it('corpus BLEU-1 and BLEU-4', () => {
    const b = bleu(G1);
    expect(Math.abs(b.corpus[0]! - 0.6928863685693767)).toBeLessThan(TOL);
    expect(Math.abs(b.corpus[3]! - 0.41400364699856834)).toBeLessThan(TOL);
  });

  it('corpus ROUGE-L and per-sample a04, a12, a01, a11', () => {
    const r = rougeL(G1);
    expect(Math.abs(r.corpus - 0.6810370341993046)).toBeLessThan(TOL);
    expect(Math.abs(r.perSample[idx('a04')]! - 0.6288659793814433)).toBeLessThan(TOL);
    expect(Math.abs(r.perSample[idx('a04')]! - 1.22 / 1.94)).toBeLessThan(TOL); // hand check: P = 1, R = 0.5
    expect(Math.abs(r.perSample[idx('a12')]! - 0.8333333333333334)).toBeLessThan(TOL); // P = R = 5/6
    expect(r.perSample[idx('a01')]).toBe(1);
    expect(r.perSample[idx('a11')]).toBe(1);
  });

  it('corpus CIDEr-D; identical pairs a01 and a11 score 10', () => {
    const c = ciderD(G1);
    expect(Math.abs(c.corpus - 3.6086003429721263)).toBeLessThan(TOL);
    expect(Math.abs(c.perSample[idx('a01')]! - 10)).toBeLessThan(1e-9);
    expect(Math.abs(c.perSample[idx('a11')]! - 10)).toBeLessThan(1e-9);
  });

  it('nlgScores agrees with the individual scorers', () => {
    const s = nlgScores(G1);
    expect(Math.abs(s.BLEU_1 - 0.6928863685693767)).toBeLessThan(TOL);
    expect(Math.abs(s.CIDEr_D - 3.6086003429721263)).toBeLessThan(TOL);
    expect(Math.abs(s.ROUGE_L - 0.6810370341993046)).toBeLessThan(TOL);
  });

  it('without preprocessing the numbers change (the preset matters)', () => {
    expect(Math.abs(bleu(G1, { preprocess: 'none' }).corpus[0]! - 0.6928863685693767)).toBeGreaterThan(1e-3);
  });
});
