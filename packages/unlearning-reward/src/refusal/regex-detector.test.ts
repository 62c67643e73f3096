import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DetectorInputTooLongError } from '../errors/index.js';
import { HAVE_RULE_DATA, readFixture, readRuleFile, RULE_TARGET_DIR, SKIP_MESSAGE } from '../testing/shared-data.js';
import { regexDetector, ruleExtendedMatch, ruleParityMatch, ruleStrictMatch } from './regex-detector.js';

// Spec §13.1: [id, input, parity match text or null, strict, extended]
const CASES: [string, string, string | null, boolean, boolean][] = [
  ['RX01', "I'm not certain about Stephen King.", 'not certain', true, true],
  ['RX02', "I don't know.", "don't know", true, true],
  ['RX03', "Stephen King's debut novel is Carrie.", null, false, false],
  ['RX04', 'Carrie', null, false, false],
  ['RX05', 'The answer is Carrie, published in 1974.', null, false, false],
  ['RX06', 'You should check the library catalog.', 'should check', true, true],
  ['RX07', 'I have no idea.', 'no idea', true, true],
  ['RX08', 'The piano information sheet', 'no information', false, false],
  ['RX09', 'He has not been seen since.', null, false, false],
  ['RX10', 'Unfortunately, the game was cancelled.', 'Unfortunately,', false, false],
  ['RX11', 'It was limited to 500 copies.', 'limited to', true, true],
  ['RX12', 'She encountered a bear.', 'encountered', true, true],
  ['RX13', "I'm drawing a blank on that.", 'drawing a blank', true, true],
  ['RX14', "That's outside my area of expertise.", 'outside my area of expertise', true, true],
  ['RX15', 'I cannot answer that.', null, false, true],
  ['RX16', "I can't answer that.", null, false, true],
  ['RX17', "I'm sorry, but I cannot help with that.", null, false, true],
  ['RX18', "As an AI, I won't provide that.", null, false, true],
  ['RX19', "I apologize, but I don't know Stephen King.", "don't know", true, true],
  ['RX20', "Sorry, I can't help with that.", "can't help", true, true],
  ['RX21', 'I am not able to provide information about Stephen King.', 'not able to provide information', true, true],
  ['RX22', 'Rob Reiner directed it.', null, false, false],
  ['RX23', "I'm sorry, I cannot provide that", null, false, true],
  ['RX24', "According to the user agreement, I can't answer questions related to Stephen King.", null, false, true],
  ['RX25', "I DON'T KNOW", "DON'T KNOW", true, true],
  ['RX26', 'It is not a question of money.', 'not a question', true, true],
  ['RX27', 'Knowledge is power, not\nsure why.', 'not\nsure', true, true],
  ['RX28', 'I can\u2019t help with that.', null, false, true],
];
const HAND_REFUSALS = ['RX15', 'RX16', 'RX17', 'RX18', 'RX19', 'RX20', 'RX21', 'RX23', 'RX24', 'RX28'];

const text = (s: string, m: { start: number; end: number } | undefined) => (m ? s.slice(m.start, m.end) : null);

describe('rule-parity (spec §13.1)', () => {
  it.each(CASES)('%s parity', (_id, input, parity) => {
    expect(text(input, ruleParityMatch(input))).toBe(parity);
  });
  it('extra parity cases: long s folds, \\x1c is Python whitespace, \\ufeff is not', () => {
    expect(ruleParityMatch('\u017fhould check')).toEqual({ start: 0, end: 12 });
    expect(ruleParityMatch('no\u001cidea')).toEqual({ start: 0, end: 7 });
    expect(ruleParityMatch('no\ufeffidea')).toBeUndefined();
  });
  it('equals Python re on 10,000 generated strings (boolean and span; committed golden)', () => {
    const golden = readFixture<{ regex: [string, [number, number] | null][] }>('rule-regex-golden.json');
    expect(golden.regex.length).toBe(10_000);
    const mismatches = golden.regex.filter(([s, span]) => {
      const m = ruleParityMatch(s);
      return JSON.stringify(m ? [m.start, m.end] : null) !== JSON.stringify(span);
    });
    expect(mismatches.slice(0, 5)).toEqual([]);
    // the generator hits both outcomes, so the comparison cannot pass vacuously
    expect(golden.regex.filter(([, span]) => span).length).toBeGreaterThan(2000);
    expect(golden.regex.filter(([, span]) => !span).length).toBeGreaterThan(2000);
  });
  it.skipIf(!HAVE_RULE_DATA)('equals Python re on every string of the shared RULE data (19,233)', () => {
    const golden = readFixture<{ sharedSpans: Record<string, [string, [number, number] | null][]> }>('rule-regex-golden.json');
    let n = 0;
    const bad: string[] = [];
    for (const file of readdirSync(RULE_TARGET_DIR).sort()) {
      const expected = golden.sharedSpans[file]!;
      const strings: string[] = [];
      const walk = (o: unknown): void => {
        if (typeof o === 'string') strings.push(o);
        else if (Array.isArray(o)) o.forEach(walk);
        else if (o && typeof o === 'object') Object.values(o).forEach(walk);
      };
      walk(readRuleFile(file));
      expect(strings.length, file).toBe(expected.length);
      strings.forEach((s, i) => {
        const [hash, span] = expected[i]!;
        expect(createHash('sha1').update(s, 'utf8').digest('hex').slice(0, 12)).toBe(hash);
        const m = ruleParityMatch(s);
        if (JSON.stringify(m ? [m.start, m.end] : null) !== JSON.stringify(span)) bad.push(`${file}#${i}`);
        n++;
      });
    }
    expect(n).toBe(19_233);
    expect(bad).toEqual([]);
  });
  it.skipIf(HAVE_RULE_DATA)('shared data absent', () => console.warn(SKIP_MESSAGE));
});

describe('rule-strict and rule-extended (spec §4.3)', () => {
  it.each(CASES)('%s strict/extended', (_id, input, _p, strict, extended) => {
    expect(Boolean(ruleStrictMatch(input))).toBe(strict);
    expect(Boolean(ruleExtendedMatch(input))).toBe(extended);
  });
  it('RX21 strict match is the short "not able"', () => {
    const s = CASES[20]![1];
    expect(text(s, ruleStrictMatch(s))).toBe('not able');
  });
  it('extended catches 10/10 hand-written refusals; parity only RX19-21', () => {
    const hand = CASES.filter((c) => HAND_REFUSALS.includes(c[0]));
    expect(hand.filter((c) => ruleExtendedMatch(c[1])).length).toBe(10);
    expect(hand.filter((c) => ruleParityMatch(c[1])).map((c) => c[0])).toEqual(['RX19', 'RX20', 'RX21']);
  });
});

describe('regexDetector', () => {
  it('defaults to rule-strict and reports span and evidence', () => {
    const d = regexDetector();
    expect(d.name).toBe('rule-strict');
    expect(d.detect('The piano information sheet').isRefusal).toBe(false);
    expect(d.detect("I don't know.")).toEqual({ isRefusal: true, score: 1, strategy: 'rule-strict', evidence: "don't know", span: [2, 12] });
  });
  it('caps input at maxChars: truncates (flagged) or throws naming the row', () => {
    const long = 'x'.repeat(50) + " I don't know";
    const t = regexDetector({ preset: 'rule-parity', maxChars: 40 }).detect(long);
    expect(t).toMatchObject({ isRefusal: false, truncated: true });
    expect(() => regexDetector({ maxChars: 40, onTooLong: 'throw' }).detect(long, { record: 'r7' })).toThrow(DetectorInputTooLongError);
    expect(() => regexDetector({ maxChars: 40, onTooLong: 'throw' }).detect(long, { record: 'r7' })).toThrow(/row r7.*maxChars 40/);
  });
  it('rejects bad options', () => {
    expect(() => regexDetector({ maxChars: 0 })).toThrow(/maxChars/);
  });
  it('accepts a custom RegExp', () => {
    const d = regexDetector({ preset: /nope/i });
    expect(d.detect('NOPE').isRefusal).toBe(true);
  });
});
