import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeServer, startFakeOpenAIServer } from './node/__fixtures__/fake-openai-server.js';
import { HAS_FFMPEG, SKIP_FFMPEG_MESSAGE, writeGreyVideo } from './node/__fixtures__/videos.js';
import { SPEC_11_8_CASES } from './scoring/__fixtures__/spec-11-8.js';

if (!HAS_FFMPEG) console.warn(`video-bench cli.test.ts: ${SKIP_FFMPEG_MESSAGE}`);

const cli = join(dirname(fileURLToPath(import.meta.url)), 'cli.ts');

/** Runs the CLI from source in a child process (async: the fake server lives in this process). */
function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--conditions=@reasonkit/source', '--import', 'tsx', cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

// The §11.8 records as a flat MMR-V file; every question uses one generated video.
const rawRecords = SPEC_11_8_CASES.map(([l2, videoType], i) => ({
  video: 'grey.mp4',
  videoType,
  question: `Question ${i}?`,
  options: ['(A) one', '(B) two', '(C) three', '(D) four'],
  correctAnswer: '(B)',
  abilityType_L2: l2,
  abilityType_L3: i < 4 ? 'L3-x' : 'L3-y',
  question_idx: i,
}));

describe.skipIf(!HAS_FFMPEG)('reasonkit-video-bench CLI', () => {
  let dir: string;
  let server: FakeServer;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'video-bench-cli-'));
    await mkdir(join(dir, 'videos'));
    writeGreyVideo(join(dir, 'videos', 'grey.mp4'), { frames: 30, codec: 'mpeg4' });
    await writeFile(join(dir, 'records.json'), JSON.stringify(rawRecords));
    // Run A answers the script; run B answers B everywhere (records 1 and 4 flip to right).
    server = await startFakeOpenAIServer((i, _attempt, body) => (body.messages[0].content.length === 1 + 4 ? SPEC_11_8_CASES[i]![2] : '[[B]]'));
  });
  afterAll(async () => {
    await server?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('--help lists the commands', async () => {
    const { code, stdout } = await run(['--help']);
    expect(code).toBe(0);
    for (const command of ['run', 'report', 'compare']) expect(stdout).toContain(command);
  }, 120_000);

  it('run, report and compare: the hand-computed numbers, resumable, with report files', async () => {
    const common = ['--records', join(dir, 'records.json'), '--videos', join(dir, 'videos'), '--base-url', server.url, '--model', 'fake'];
    const dry = await run(['run', ...common, '--out', join(dir, 'a.jsonl'), '--frames', '4', '--dry-run']);
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.stdout)).toMatchObject({ requests: 8, images: 32 });
    expect(server.requests).toHaveLength(0);

    const a = await run(['run', ...common, '--out', join(dir, 'a.jsonl'), '--frames', '4', '--report', join(dir, 'report-a'), '--frame-cache', join(dir, 'cache')]);
    expect(a.stderr).toContain('8/8');
    expect(a.code).toBe(0);
    expect(a.stdout).toContain('videos decoded 1, from the frame cache 0');
    expect(a.stdout).toContain('overall: 5/8 = 62.50%');
    expect((await readdir(join(dir, 'report-a'))).sort()).toEqual(['by-record.csv', 'report.html', 'report.md', 'summary.json']);
    const again = await run(['run', ...common, '--out', join(dir, 'a.jsonl'), '--frames', '4']);
    expect(again.stdout).toContain('written 0, skipped 8');
    expect(server.requests).toHaveLength(8);

    const b = await run(['run', ...common, '--out', join(dir, 'b.jsonl'), '--frames', '2']);
    expect(b.stdout).toContain('overall: 8/8 = 100.00%');
    // Another results file at the same --frames reads the frames from the cache run A wrote.
    const c = await run(['run', ...common, '--out', join(dir, 'c.jsonl'), '--frames', '4', '--frame-cache', join(dir, 'cache')]);
    expect(c.code).toBe(0);
    expect(c.stdout).toContain('videos decoded 0, from the frame cache 1');

    const report = await run(['report', join(dir, 'a.jsonl'), '--records', join(dir, 'records.json')]);
    expect(report.stdout).toContain('Implicit: 2/3 = 66.67%');
    expect(report.stdout).toContain('Explicit: 2/4 = 50.00%');

    const compare = await run(['compare', join(dir, 'a.jsonl'), join(dir, 'b.jsonl'), '--records', join(dir, 'records.json')]);
    expect(JSON.parse(compare.stdout)).toMatchObject({ shared: 8, onlyA: 0, onlyB: 3, accuracyA: 0.625, accuracyB: 1 });

    const mismatch = await run(['run', ...common, '--out', join(dir, 'a.jsonl'), '--frames', '8']);
    expect(mismatch.code).toBe(2);
    expect(mismatch.stderr).toMatch(/error \[CONFIG_INVALID\].*differs in: k/);
  }, 240_000);

  it('bad input: a clear error naming the file', async () => {
    const { code, stderr } = await run(['report', join(dir, 'absent.jsonl'), '--records', join(dir, 'no-such-records.json')]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/error \[FILE_NOT_FOUND\].*no-such-records\.json/);
  }, 120_000);
});
