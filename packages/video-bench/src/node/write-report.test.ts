import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spec118 } from '../scoring/__fixtures__/spec-11-8.js';
import { renderReportFiles } from '../report/render-all.js';
import { type Report, scoreRun } from '../scoring/score-run.js';
import { writeReport } from './write-report.js';

const { records, rows } = await spec118();
const report = scoreRun(rows, records);
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'video-bench-report-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('writeReport', () => {
  it('writes the four files with the rendered content and leaves no temporary files', async () => {
    const out = join(dir, 'nested', 'run');
    const paths = await writeReport(out, report, { records });
    expect((await readdir(out)).sort()).toEqual(['by-record.csv', 'report.html', 'report.md', 'summary.json']);
    expect(paths).toHaveLength(4);
    const expected = renderReportFiles(report, { records });
    for (const [name, text] of Object.entries(expected)) expect(await readFile(join(out, name), 'utf8')).toBe(text);
    expect(JSON.parse(expected['summary.json']).overall.percent).toBe('62.50');
  });

  it('writes nothing when rendering throws', async () => {
    const broken = { ...report, get byL2(): Report['byL2'] { throw new Error('boom'); } } as Report;
    await expect(writeReport(dir, broken)).rejects.toThrow('boom');
    expect(await readdir(dir)).toEqual([]);
  });

  it('rolls back on a failed rename: old files restored, new ones removed, no temporary files', async () => {
    await writeFile(join(dir, 'report.md'), 'old report');
    await mkdir(join(dir, 'report.html')); // a directory where a file must go: the last rename fails
    await expect(writeReport(dir, report)).rejects.toThrow();
    expect((await readdir(dir)).sort()).toEqual(['report.html', 'report.md']);
    expect(await readFile(join(dir, 'report.md'), 'utf8')).toBe('old report');
  });

  it('replaces an existing report and removes its backups', async () => {
    await writeFile(join(dir, 'report.md'), 'old report');
    await writeReport(dir, report);
    expect((await readdir(dir)).sort()).toEqual(['by-record.csv', 'report.html', 'report.md', 'summary.json']);
    expect(await readFile(join(dir, 'report.md'), 'utf8')).toBe(renderReportFiles(report)['report.md']);
  });
});
