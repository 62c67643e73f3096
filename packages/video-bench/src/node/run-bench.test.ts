import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createOpenAICompatible } from '@reasonkit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createImageSplitter } from '../frames/image-stream.js';
import { buildPrompt } from '../prompts/build-prompt.js';
import { SPEC_11_8_CASES, spec118 } from '../scoring/__fixtures__/spec-11-8.js';
import type { Report } from '../scoring/score-run.js';
import { type FakeServer, startFakeOpenAIServer } from './__fixtures__/fake-openai-server.js';
import { HAS_FFMPEG, SKIP_FFMPEG_MESSAGE, writeGreyVideo } from './__fixtures__/videos.js';
import { readResults } from './results-file.js';
import { runBench } from './run-bench.js';

if (!HAS_FFMPEG) console.warn(`video-bench run-bench.test.ts: ${SKIP_FFMPEG_MESSAGE}`);

const here = dirname(fileURLToPath(import.meta.url));
// All questions share one generated video here (frames decoded once per run, as for real
// questions of one video); the end-to-end test uses a distinct video per record.
const records = (await spec118()).records.map((r) => ({ ...r, video: 'grey.mp4' }));
const answers = SPEC_11_8_CASES.map(([, , response]) => response);

const sortedRows = (report: Report) => ({ ...report, rows: [...report.rows].sort((a, b) => a.id.localeCompare(b.id)) });

describe.skipIf(!HAS_FFMPEG)('runBench against a loopback OpenAI-compatible server (spec §11.7)', () => {
  let dir: string;
  let videosDir: string;
  let n = 0;
  const out = () => join(dir, `results-${++n}.jsonl`);
  const servers: FakeServer[] = [];
  const serve = async (reply: Parameters<typeof startFakeOpenAIServer>[0]) => {
    const server = await startFakeOpenAIServer(reply);
    servers.push(server);
    return server;
  };
  const client = (server: FakeServer, extra: Record<string, unknown> = {}) => createOpenAICompatible({ baseURL: server.url, model: 'fake-vision', maxRetries: 0, ...extra });

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'video-bench-run-'));
    videosDir = join(dir, 'videos');
    await mkdir(videosDir);
    writeGreyVideo(join(videosDir, 'grey.mp4'), { frames: 30, codec: 'mpeg4' });
  });
  afterAll(async () => {
    for (const s of servers) await s.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('sends one user message: the prompt text then k JPEG image parts of the frame size, and no decoding parameters', async () => {
    const server = await serve((i) => answers[i]!);
    const progress: number[] = [];
    const summary = await runBench({ records, videosDir, out: out(), frames: 8, model: client(server), onProgress: (p) => progress.push(p.written) });
    expect(summary).toMatchObject({ total: 8, skipped: 0, written: 8, ok: 8, errors: 0 });
    expect(progress).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(server.requests).toHaveLength(8);
    for (const { body, record } of server.requests) {
      expect(Object.keys(body).sort()).toEqual(['messages', 'model']);
      expect(body.model).toBe('fake-vision');
      expect(body.messages).toHaveLength(1);
      const [message] = body.messages;
      expect(message.role).toBe('user');
      expect(message.content).toHaveLength(1 + 8);
      expect(message.content[0]).toEqual({ type: 'text', text: buildPrompt(records[record]!) });
      for (const part of message.content.slice(1)) {
        expect(part.type).toBe('image_url');
        const m = /^data:image\/jpeg;base64,(.+)$/.exec(part.image_url.url);
        expect(m).not.toBeNull();
        const images = createImageSplitter('jpeg').push(Buffer.from(m![1]!, 'base64'));
        expect(images.map((x) => [x.width, x.height])).toEqual([[32, 32]]);
      }
    }
    // The §11.8 numbers, hand-computed in the spec.
    expect(summary.report!.overall).toMatchObject({ correct: 5, total: 8, percent: '62.50' });
    expect(summary.report!.byCategory.Implicit).toMatchObject({ correct: 2, total: 3 });
    const rows = [...(await readResults(summary.out)).rows.values()];
    expect(rows[0]).toMatchObject({ k: 8, frameCount: 30, countMethod: 'packets', indices: [0, 4, 8, 12, 16, 20, 24, 29], status: 'ok', request: { model: 'openai-compatible:fake-vision', params: {} } });
  });

  it('sends opt-in parameters and records them; they change the config hash', async () => {
    const server = await serve((i) => answers[i]!);
    const a = await runBench({ records: records.slice(0, 1), videosDir, out: out(), frames: 2, model: client(server) });
    const b = await runBench({ records: records.slice(0, 1), videosDir, out: out(), frames: 2, model: client(server), temperature: 0, maxTokens: 64, seed: 7, imageDetail: 'low' });
    expect(server.requests[1]!.body).toMatchObject({ temperature: 0, max_tokens: 64, seed: 7 });
    expect(server.requests[1]!.body.messages[0].content[1].image_url.detail).toBe('low');
    expect(b.config.params).toEqual({ temperature: 0, maxTokens: 64, seed: 7 });
    expect(a.configHash).not.toBe(b.configHash);
  });

  it('retries a 429 with Retry-After and a 500 through the client; a 400 becomes an error row that a resume retries', async () => {
    const server = await serve((i, attempt) => {
      if (i === 1 && attempt === 0) return { status: 429, headers: { 'retry-after': '0' }, body: { error: { message: 'slow down' } } };
      if (i === 2 && attempt === 0) return { status: 500, body: { error: { message: 'boom' } } };
      if (i === 3 && attempt === 0) return { status: 400, body: { error: { message: 'bad image' } } };
      return answers[i]!;
    });
    const file = out();
    const first = await runBench({ records, videosDir, out: file, frames: 4, model: client(server, { maxRetries: 2, retryBaseMs: 1 }) });
    expect(first).toMatchObject({ written: 8, ok: 7, errors: 1 });
    expect(Object.fromEntries(server.counts())).toEqual({ 0: 1, 1: 2, 2: 2, 3: 1, 4: 1, 5: 1, 6: 1, 7: 1 });
    const row3 = (await readResults(file)).rows.get('3')!;
    expect(row3).toMatchObject({ status: 'error', error: { code: 'HTTP_ERROR' }, extraction: { final: null } });
    expect(row3.error!.message).toMatch(/400: bad image/);
    expect(first.report!.overall).toMatchObject({ correct: 4, errors: 1 }); // record 3 (correct when answered) counts as wrong
    const second = await runBench({ records, videosDir, out: file, frames: 4, model: client(server, { maxRetries: 2, retryBaseMs: 1 }) });
    expect(second).toMatchObject({ skipped: 7, written: 1, ok: 1, errors: 0 });
    expect(server.counts().get(3)).toBe(2);
    expect(server.requests).toHaveLength(11);
    expect(second.report!.overall).toMatchObject({ correct: 5, total: 8, errors: 0 });
  });

  it('refuses to resume a file of another configuration unless forced', async () => {
    const server = await serve((i) => answers[i]!);
    const file = out();
    await runBench({ records: records.slice(0, 2), videosDir, out: file, frames: 4, model: client(server) });
    await expect(runBench({ records, videosDir, out: file, frames: 8, model: client(server) })).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
      details: { file, field: 'k' },
    });
    await expect(runBench({ records, videosDir, out: file, frames: 4, mode: 'cot', model: client(server) })).rejects.toThrow(/differs in: mode, prompt/);
    expect(server.requests).toHaveLength(2);
    const forced = await runBench({ records, videosDir, out: file, frames: 8, model: client(server), force: true });
    expect(forced).toMatchObject({ skipped: 2, written: 6 });
    expect(forced.warnings.join('\n')).toMatch(/force/);
  });

  it('a missing video is an error row naming the file, not a crash', async () => {
    const server = await serve((i) => answers[i]!);
    const missing = [{ ...records[0]!, id: 'gone', video: 'no-such-video.mp4' }, records[1]!];
    const summary = await runBench({ records: missing, videosDir, out: out(), frames: 4, model: client(server) });
    expect(summary).toMatchObject({ ok: 1, errors: 1 });
    const row = (await readResults(summary.out)).rows.get('gone')!;
    expect(row).toMatchObject({ status: 'error', error: { code: 'FILE_NOT_FOUND' } });
    expect(row.error!.message).toContain('no-such-video.mp4');
    expect(server.requests).toHaveLength(1);
  });

  it('abort stops the run with ABORTED, keeps written rows, and a resume finishes without repeats', async () => {
    const server = await serve((i) => answers[i]!);
    const file = out();
    const controller = new AbortController();
    await expect(
      runBench({ records, videosDir, out: file, frames: 4, concurrency: 1, model: client(server), signal: controller.signal, onProgress: (p) => p.written === 2 && controller.abort() }),
    ).rejects.toMatchObject({ code: 'ABORTED' });
    expect((await readResults(file)).rows.size).toBe(2);
    const resumed = await runBench({ records, videosDir, out: file, frames: 4, model: client(server) });
    expect(resumed).toMatchObject({ skipped: 2, written: 6 });
    expect([...server.counts().values()].every((c) => c === 1)).toBe(true);
    expect(server.requests).toHaveLength(8);
  });

  it('dry run: one rendered request with image data elided, and the request and image counts; nothing sent or written', async () => {
    const server = await serve((i) => answers[i]!);
    const file = out();
    const summary = await runBench({ records, videosDir, out: file, frames: 4, model: client(server), dryRun: true });
    expect(summary.dryRun).toMatchObject({ requests: 8, images: 32 });
    const content = summary.dryRun!.request!.messages[0]!.content as any[];
    expect(content).toHaveLength(5);
    expect(content[1].image_url.url).toMatch(/^data:image\/jpeg;base64,<\d+ chars elided>$/);
    expect(server.requests).toHaveLength(0);
    await expect(readFile(file)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('a crash after k of n records (torn last line) and a resume give the same report as an uninterrupted run; no record requested twice', async () => {
    const server = await serve((i) => answers[i]!);
    const whole = await runBench({ records, videosDir, out: out(), frames: 8, model: client(server) });
    expect(server.requests).toHaveLength(8);
    server.requests.length = 0;

    const file = out();
    const child = spawn(process.execPath, ['--conditions=@reasonkit/source', '--import', 'tsx', join(here, '__fixtures__', 'run-child.ts'), file, videosDir, server.url, '3'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (c) => (stderr += c));
    const [code, signal] = await new Promise<[number | null, string | null]>((resolve) => child.on('close', (c, s) => resolve([c, s])));
    expect({ code, signal, stderr }).toMatchObject({ signal: 'SIGKILL' });
    const text = await readFile(file, 'utf8');
    expect(text.endsWith('\n')).toBe(false); // the torn line
    expect(text.split('\n')).toHaveLength(1 + 3 + 1); // header, 3 rows, torn fragment
    expect(server.requests).toHaveLength(3);

    const resumed = await runBench({ records, videosDir, out: file, frames: 8, model: client(server) });
    expect(resumed.warnings.join('\n')).toMatch(/torn last line/);
    expect(resumed).toMatchObject({ skipped: 3, written: 5 });
    expect(Object.fromEntries(server.counts())).toEqual({ 0: 1, 1: 1, 2: 1, 3: 1, 4: 1, 5: 1, 6: 1, 7: 1 });
    expect(sortedRows(resumed.report!)).toEqual(sortedRows(whole.report!));
    expect(resumed.report!.overall.percent).toBe('62.50');
    const repaired = await readFile(file, 'utf8');
    expect(repaired.endsWith('\n')).toBe(true);
    expect(repaired.split('\n').filter(Boolean)).toHaveLength(1 + 8);
  }, 180_000);
});

describe('readResults', () => {
  it('names file, line and field for a malformed line that is not the last', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'video-bench-results-'));
    try {
      const file = join(dir, 'r.jsonl');
      await writeFile(file, '{"id":"1"}\n{"id":"2"}\n');
      await expect(readResults(file)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', details: { file, record: 'line 1' } });
      await writeFile(file, 'not json\n');
      await expect(readResults(file)).rejects.toThrow(/line 1: not valid JSON/);
      expect(await readResults(join(dir, 'absent.jsonl'))).toMatchObject({ lines: 0, warnings: [] });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
