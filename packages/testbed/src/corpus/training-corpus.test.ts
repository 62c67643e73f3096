import { parseLlama2cTokenizer } from '@reasonkit/core';
import { describe, expect, it } from 'vitest';
import { createPrng } from '../random/prng.js';
import { testbedVocab, writeLlama2cTokenizer } from '../vocab/testbed-vocab.js';
import { buildTrainingCorpus, sampleTrainingProblem } from './training-corpus.js';

const pieces = testbedVocab();
const tok = parseLlama2cTokenizer(writeLlama2cTokenizer(pieces), pieces.length, 'testbed vocabulary');

/** Reads the corpus back: [ids, lossStart] per sequence. */
function readCorpus(bytes: Uint8Array): { ids: number[]; lossStart: number }[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  expect(String.fromCharCode(...bytes.subarray(0, 4))).toBe('RKTB');
  const n = view.getUint32(4, true);
  const out: { ids: number[]; lossStart: number }[] = [];
  let off = 8;
  for (let i = 0; i < n; i++) {
    const len = view.getUint16(off, true);
    const lossStart = view.getUint16(off + 2, true);
    off += 4;
    const ids: number[] = [];
    for (let j = 0; j < len; j++, off += 2) ids.push(view.getUint16(off, true));
    out.push({ ids, lossStart });
  }
  expect(off).toBe(bytes.length);
  return out;
}

/** The operands of a sequence: the first two numbers of its prompt. */
function operands(ids: number[], lossStart: number): [string, string] {
  const question = tok.decode(ids.slice(0, lossStart));
  const m = /^\D*(\d+)\D+(\d+)/.exec(question);
  if (!m) throw new Error(`no question in ${JSON.stringify(question)}`);
  return [m[1]!, m[2]!];
}

describe('sampleTrainingProblem', () => {
  it('keeps both operands within maxDigits', () => {
    const prng = createPrng(5);
    const widths = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const p = sampleTrainingProblem(prng, ['add'], 3);
      expect(p.a).toBeLessThan(1000);
      expect(p.b).toBeLessThan(1000);
      widths.add(String(p.a).length);
    }
    expect([...widths].sort()).toEqual([1, 2, 3]);
  });
});

describe('buildTrainingCorpus', () => {
  it('is a pure function of the seed, Thinking first, NoThinking capped at noThinkingMaxDigits', () => {
    const a = buildTrainingCorpus(tok, { seed: 3, count: 300, noThinkingMaxDigits: 2 });
    expect(buildTrainingCorpus(tok, { seed: 3, count: 300, noThinkingMaxDigits: 2 })).toEqual(a);
    const seqs = readCorpus(a);
    expect(seqs).toHaveLength(600);
    const think = seqs.slice(0, 300);
    const nothink = seqs.slice(300);
    const thinkWidest = Math.max(...think.map((s) => Math.max(...operands(s.ids, s.lossStart).map((x) => x.length))));
    const nothinkWidest = Math.max(...nothink.map((s) => Math.max(...operands(s.ids, s.lossStart).map((x) => x.length))));
    expect(thinkWidest).toBe(5);
    expect(nothinkWidest).toBe(2);
    for (const s of think) expect(tok.decode(s.ids.slice(0, s.lossStart))).toMatch(/<think>$/);
    for (const s of nothink) expect(tok.decode(s.ids.slice(0, s.lossStart))).toMatch(/<\/think>\n\n$/);
  });

  it('draws about noThinkingWideShare of the NoThinking sequences without the cap, and share 0 is the capped corpus', () => {
    const capped = buildTrainingCorpus(tok, { seed: 3, count: 300, noThinkingMaxDigits: 2 });
    expect(buildTrainingCorpus(tok, { seed: 3, count: 300, noThinkingMaxDigits: 2, noThinkingWideShare: 0 })).toEqual(capped);
    const seqs = readCorpus(buildTrainingCorpus(tok, { seed: 3, count: 2000, noThinkingMaxDigits: 2, noThinkingWideShare: 0.25 }));
    const nothink = seqs.slice(2000);
    // An uncapped draw has a first operand of 1..5 digits uniformly: 3/5 of them are wider than 2.
    const wider = nothink.filter((s) => operands(s.ids, s.lossStart).some((x) => x.length > 2)).length / nothink.length;
    // Expected share of wider-than-cap sequences: 0.25 * P(max width > 2) where the second
    // operand is the same width half the time and uniform otherwise: 0.25 * (3/5 + 2/5 * 1/2 * 3/5) = 0.195.
    expect(wider).toBeGreaterThan(0.195 - 0.03);
    expect(wider).toBeLessThan(0.195 + 0.03);
    expect(() => buildTrainingCorpus(tok, { seed: 1, count: 1, noThinkingWideShare: 1.5 })).toThrow(/noThinkingWideShare/);
    expect(() => buildTrainingCorpus(tok, { seed: 1, count: 1, noThinkingWideShare: Number.NaN })).toThrow(/noThinkingWideShare/);
  });

  it('rejects a cap outside 1..5', () => {
    expect(() => buildTrainingCorpus(tok, { seed: 1, count: 1, noThinkingMaxDigits: 0 })).toThrow(/noThinkingMaxDigits/);
    expect(() => buildTrainingCorpus(tok, { seed: 1, count: 1, noThinkingMaxDigits: 6 })).toThrow(/noThinkingMaxDigits/);
  });
});
