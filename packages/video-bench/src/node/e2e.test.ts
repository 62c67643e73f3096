import { mkdir, mkdtemp, readFile, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type GenerateRequest, createOpenAICompatible } from '@reasonkit/core';
import { createOpenAIServer } from '@reasonkit/core/node';
import { createScriptedTextModel } from '@reasonkit/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SPEC_11_8_CASES, spec118 } from '../scoring/__fixtures__/spec-11-8.js';
import { HAS_FFMPEG, SKIP_FFMPEG_MESSAGE, meanGreys, writeGreyVideo } from './__fixtures__/videos.js';
import { runBench } from './run-bench.js';
import { writeReport } from './write-report.js';

if (!HAS_FFMPEG) console.warn(`video-bench e2e.test.ts: ${SKIP_FFMPEG_MESSAGE}`);

// End to end (issue acceptance 2): real frames from generated videos go through the runner and
// core's OpenAI-compatible client to core's OpenAI server (the engine of `reasonkit serve`) on
// loopback, serving a scripted vision model. The model decodes the frames it receives and answers
// the §11.8 script only when they are the right frames of the right video, so the hand-computed
// report (62.50%) appears only if real frames arrive intact and in order.
const { records } = await spec118();
const answers = SPEC_11_8_CASES.map(([, , response]) => response);
const K = 8;
const INDICES = [0, 4, 8, 12, 16, 20, 24, 29]; // uniformIndices(30, 8), spec §11.6
const level = (video: number, frame: number) => 8 * frame + video;

describe.skipIf(!HAS_FFMPEG)('end to end: generated videos → runner → core client → core server → scripted vision model', () => {
  let dir: string;
  const mismatches: string[] = [];
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'video-bench-e2e-'));
    await mkdir(join(dir, 'videos'));
    records.forEach((_r, i) => {
      // Lossless (ffv1 in Matroska, named as the record says): frame j of video i is grey 8j + i.
      writeGreyVideo(join(dir, `v${i}.mkv`), { frames: 30, codec: 'ffv1', level: (j) => level(i, j) });
    });
    for (const [i, r] of records.entries()) await rename(join(dir, `v${i}.mkv`), join(dir, 'videos', r.video));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('the report matches the hand-computed §11.8 numbers and every request carried the right frames', async () => {
    const reply = (request: GenerateRequest) => {
      const content = request.messages?.[0]?.content;
      if (!Array.isArray(content)) return 'no parts';
      const text = content[0]?.type === 'text' ? content[0].text : '';
      const i = Number(/Question (\d+)\?/.exec(text)?.[1]);
      const images = content.slice(1).map((p) => {
        if (p.type !== 'image_url') throw new Error('expected image parts after the text');
        const m = /^data:image\/jpeg;base64,(.+)$/.exec(p.image_url.url)!;
        return { data: Buffer.from(m[1]!, 'base64'), width: 32, height: 32 };
      });
      const got = meanGreys(images);
      const ok = images.length === K && got.every((g, j) => Math.abs(g - level(i, INDICES[j]!)) <= 1.5);
      if (!ok) {
        mismatches.push(`record ${i}: grey levels ${got.map((g) => g.toFixed(1)).join(' ')}`);
        return '[[A]]';
      }
      return answers[i]!;
    };
    const model = createScriptedTextModel({ replies: reply });
    const server = await createOpenAIServer({ model, modelName: 'scripted-vision' });
    try {
      const client = createOpenAICompatible({ baseURL: server.url, model: 'scripted-vision', timeoutMs: 30_000 });
      const summary = await runBench({ records, videosDir: join(dir, 'videos'), out: join(dir, 'results.jsonl'), frames: K, model: client, concurrency: 2 });
      expect(mismatches).toEqual([]);
      expect(model.requests).toHaveLength(8);
      expect(summary).toMatchObject({ written: 8, ok: 8, errors: 0 });
      const report = summary.report!;
      // Spec §11.8, hand-computed.
      expect(report.overall).toMatchObject({ correct: 5, total: 8, percent: '62.50' });
      expect(report.byCategory.Implicit).toMatchObject({ correct: 2, total: 3, percent: '66.67' });
      expect(report.byCategory.Explicit).toMatchObject({ correct: 2, total: 4, percent: '50.00' });
      expect(report.byCategory.Other).toMatchObject({ correct: 1, total: 1 });
      const folded = Object.fromEntries(Object.entries(report.byVideoType).map(([k, v]) => [k, [v.correct, v.total]]));
      expect(folded).toEqual({ Animation: [1, 2], TV: [2, 2], Movie: [0, 1], Life: [1, 2], Art: [1, 1] });
      // Strict: record 4 ("I pick [[D]] then [[B]]") is right under strict, wrong under parity.
      expect(report.overall.strictCorrect).toBe(4 + 1 - 1 - 1 + 1); // parity 5, minus the bare-letter answers 3 and 7, plus record 4
      const files = await writeReport(join(dir, 'report'), report, { records });
      expect(files).toHaveLength(4);
      expect(JSON.parse(await readFile(join(dir, 'report', 'summary.json'), 'utf8')).overall.percent).toBe('62.50');
    } finally {
      await server.close();
    }
  });
});
