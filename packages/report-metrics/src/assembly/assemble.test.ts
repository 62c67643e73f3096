import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encode as encodePng } from 'fast-png';
import jpeg from 'jpeg-js';
import { afterAll, describe, expect, it } from 'vitest';
import { readImageFile } from '../node/read-image-file.js';
import { assemble, latestPrior } from './assemble.js';
import type { ModelBinding } from './assemble.js';
import { formatContext } from './context-format.js';
import { generateReports, imageToTextFromFunction } from './image-to-text-model.js';
import { decodeImage } from './decode-image.js';

const dir = mkdtempSync(join(tmpdir(), 'assemble-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
// 2×2 grayscale PNGs: the current study's pixels 0/255, the prior's 255/0.
const gray = (v: number[]) => encodePng({ width: 2, height: 2, data: Uint8Array.from(v), channels: 1, depth: 8 });
const cur = join(dir, 'cur.png');
const lat = join(dir, 'lat.png');
const old = join(dir, 'old.png');
const newer = join(dir, 'newer.png');
writeFileSync(cur, gray([0, 255, 255, 0]));
writeFileSync(lat, gray([255, 255, 255, 255]));
writeFileSync(old, gray([0, 0, 0, 0]));
writeFileSync(newer, gray([255, 0, 0, 255]));

// Words as ids: a stand-in tokenizer (logic test) so truncation is visible.
const words = { encode: (t: string) => t.split(' ').map((_, i) => i + 10) };
const binding = (over: Partial<ModelBinding> = {}): ModelBinding => ({
  feeds: { pixelValues: 'img', priorPixelValues: 'prior_img', viewIds: 'view', priorViewIds: 'prior_view', contextInputIds: 'ctx', contextAttentionMask: 'ctx_mask' },
  preprocessor: { do_resize: true, size: { height: 2, width: 2 }, do_rescale: true, rescale_factor: 1 / 255, do_normalize: true, image_mean: [0.5, 0.5, 0.5], image_std: [0.5, 0.5, 0.5] },
  tokenizer: words,
  readImage: readImageFile,
  ...over,
});

describe('assemble (PriorRG-style inputs)', () => {
  const request = {
    current: { id: 'c', images: [{ source: cur, view: 'AP' }, { source: lat, view: 'Lateral' }], indication: ' Cough. ', history: 'Smoker.' },
    priors: [
      { id: 'p-old', studyDate: '2019-01-01', images: [{ source: old, view: 'PA' }] },
      { id: 'p-new', studyDate: '2021-06-30', images: [{ source: newer, view: 'PA' }] },
    ],
  };

  it('first image, latest prior, training-format context; tensors named only by the binding', async () => {
    const a = await assemble(request, binding());
    expect(Object.keys(a.feeds).sort()).toEqual(['ctx', 'ctx_mask', 'img', 'prior_img', 'prior_view', 'view']);
    expect(a.anchor).toEqual({ studyId: 'c', index: 0, view: 'AP' });
    expect(a.prior).toEqual({ studyId: 'p-new', index: 0, view: 'PA' });
    expect(a.feeds.img!.dims).toEqual([1, 3, 2, 2]);
    // 0 → (0/255 − 0.5)/0.5 = −1, 255 → 1; grayscale replicated on 3 channels
    expect(Array.from(a.feeds.img!.data as Float32Array)).toEqual([-1, 1, 1, -1, -1, 1, 1, -1, -1, 1, 1, -1]);
    expect(Array.from(a.feeds.prior_img!.data as Float32Array).slice(0, 4)).toEqual([1, -1, -1, 1]);
    expect(a.feeds.view!.data).toEqual(BigInt64Array.from([1n])); // AP
    expect(a.feeds.prior_view!.data).toEqual(BigInt64Array.from([0n])); // PA
    expect(a.context).toBe('[INDICATION]  Cough. [SEP] [HISTORY] Smoker.');
    expect(a.feeds.ctx!.dims).toEqual([1, a.context.split(' ').length]);
  });

  it('view preference, no prior, truncation to maxContextTokens, single-sample format', async () => {
    const a = await assemble({ current: request.current }, binding({ anchor: ['Lateral', 'PA'], maxContextTokens: 3, contextFormat: 'priorrg-single-sample', feeds: { pixelValues: 'x', contextInputIds: 'ids', priorPixelValues: 'px', hasPrior: 'has' } }));
    expect(a.anchor.index).toBe(1);
    expect(Object.keys(a.feeds).sort()).toEqual(['has', 'ids', 'px', 'x']);
    expect(Array.from(a.feeds.px!.data as Float32Array).every((v) => v === 0)).toBe(true);
    expect(a.feeds.has!.data).toEqual(BigInt64Array.from([0n]));
    expect(a.context).toBe('Cough. [SEP] Smoker.');
    expect(a.feeds.ids!.dims).toEqual([1, 3]);
  });

  it('an unknown view maps to unk with a warning', async () => {
    const seen: string[] = [];
    const a = await assemble({ current: { id: 'u', images: [{ source: cur, view: 'LL' }] } }, binding({ onWarning: (m) => seen.push(m), feeds: { pixelValues: 'img', viewIds: 'view' } }));
    expect(a.anchor.view).toBe('unk');
    expect(a.feeds.view!.data).toEqual(BigInt64Array.from([3n]));
    expect(seen[0]).toMatch(/unknown view "LL" mapped to 'unk'/);
  });

  it('a missing image file names the path', async () => {
    const missing = join(dir, 'nope.png');
    await expect(assemble({ current: { id: 'm', images: [{ source: missing }] } }, binding())).rejects.toThrow(missing);
  });

  it('context formats with an empty indication; latest prior without dates is the last listed', () => {
    expect(formatContext({ indication: '', history: 'x' })).toBe('[INDICATION] [SEP] [HISTORY] x');
    expect(latestPrior([{ id: 'a', images: [] }, { id: 'b', images: [] }])!.id).toBe('b');
  });

  it('decodes JPEG and rejects other bytes', () => {
    const j = jpeg.encode({ width: 2, height: 1, data: Uint8Array.from([200, 200, 200, 255, 10, 10, 10, 255]) }, 100);
    const img = decodeImage(new Uint8Array(j.data));
    expect([img.width, img.height]).toEqual([2, 1]);
    expect(Math.abs(img.data[0]! - 200)).toBeLessThan(8);
    expect(() => decodeImage(Uint8Array.from([1, 2, 3, 4]), 'x.bin')).toThrow(/x\.bin: not a PNG or JPEG/);
  });
});

describe('generateReports', () => {
  it('assembles, generates, cleans (trim, printable ASCII) and applies the empty-candidate policy, in order', async () => {
    const seen: string[][] = [];
    const model = imageToTextFromFunction('echo', (feeds) => {
      seen.push(Object.keys(feeds).sort());
      return (feeds.view!.data as BigInt64Array)[0] === 1n ? '  Heart size normal.\u00a0\n' : '';
    });
    const requests = [
      { current: { id: 'r1', images: [{ source: cur, view: 'AP' }] } },
      { current: { id: 'r2', images: [{ source: cur, view: 'PA' }] } },
    ];
    const out = [];
    for await (const r of generateReports(requests, model, binding({ feeds: { pixelValues: 'img', viewIds: 'view' } }), { emptyCandidate: '...' })) out.push(r);
    expect(out.map((r) => [r.id, r.report])).toEqual([
      ['r1', 'Heart size normal.'],
      ['r2', '...'],
    ]);
    expect(seen).toEqual([['img', 'view'], ['img', 'view']]);
  });
});
