// `npm run bench` must not rewrite tracked files (issue 10 item 7): a plain run writes to the
// ignored bench/results/; only `-- --write` refreshes the committed snapshot in bench/.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const pkg = resolve(new URL('..', import.meta.url).pathname);
const tracked = ['bench/results.json', 'bench/oracle-strategies.svg'].map((f) => join(pkg, f));
const digest = (f: string) => (existsSync(f) ? createHash('sha256').update(readFileSync(f)).digest('hex') : 'absent');

describe('bench script', () => {
  it('a plain run leaves the tracked snapshot alone and writes to the ignored bench/results/', () => {
    const before = tracked.map(digest);
    const started = Date.now();
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'bench/run.ts', '--quick', '--limit', '3'], {
      cwd: pkg,
      encoding: 'utf8',
      env: { ...process.env, REASONKIT_SHARED_DATA: join(pkg, 'no-shared-data-here') },
    });
    expect(r.status, r.stderr).toBe(0);
    expect(tracked.map(digest)).toEqual(before);
    const out = join(pkg, 'bench/results/results.json');
    expect(statSync(out).mtimeMs).toBeGreaterThanOrEqual(started - 1000);
    expect(JSON.parse(readFileSync(out, 'utf8')).results['parse+ground+BFS main set'].instances).toBe(3);
    expect(existsSync(join(pkg, 'bench/results/oracle-strategies.svg'))).toBe(true);
    const ignored = spawnSync('git', ['check-ignore', '-q', 'bench/results/results.json'], { cwd: pkg });
    expect(ignored.status, 'bench/results/ must be git-ignored').toBe(0);
  }, 120_000);
});
