import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parquetReadObjects } from 'hyparquet';
import { describe, expect, it } from 'vitest';
import { HAVE_RULE_DATA, RULE_TARGET_DIR } from './testing/shared-data.js';

const cli = join(dirname(fileURLToPath(import.meta.url)), 'cli.ts');
const run = (args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', cli, ...args], { encoding: 'utf8' });
const dir = mkdtempSync(join(tmpdir(), 'ur-cli-'));

describe('unlearning-reward CLI', () => {
  it.skipIf(!HAVE_RULE_DATA)('detector-quality reports strict FP ≤ 3 % on long passages and recall ≥ 95 % on templates', () => {
    const p = run(['detector-quality', '--data', RULE_TARGET_DIR, '--json']);
    expect(p.status, p.stderr).toBe(0);
    const rows = JSON.parse(p.stdout) as { detector: string; templateRecall: number; passageFpRate: number; boundaryGoldFlags: number }[];
    const strict = rows.find((r) => r.detector === 'rule-strict')!;
    expect(strict.templateRecall).toBe(0.97);
    expect(strict.passageFpRate).toBe(2 / 128);
    expect(strict.passageFpRate).toBeLessThanOrEqual(0.03);
    expect(strict.boundaryGoldFlags).toBe(0);
    expect(rows.find((r) => r.detector === 'rule-parity')!.passageFpRate).toBe(6 / 128);
  });
  it('export writes verl parquet that reads back; bad input names file and row', async () => {
    const input = join(dir, 'rl.json');
    writeFileSync(input, JSON.stringify([{ prompt: 'Who wrote Carrie?', solution: ['<reject>', "I'm not certain about Stephen King.", 'Stephen King'] }, { prompt: 'Who wrote Emma?', solution: ['<normal>', 'Jane Austen'] }]));
    const out = join(dir, 'out.parquet');
    const p = run(['export', '--input', input, '--format', 'verl', '--out', out]);
    expect(p.status, p.stderr).toBe(0);
    const rows = await parquetReadObjects({ file: new Uint8Array(readFileSync(out)).buffer });
    expect(rows.map((r) => r.extra_info.label)).toEqual(['refuse', 'answer']);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify([{ prompt: 'q', solution: ['<normal>', 'x'] }, { prompt: 'q', solution: ['<reject>', 'x'] }]));
    const b = run(['export', '--input', bad, '--format', 'trl', '--out', join(dir, 'x.jsonl')]);
    expect(b.status).toBe(2);
    expect(b.stderr).toMatch(/row row-1, field 'solution\[2\]'/);
    expect(run(['export', '--input', input, '--format', 'csv', '--out', out]).stderr).toMatch(/--format/);
  });
});
