import { describe, expect, it } from 'vitest';
import { haveFfmpeg, run } from './main.js';

const skip = !haveFfmpeg();
if (skip) console.warn('example-video-bench: ffmpeg/ffprobe not on PATH; skipping (Debian: apt-get install ffmpeg)');

describe.skipIf(skip)('example: video-bench', () => {
  it('real frames of the generated videos reach the loopback model, which answers all four right; the report is written', async () => {
    const r = (await run({ frames: 4, log: () => {} }))!;
    expect(r.requests).toBe(4);
    expect(r.summary).toMatchObject({ written: 4, ok: 4, errors: 0 });
    expect(r.report.overall).toMatchObject({ correct: 4, total: 4, percent: '100.00' });
    expect(r.files).toHaveLength(4);
  }, 120_000);
});
