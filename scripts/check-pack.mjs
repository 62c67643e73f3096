#!/usr/bin/env node
// `npm run check:pack`: runs `npm pack --dry-run --json` for every publishable workspace package
// and applies scripts/pack-rules.mjs (no test data, nothing from ../shared, no file over 5 MB,
// LICENSE/README/CHANGELOG-or-changeset, exports/files/engines/sideEffects). Needs a build first
// (the exports point into dist/). Exit code 1 and one line per problem when anything is wrong.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { changesetPackages, packProblems } from './pack-rules.mjs';

const root = resolve(import.meta.dirname, '..');
const sha1 = (file) => createHash('sha1').update(readFileSync(file)).digest('hex');

function walk(dir, out = []) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (e.isFile()) out.push(p);
  }
  return out;
}

// Every file of ../shared by size, hashed lazily: a packed file is a copy only if size and bytes match.
const sharedDir = resolve(root, '..', 'shared');
const sharedBySize = new Map();
if (existsSync(sharedDir)) {
  for (const f of walk(sharedDir)) {
    const size = statSync(f).size;
    if (size === 0) continue;
    if (!sharedBySize.has(size)) sharedBySize.set(size, []);
    sharedBySize.get(size).push(f);
  }
} else {
  console.log('check-pack: ../shared is absent, so the copy-of-shared check is skipped');
}
const sharedHashes = new Map();
const sharedHash = (f) => {
  if (!sharedHashes.has(f)) sharedHashes.set(f, sha1(f));
  return sharedHashes.get(f);
};

const pending = new Set();
const csDir = join(root, '.changeset');
for (const f of existsSync(csDir) ? readdirSync(csDir) : []) {
  if (f.endsWith('.md') && f !== 'README.md') for (const n of changesetPackages(readFileSync(join(csDir, f), 'utf8'))) pending.add(n);
}

let problems = 0;
let checked = 0;
for (const dir of readdirSync(join(root, 'packages')).sort()) {
  const pkgDir = join(root, 'packages', dir);
  const pkgFile = join(pkgDir, 'package.json');
  if (!existsSync(pkgFile)) continue;
  const pkg = JSON.parse(readFileSync(pkgFile, 'utf8'));
  if (pkg.private) continue;
  const json = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: pkgDir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const [info] = JSON.parse(json);
  const sharedHits = info.files
    .filter((f) => (sharedBySize.get(f.size) ?? []).some((s) => sharedHash(s) === sha1(join(pkgDir, f.path))))
    .map((f) => f.path);
  const list = packProblems({ pkg, files: info.files, sharedHits, hasPendingChangeset: pending.has(pkg.name) });
  checked++;
  const largest = info.files.reduce((a, f) => (f.size > a.size ? f : a), { path: '-', size: 0 });
  console.log(`${list.length ? 'FAIL' : 'ok  '} ${pkg.name}: ${info.files.length} files, ${(info.size / 1024).toFixed(0)} KB packed, ${(info.unpackedSize / 1024).toFixed(0)} KB unpacked, largest ${largest.path} ${(largest.size / 1024).toFixed(0)} KB`);
  for (const p of list) console.log(`     ${p}`);
  problems += list.length;
}
console.log(`check-pack: ${checked} packages, ${problems} problems`);
process.exit(problems > 0 ? 1 : 0);
