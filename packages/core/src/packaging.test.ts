// What npm publishes (issue 10 item 8): every published workspace package carries the MIT
// LICENSE, its README and its bins, no tests, and onnxruntime peer ranges that accept the
// patch releases of the minor series the tests run on.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('../../../', import.meta.url).pathname;
interface Manifest {
  name: string;
  version?: string;
  private?: boolean;
  license?: string;
  bin?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}
const read = (dir: string) => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest;
const published = readdirSync(join(root, 'packages'))
  .map((d) => join(root, 'packages', d))
  .filter((d) => existsSync(join(d, 'package.json')) && !read(d).private);
/** `major.minor` of the installed (tested) version of a package. */
const installedMinor = (name: string) => /^(\d+\.\d+)\./.exec(read(join(root, 'node_modules', name)).version ?? '')?.[1];

describe('published packages', () => {
  it('include core and planning-taxonomy', () => {
    expect(published.map((d) => read(d).name)).toEqual(expect.arrayContaining(['@reasonkit/core', '@reasonkit/planning-taxonomy']));
  });

  for (const dir of published) {
    const pkg = read(dir);
    describe(pkg.name, () => {
      it('has an MIT LICENSE for reasonkit contributors', () => {
        expect(pkg.license).toBe('MIT');
        const text = readFileSync(join(dir, 'LICENSE'), 'utf8');
        expect(text.startsWith('MIT License\n')).toBe(true);
        expect(text).toContain('Copyright (c) 2026 reasonkit contributors');
        expect(text).toContain('THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND');
      });

      it('packs LICENSE, README, package.json and its bins, and no tests', () => {
        const r = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: dir, encoding: 'utf8' });
        expect(r.status, r.stderr).toBe(0);
        const files = (JSON.parse(r.stdout) as Array<{ files: Array<{ path: string }> }>)[0]!.files.map((f) => f.path);
        const bins = Object.values(pkg.bin ?? {}).map((b) => b.replace(/^\.\//, ''));
        expect(files).toEqual(expect.arrayContaining(['LICENSE', 'README.md', 'package.json', ...bins]));
        for (const b of bins) expect(existsSync(join(dir, b)), `bin ${b}`).toBe(true);
        expect(files.filter((f) => /\.test(-d)?\.ts$|__fixtures__|test-utils\//.test(f))).toEqual([]);
      });

      it('accepts the onnxruntime patch releases of the minor series the tests use', () => {
        for (const [name, range] of Object.entries(pkg.peerDependencies ?? {}).filter(([n]) => n.startsWith('onnxruntime-'))) {
          expect(range, name).toMatch(/^~\d+\.\d+\.\d+$/);
          expect(/^~(\d+\.\d+)\./.exec(range)![1], name).toBe(installedMinor(name));
        }
      });
    });
  }
});
