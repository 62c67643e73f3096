import { ChatMessageSchema, ReasonkitError } from '@reasonkit/core';
import { describe, expect, it } from 'vitest';
import { parseRecords } from '../records/parse-records.js';
import { type FrameImage, base64Table, buildMessages, buildPrompt, frameDataUrl, frameDataUrls, promptIdentity, toBase64 } from './build-prompt.js';

const { records } = await parseRecords([
  {
    video: 'v.mp4',
    videoType: 'Art',
    question: 'What does the red kite stand for?',
    options: ['(A) Freedom', "(B) The boy's hope", '(C) A "storm"'],
    correctAnswer: '(B)',
    abilityType_L2: 'Implicit Symbol',
    abilityType_L3: 'Social Issues',
  },
]);
const record = records[0]!;
const REPR = `['(A) Freedom', "(B) The boy's hope", '(C) A "storm"']`;
const MARKERS = ['INSTRUCTIONS', 'QUESTION', 'OPTIONS', 'OUTPUT FORMAT'];

describe('buildPrompt presets (spec §3, §11.3)', () => {
  it.each(['direct', 'cot'] as const)('%s preset keeps the reference structure', (mode) => {
    const text = buildPrompt(record, { mode });
    expect(text.startsWith('\n[[INSTRUCTIONS]]')).toBe(true);
    expect(text.endsWith('[[END OF OUTPUT FORMAT]]\n ')).toBe(true);
    let at = 0;
    for (const m of MARKERS) {
      const open = text.indexOf(`[[${m}]]`, at);
      const close = text.indexOf(`[[END OF ${m}]]`, open);
      expect(open).toBeGreaterThanOrEqual(at);
      expect(close).toBeGreaterThan(open);
      at = close;
    }
    expect(text).toContain(`[[QUESTION]]\n${record.question}\n[[END OF QUESTION]]`);
    expect(text).toContain(`[[OPTIONS]]\n${REPR}\n[[END OF OPTIONS]]`);
    expect(text).toContain('"[[X]]"');
  });

  it('cot and direct differ only in the output-format section', () => {
    const direct = buildPrompt(record, { mode: 'direct' });
    const cot = buildPrompt(record, { mode: 'cot' });
    expect(direct).not.toBe(cot);
    const head = (s: string) => s.slice(0, s.indexOf('[[OUTPUT FORMAT]]'));
    expect(head(direct)).toBe(head(cot));
  });

  it('renders a user template exactly, in one pass', () => {
    const template = 'Q={question}|O={options}|again {question}';
    expect(buildPrompt(record, { template })).toBe(`Q=${record.question}|O=${REPR}|again ${record.question} `);
    const tricky = { ...record, question: 'has {options} inside' };
    expect(buildPrompt(tricky, { template: '{question}' })).toBe('has {options} inside ');
    expect(buildPrompt(record, { template: '{options}', optionsFormat: 'lines' })).toBe(`(A) Freedom\n(B) The boy's hope\n(C) A "storm" `);
  });

  it('identifies the preset and version for the config hash; rejects unknown presets', () => {
    expect(promptIdentity({ mode: 'cot' })).toEqual({ mode: 'cot', preset: 'mmrv-structure@1/cot', optionsFormat: 'python-repr' });
    expect(promptIdentity({ template: 'x' }).preset).toBe('custom');
    expect(() => promptIdentity({ preset: 'mmrv-structure@9/direct' })).toThrow(ReasonkitError);
    expect(() => promptIdentity({ mode: 'fast' as 'cot' })).toThrow(/field "mode"/);
  });
});

describe('buildMessages (spec §3.1)', () => {
  it('one user message: text part then one image part per frame, in order', () => {
    const frames = [{ jpeg: new Uint8Array([0xff, 0xd8, 0xff]) }, { jpeg: new Uint8Array([1, 2, 3, 4]) }];
    const messages = buildMessages(record, frames, { mode: 'cot' });
    expect(messages).toHaveLength(1);
    const m = ChatMessageSchema.parse(messages[0]);
    expect(m.role).toBe('user');
    const parts = m.content as { type: string; text?: string; image_url?: { url: string } }[];
    expect(parts.map((p) => p.type)).toEqual(['text', 'image_url', 'image_url']);
    expect(parts[0]!.text).toBe(buildPrompt(record, { mode: 'cot' }));
    expect(parts[1]!.image_url!.url).toBe('data:image/jpeg;base64,/9j/');
    expect(parts[2]!.image_url!.url).toBe('data:image/jpeg;base64,AQIDBA==');
    expect(buildMessages(record, frames, { imageDetail: 'low' })[0]!.content[1]).toMatchObject({ image_url: { detail: 'low' } });
  });

  it("a decoder's encoded frames keep their MIME type in the data URL", () => {
    const messages = buildMessages(record, [{ data: new Uint8Array([1, 2, 3, 4]), mime: 'image/png' }]);
    expect(messages[0]!.content[1]).toEqual({ type: 'image_url', image_url: { url: 'data:image/png;base64,AQIDBA==' } });
  });

  it('a data URL built before ({ url }) is sent as it is, so questions of one video can share it', () => {
    const url = frameDataUrl({ jpeg: new Uint8Array([1, 2, 3, 4]) });
    expect(url).toBe('data:image/jpeg;base64,AQIDBA==');
    const shared = [{ url }];
    expect(frameDataUrl(shared[0]!)).toBe(url);
    const a = buildMessages(record, shared)[0]!.content[1] as { image_url: { url: string } };
    expect(a).toEqual({ type: 'image_url', image_url: { url } });
  });

  it('frameDataUrls equals frameDataUrl per frame, in Node and without Buffer, across chunk boundaries and tails', () => {
    const frames: FrameImage[] = [
      { jpeg: new Uint8Array(90_000 * 2 + 1).map((_, i) => (i * 37 + 1) % 256) },
      { url: 'data:image/png;base64,AAAA' },
      { data: new Uint8Array(0), mime: 'image/png' },
      { data: new Uint8Array([9, 1, 2, 3, 4, 9]).subarray(1, 5), mime: 'image/webp' },
      { jpeg: new Uint8Array(90_000).map((_, i) => (i * 11) % 256) },
      { jpeg: new Uint8Array(89_999 + 3).map((_, i) => (i * 7) % 256) },
    ];
    const expected = frames.map((f) => ('url' in f ? f.url : 'jpeg' in f ? `data:image/jpeg;base64,${Buffer.from(f.jpeg).toString('base64')}` : `data:${f.mime};base64,${Buffer.from(f.data).toString('base64')}`));
    expect(frameDataUrls(frames)).toEqual(expected);
    expect(frameDataUrls(frames)).toEqual(frames.map(frameDataUrl));
    expect(frameDataUrls([])).toEqual([]);
    const odd: FrameImage[] = [{ data: new Uint8Array([1, 2, 3]), mime: 'image/ü' }, frames[0]!];
    expect(frameDataUrls(odd)).toEqual(odd.map(frameDataUrl));
    expect(frameDataUrls(frames.slice(3))).toEqual(expected.slice(3)); // a smaller call after a larger one (reused buffer)
    const saved = globalThis.Buffer;
    try {
      (globalThis as { Buffer?: unknown }).Buffer = undefined;
      expect(frameDataUrls(frames)).toEqual(expected);
    } finally {
      globalThis.Buffer = saved;
    }
  });

  it('base64 matches Node for large buffers', () => {
    const bytes = new Uint8Array(100_003).map((_, i) => (i * 31) % 256);
    expect(toBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
  });

  it('the browser (no Buffer) base64 matches Node for every tail length and across 32 KiB blocks', () => {
    for (const n of [0, 1, 2, 3, 4, 5, 0x6000 - 1, 0x6000, 0x6000 + 1, 100_003]) {
      const bytes = new Uint8Array(n).map((_, i) => (i * 131 + 7) % 256);
      expect(base64Table(bytes), `length ${n}`).toBe(Buffer.from(bytes).toString('base64'));
    }
    const view = new Uint8Array([9, 1, 2, 3, 4, 9]).subarray(1, 5);
    expect(toBase64(view)).toBe('AQIDBA==');
    expect(base64Table(view)).toBe('AQIDBA==');
  });
});
