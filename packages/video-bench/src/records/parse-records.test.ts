import { ReasonkitError } from '@reasonkit/core';
import { describe, expect, it } from 'vitest';
import { MmrvRecordSchema } from './record-schema.js';
import { parseRecords } from './parse-records.js';

// Synthetic records written for these tests (no MMR-V data is vendored, spec §2.6).
function rec(over: Record<string, unknown> = {}) {
  return {
    video: 'clip-1.mp4',
    videoType: 'Animation',
    question: 'Why does the paper boat sink?',
    options: ['(A) It is heavy.', "(B) It's wet.", '(C) The wind.', '(D) A fish.'],
    correctAnswer: '(B)',
    abilityType_L2: 'Causal Reasoning',
    abilityType_L3: 'Backward Reasoning',
    ...over,
  };
}

describe('parseRecords (spec §2, §11.1)', () => {
  it('normalises the quirks of the data with the expected warnings and ids', async () => {
    const input = [
      rec({ videoType: ' movie ', question_idx: 7, 'gpt-4o_response': 'x', error_info: null, remark: '' }),
      rec({ videoType: 'life', correctAnswer: '(B) ', question_idx: 8 }),
      rec({ options: ['(A) a', '(B) b', '(C) c', '(D) d', '(E) e', '(F) f', '(G) g', '(H) h', '(I) i', '(K) k'], correctAnswer: '(k)', question_idx: 9 }),
      rec({ video: 'clip-2.mp4', question: 'Same text?' }),
      rec({ video: 'clip-3.mp4', question: 'Same text?' }),
      rec({ video: 'clip-4.mp4' }),
      rec({ video: 'clip-4.mp4' }),
      rec({ videoType: 'Documentary', abilityType_L2: '', abilityType_L3: '  ' }),
    ];
    const { records, warnings } = await parseRecords(input, { source: 'fixture.json' });
    expect(records.map((r) => r.videoTypeCanonical)).toEqual(['Movie', 'Life', 'Animation', 'Animation', 'Animation', 'Animation', 'Animation', 'Documentary']);
    expect(records[0]!.videoType).toBe('movie');
    expect(records[1]!.correctLetter).toBe('B');
    expect(records[2]!.correctLetter).toBe('K');
    expect(records[2]!.options.map((o) => o.letter).join('')).toBe('ABCDEFGHIK');
    expect(records[0]!.options[1]).toEqual({ letter: 'B', text: "It's wet.", raw: "(B) It's wet." });
    expect(records.slice(0, 3).map((r) => r.id)).toEqual(['7', '8', '9']);
    // Same question text on different videos: different ids.
    expect(records[3]!.id).toMatch(/^[0-9a-f]{64}$/);
    expect(records[4]!.id).toMatch(/^[0-9a-f]{64}$/);
    expect(records[3]!.id).not.toBe(records[4]!.id);
    // Exact duplicate record: kept, second gets #2.
    expect(records[6]!.id).toBe(`${records[5]!.id}#2`);
    expect(new Set(records.map((r) => r.id)).size).toBe(records.length);
    expect(records[7]!.abilityTypeL2).toBe('Unknown');
    expect(records[7]!.abilityTypeL3).toBe('Unknown');
    expect(records[7]!.category).toBe('Other');
    expect(records[0]!.category).toBe('Explicit');
    expect(warnings.map((w) => [w.code, w.record])).toEqual([
      ['letter-gap', 'record 2'],
      ['duplicate-id', 'record 6'],
      ['unknown-video-type', 'record 7'],
      ['unmapped-l2', 'record 7'],
    ]);
    for (const r of records) expect(MmrvRecordSchema.parse(r)).toEqual(r);
  });

  it('hashes video, question and options (sha256 over NUL / U+0001 separators)', async () => {
    const { records } = await parseRecords([rec({ video: 'v', question: 'q', options: ['(A) x', '(B) y'], correctAnswer: '(A)' })]);
    // sha256("v\0q\0(A) x\u0001(B) y") computed independently with Python's hashlib.
    expect(records[0]!.id).toBe(HASH_V_Q);
  });

  it('repeated question_idx gets #2', async () => {
    const { records, warnings } = await parseRecords([rec({ question_idx: 1 }), rec({ question_idx: 1, video: 'other.mp4' })]);
    expect(records.map((r) => r.id)).toEqual(['1', '1#2']);
    expect(warnings[0]).toMatchObject({ code: 'duplicate-id', id: '1#2' });
  });

  it('accepts the nested form and flattens it like the split script', async () => {
    const nested = {
      video: ' clip-9.mp4',
      videoType: 'TV',
      questions: [
        { question: 'Q1', options: ['(A) x', '(B) y'], correctAnswer: '(A)', abilityType_L2: 'Implicit Symbol', abilityType_L3: 'Social Issues' },
        { question: 'Q2', options: ['(A) x', '(B) y', '(C) z'], correctAnswer: '(C)', abilityType_L2: 'Theme Understanding', abilityType_L3: 'Structural Metaphor' },
      ],
    };
    const { records } = await parseRecords(JSON.stringify([nested, rec()]));
    expect(records.map((r) => [r.video, r.videoType, r.question, r.category, r.index])).toEqual([
      ['clip-9.mp4', 'TV', 'Q1', 'Implicit', 0],
      ['clip-9.mp4', 'TV', 'Q2', 'Implicit', 1],
      ['clip-1.mp4', 'Animation', 'Why does the paper boat sink?', 'Explicit', 2],
    ]);
    await expect(parseRecords([nested], { form: 'flat' })).rejects.toThrow(/record 0: field "question"/);
  });

  it('reads JSON Lines and names the bad line', async () => {
    const text = `${JSON.stringify(rec())}\n\n${JSON.stringify(rec({ video: 'b.mp4' }))}\n`;
    expect((await parseRecords(text)).records).toHaveLength(2);
    await expect(parseRecords(`${JSON.stringify(rec())}\n{oops\n`, { source: 'r.jsonl' })).rejects.toThrow(/r\.jsonl: line 2: not valid JSON/);
  });

  it.each([
    ['a correctAnswer letter outside the options', rec({ correctAnswer: '(E)' }), 'correctAnswer', /letter E is not one of the option letters ABCD/],
    ['an option without a (X) label', rec({ options: ['(A) x', 'B) y'] }), 'options.1', /no "\(X\) " label/],
    ['13 options', rec({ options: Array.from({ length: 13 }, (_, i) => `(A) ${i}`) }), 'options', /2 to 12 options, got 13/],
    ['a non-string question', rec({ question: 42 }), 'question', /string/],
    ['a correctAnswer without a letter', rec({ correctAnswer: 'B' }), 'correctAnswer', /no "\(X\)"/],
    ['a repeated option letter', rec({ options: ['(A) x', '(A) y'], correctAnswer: '(A)' }), 'options', /appears twice/],
  ])('rejects %s naming file, record and field', async (_name, bad, field, message) => {
    const err = await parseRecords([rec(), bad], { source: 'bad.json' }).catch((e: unknown) => e);
    expect(ReasonkitError.is(err, 'INVALID_ARGUMENT')).toBe(true);
    const e = err as ReasonkitError;
    expect(e.details).toMatchObject({ file: 'bad.json', record: 'record 1', field });
    expect(e.message).toContain(`bad.json: record 1: field "${field}"`);
    expect(e.message).toMatch(message);
  });
});

const HASH_V_Q = '1b6affe0b4ba6299e33880bb8abefc4a1dda49322b28b1469d63a4d52aad5cde';
