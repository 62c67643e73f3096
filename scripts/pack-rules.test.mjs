import { describe, expect, it } from 'vitest';
import { changesetPackages, MAX_FILE_BYTES, packProblems } from './pack-rules.mjs';

const goodPkg = {
  name: '@reasonkit/x',
  license: 'MIT',
  engines: { node: '>=20' },
  sideEffects: false,
  files: ['dist', 'src', '!src/**/*.test.ts'],
  publishConfig: { access: 'public' },
  exports: {
    '.': { import: { types: './dist/index.d.ts', default: './dist/index.js' } },
    './package.json': './package.json',
  },
};
const goodFiles = [
  { path: 'LICENSE', size: 1000 },
  { path: 'README.md', size: 2000 },
  { path: 'package.json', size: 500 },
  { path: 'dist/index.js', size: 10 },
  { path: 'dist/index.d.ts', size: 10 },
  { path: 'src/index.ts', size: 10 },
];

describe('packProblems', () => {
  it('accepts a complete package with a pending changeset', () => {
    expect(packProblems({ pkg: goodPkg, files: goodFiles, hasPendingChangeset: true })).toEqual([]);
  });

  it('names each missing field and file', () => {
    const pkg = { name: '@reasonkit/x', exports: { '.': { default: './dist/index.js' } } };
    const problems = packProblems({ pkg, files: [{ path: 'package.json', size: 1 }] });
    expect(problems).toEqual([
      '@reasonkit/x: package.json "license" is missing',
      '@reasonkit/x: the pack has no LICENSE file',
      '@reasonkit/x: the pack has no README.md',
      '@reasonkit/x: no CHANGELOG.md and no pending changeset names the package',
      '@reasonkit/x: package.json "engines.node" is missing',
      '@reasonkit/x: package.json "sideEffects" is missing',
      '@reasonkit/x: package.json "files" is missing',
      '@reasonkit/x: package.json "publishConfig.access" must be "public" for a scoped package',
      '@reasonkit/x: exports["."] has no "types" condition',
      '@reasonkit/x: exports["."] points at ./dist/index.js, which is not in the pack (built?)',
    ]);
  });

  it('flags test files, fixtures, files over 5 MB and copies of ../shared', () => {
    const files = [
      ...goodFiles,
      { path: 'CHANGELOG.md', size: 1 },
      { path: 'src/a.test.ts', size: 1 },
      { path: 'src/__fixtures__/x.json', size: 1 },
      { path: 'test/e2e.test.ts', size: 1 },
      { path: 'data/big.bin', size: MAX_FILE_BYTES + 1 },
      { path: 'data/ok.bin', size: MAX_FILE_BYTES },
    ];
    expect(packProblems({ pkg: goodPkg, files, sharedHits: ['data/ok.bin'] })).toEqual([
      '@reasonkit/x: test file or fixture in the pack: src/a.test.ts',
      '@reasonkit/x: test file or fixture in the pack: src/__fixtures__/x.json',
      '@reasonkit/x: test file or fixture in the pack: test/e2e.test.ts',
      '@reasonkit/x: data/big.bin is 5.0 MB (limit 5 MB)',
      '@reasonkit/x: data/ok.bin is a copy of a file under ../shared',
    ]);
  });
});

describe('changesetPackages', () => {
  it('reads the package names of the front matter', () => {
    const text = '---\n"@reasonkit/a": minor\n\'@reasonkit/b\': patch\n---\n\nText: not a package: minor\n';
    expect(changesetPackages(text)).toEqual(['@reasonkit/a', '@reasonkit/b']);
  });
  it('returns nothing without front matter', () => {
    expect(changesetPackages('no front matter')).toEqual([]);
  });
});
