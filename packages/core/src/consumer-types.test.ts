// A consumer's `tsc` with `skipLibCheck: false` and `moduleResolution: nodenext` must accept core's
// declarations (issue 10 item 8): they must not pull in `@huggingface/tokenizers`' own `.d.ts`,
// whose extensionless relative imports fail there (TS2834). Declarations are emitted from source
// with tsc, installed as a package in a scratch folder, and a consumer that imports the root,
// `/node` and `/web` entries is type-checked against them.
import type { Tokenizer as LibraryTokenizer } from '@huggingface/tokenizers';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { HfTokenizersTokenizer } from './tokenizer/hf-tokenizers-types.js';

// Compile-time: a real @huggingface/tokenizers Tokenizer satisfies the re-declared subset.
export const libraryFits = (t: LibraryTokenizer): HfTokenizersTokenizer => t;

const pkg = new URL('..', import.meta.url).pathname;
const tsc = join(pkg, '../../node_modules/typescript/bin/tsc');
// Inside the package so the emitted declarations resolve zod & co. from the workspace's node_modules.
mkdirSync(join(pkg, '.reasonkit-tmp'), { recursive: true });
const dir = mkdtempSync(join(pkg, '.reasonkit-tmp', 'consumer-types-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = (project: string) => spawnSync(process.execPath, [tsc, '-p', project], { encoding: 'utf8', cwd: dir });
const json = (file: string, value: unknown) => writeFileSync(join(dir, file), JSON.stringify(value, null, 2));

describe('declarations for consumers', () => {
  it('type-check in a consumer with skipLibCheck false and moduleResolution nodenext', () => {
    const installed = join(dir, 'node_modules/@reasonkit/core');
    mkdirSync(installed, { recursive: true });
    json('tsconfig.decl.json', {
      extends: join(pkg, 'tsconfig.json'),
      compilerOptions: { noEmit: false, declaration: true, emitDeclarationOnly: true, declarationMap: false, outDir: join(installed, 'types'), rootDir: join(pkg, 'src') },
      include: [],
      files: ['index.ts', 'node/index.ts', 'web/index.ts'].map((f) => join(pkg, 'src', f)),
    });
    const emit = run('tsconfig.decl.json');
    expect(emit.status, emit.stdout + emit.stderr).toBe(0);
    writeFileSync(
      join(installed, 'package.json'),
      JSON.stringify({ name: '@reasonkit/core', type: 'module', exports: Object.fromEntries(['.', './node', './web'].map((e) => [e, { types: `./types${e.slice(1)}/index.d.ts` }])) }),
    );
    json('package.json', { type: 'module', private: true });
    writeFileSync(
      join(dir, 'index.ts'),
      [
        "import { createHfTokenizer, ReasonkitError, type HfTokenizer } from '@reasonkit/core';",
        "import * as node from '@reasonkit/core/node';",
        "import * as web from '@reasonkit/core/web';",
        "export const ids = (t: HfTokenizer): number[] => t.hf.encode('x').ids;",
        'export { createHfTokenizer, ReasonkitError, node, web };',
      ].join('\n'),
    );
    json('tsconfig.json', {
      compilerOptions: { strict: true, skipLibCheck: false, noEmit: true, module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', lib: ['ES2022', 'DOM'], types: [] },
      files: ['index.ts'],
    });
    const check = run('tsconfig.json');
    expect(check.stdout + check.stderr).toBe('');
    expect(check.status).toBe(0);
  }, 300_000);
});
