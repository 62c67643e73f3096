// No import cycles among the package's modules (issue 10 item 18: tasks/format.ts and
// tasks/solution.ts imported each other). A madge-like check written simply: every relative
// `import` / `export … from` / `import()` of every source file (type-only ones too), then a
// depth-first search for a back edge.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const src = dirname(new URL(import.meta.url).pathname);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sourceFiles(p);
    return /\.ts$/.test(name) && !/\.test(-d)?\.ts$/.test(name) ? [p] : [];
  });
}

const SPECIFIER = /(?:^|[\s;])(?:import|export)\s[^'"`;]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s*['"]([^'"]+)['"]/gm;

/** Relative imports of `file`, resolved to source files (`./x.js` → `x.ts`, `./dir` → `dir/index.ts`). */
export function importsOf(file: string, files: ReadonlySet<string>): string[] {
  const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const out: string[] = [];
  for (const m of text.matchAll(SPECIFIER)) {
    const spec = m[1] ?? m[2] ?? m[3]!;
    if (!spec.startsWith('.')) continue;
    const base = resolve(dirname(file), spec).replace(/\.js$/, '');
    const target = [`${base}.ts`, join(base, 'index.ts')].find((c) => files.has(c));
    if (target) out.push(target);
  }
  return out;
}

/** Every cycle found by a depth-first search, as file lists relative to `root` (first file repeated at the end). */
export function findCycles(files: readonly string[], root: string): string[][] {
  const set = new Set(files);
  const graph = new Map(files.map((f) => [f, importsOf(f, set)]));
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  const visit = (f: string) => {
    state.set(f, 'open');
    stack.push(f);
    for (const g of graph.get(f) ?? []) {
      if (state.get(g) === 'open') cycles.push([...stack.slice(stack.indexOf(g)), g].map((p) => relative(root, p)));
      else if (!state.has(g)) visit(g);
    }
    stack.pop();
    state.set(f, 'done');
  };
  for (const f of files) if (!state.has(f)) visit(f);
  return cycles;
}

describe('import graph', () => {
  it('the checker sees a cycle through import, import type and export-from, and parses real files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cycles-'));
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'a.ts'), "import { b } from './sub/b.js';\nexport const a = b;\n");
    writeFileSync(join(dir, 'sub/b.ts'), "import type { C } from '../c.js';\nexport const b = 1 as unknown as C;\n");
    writeFileSync(join(dir, 'c.ts'), "// import { nope } from './a.js';\nexport { a as C } from './a.js';\n");
    writeFileSync(join(dir, 'd.ts'), "import './a.js';\nexport const d = () => import('./c.js');\n");
    expect(findCycles(sourceFiles(dir), dir)).toEqual([['a.ts', 'sub/b.ts', 'c.ts', 'a.ts']]);
    // On this package: tasks/index.ts re-exports from format.ts and solution.ts.
    const files = new Set(sourceFiles(src));
    expect(importsOf(join(src, 'tasks/index.ts'), files)).toEqual(expect.arrayContaining([join(src, 'tasks/format.ts'), join(src, 'tasks/solution.ts')]));
  });

  it('src has no import cycles', () => {
    expect(findCycles(sourceFiles(src), src)).toEqual([]);
  });
});
