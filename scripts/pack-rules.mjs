// Release-readiness rules for a publishable package (issue 17, item 5): pure functions over a
// package.json and its `npm pack --dry-run --json` file list, so they are testable without npm.

/** Largest file a package may publish, in bytes (issue 17: "nothing over 5 MB"). */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;

const TEST_FILE = /(^|\/)(__fixtures__|__snapshots__|test|tests|fixtures)\/|\.(test|spec|test-d)\.[cm]?[jt]sx?$/;

/**
 * Problems of one package, as human-readable strings naming the package and the field or file.
 * `files` is npm's list (`{ path, size }`); `sharedHits` the packed paths whose bytes equal a file
 * of ../shared; `hasPendingChangeset` whether a changeset in .changeset names the package.
 */
export function packProblems({ pkg, files, sharedHits = [], hasPendingChangeset = false }) {
  const name = pkg.name ?? '(unnamed)';
  const out = [];
  const paths = new Set(files.map((f) => f.path));
  const need = (cond, msg) => {
    if (!cond) out.push(`${name}: ${msg}`);
  };
  need(typeof pkg.license === 'string' && pkg.license.length > 0, 'package.json "license" is missing');
  need(paths.has('LICENSE') || paths.has('LICENSE.md'), 'the pack has no LICENSE file');
  need(paths.has('README.md'), 'the pack has no README.md');
  need(paths.has('CHANGELOG.md') || hasPendingChangeset, 'no CHANGELOG.md and no pending changeset names the package');
  need(typeof pkg.engines?.node === 'string', 'package.json "engines.node" is missing');
  need(typeof pkg.sideEffects === 'boolean' || Array.isArray(pkg.sideEffects), 'package.json "sideEffects" is missing');
  need(Array.isArray(pkg.files) && pkg.files.length > 0, 'package.json "files" is missing');
  need(pkg.publishConfig?.access === 'public', 'package.json "publishConfig.access" must be "public" for a scoped package');
  const exp = pkg.exports;
  need(exp && typeof exp === 'object' && exp['.'] !== undefined, 'package.json "exports" has no "." entry');
  if (exp && typeof exp === 'object') {
    for (const [sub, target] of Object.entries(exp)) {
      if (sub === './package.json') continue;
      const text = JSON.stringify(target);
      need(text.includes('"types"'), `exports["${sub}"] has no "types" condition`);
      for (const m of text.matchAll(/"(\.\/dist\/[^"]+)"/g)) {
        need(paths.has(m[1].slice(2)), `exports["${sub}"] points at ${m[1]}, which is not in the pack (built?)`);
      }
    }
  }
  for (const f of files) {
    if (TEST_FILE.test(f.path)) out.push(`${name}: test file or fixture in the pack: ${f.path}`);
    if (f.size > MAX_FILE_BYTES) out.push(`${name}: ${f.path} is ${(f.size / 1048576).toFixed(1)} MB (limit 5 MB)`);
  }
  for (const p of sharedHits) out.push(`${name}: ${p} is a copy of a file under ../shared`);
  return out;
}

/** Package names a changeset file's front matter lists (`"@scope/name": minor`). */
export function changesetPackages(text) {
  const m = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text);
  if (!m) return [];
  return [...m[1].matchAll(/^\s*["']?([^"':\s]+)["']?\s*:\s*(major|minor|patch)\s*$/gm)].map((x) => x[1]);
}
