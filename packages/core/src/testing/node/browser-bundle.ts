import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, posix, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ReasonkitError } from '../../errors/reasonkit-error.js';

export interface MeasureBrowserBundleOptions {
  /**
   * Directories of the workspace packages the consumer imports. Each is built the way tsup builds
   * it for publishing: the entries of its `tsup.config.ts` build with `splitting: true` (else every
   * `exports` entry's `@reasonkit/source` file) bundled to ESM with code splitting and every
   * dependency left external, so the consumer's bundler sees the same modules (entries and shared
   * chunks) and the same `sideEffects` flag as from the npm tarball. Reading `tsup.config.ts`
   * needs a TypeScript-aware loader (vitest, tsx).
   */
  packages: readonly string[];
  /** The consumer module, e.g. `import { softmax } from '@reasonkit/core'; console.log(softmax);`. */
  code: string;
}

export interface BrowserBundle {
  /** Size of the minified browser bundle in bytes. */
  bytes: number;
  /** Bytes each input contributed (`node_modules/zod/...`, `@reasonkit/core/chunk-….js`), largest first. */
  inputs: Array<{ path: string; bytes: number }>;
}

interface BuiltPackage {
  name: string;
  dir: string;
  sideEffects: boolean;
  /** `./sub` (`.` for the root) → output path relative to the package's out dir. */
  subpaths: Map<string, string>;
  files: Map<string, string>;
}

type Esbuild = typeof import('esbuild');

export async function loadEsbuild(): Promise<Esbuild> {
  try {
    return (await import('esbuild')) as Esbuild;
  } catch (cause) {
    throw new ReasonkitError('RUNTIME_UNAVAILABLE', 'this helper needs the esbuild package (npm i -D esbuild)', {}, { cause });
  }
}

/** Entries of the package's code-splitting tsup build(s), as absolute paths. */
async function tsupEntries(dir: string): Promise<Record<string, string> | undefined> {
  const file = join(dir, 'tsup.config.ts');
  if (!existsSync(file)) return undefined;
  const mod = (await import(pathToFileURL(file).href)) as { default: unknown };
  const configs = [mod.default].flat() as Array<{ entry?: Record<string, string>; splitting?: boolean }>;
  const entries: Record<string, string> = {};
  for (const c of configs) {
    if (!c.splitting || !c.entry) continue;
    for (const [k, v] of Object.entries(c.entry)) entries[k] = resolve(dir, v);
  }
  return entries;
}

async function buildPackage(esbuild: Esbuild, dir: string): Promise<BuiltPackage> {
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
    name: string;
    sideEffects?: boolean;
    exports: Record<string, string | Record<string, unknown>>;
  };
  const entryPoints = (await tsupEntries(dir)) ?? {};
  const subpaths = new Map<string, string>();
  for (const [subpath, target] of Object.entries(pkg.exports)) {
    const source = typeof target === 'object' ? target['@reasonkit/source'] : undefined;
    if (typeof source !== 'string') continue;
    let out = Object.keys(entryPoints).find((k) => entryPoints[k] === resolve(dir, source));
    if (out === undefined) entryPoints[(out = source.replace(/^\.\/src\//, '').replace(/\.ts$/, ''))] = resolve(dir, source);
    subpaths.set(subpath, `${out}.js`);
  }
  const result = await esbuild.build({
    entryPoints,
    outdir: '/out',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    write: false,
    logLevel: 'silent',
  });
  const files = new Map(result.outputFiles.map((f) => [posix.relative('/out', f.path), f.text]));
  return { name: pkg.name, dir, sideEffects: pkg.sideEffects !== false, subpaths, files };
}

/**
 * Bundles `code` for the browser (esbuild, minified, tree-shaken) against workspace packages built
 * as they are published, and reports its size. Use it to keep a light import light: a module-level
 * side effect in any chunk (a `z.object(...)` call, a `new TextEncoder()`) keeps that chunk and its
 * imports in every consumer's bundle. Needs the `esbuild` package.
 */
export async function measureBrowserBundle(options: MeasureBrowserBundleOptions): Promise<BrowserBundle> {
  const esbuild = await loadEsbuild();
  const built = await Promise.all(options.packages.map((dir) => buildPackage(esbuild, resolve(dir))));
  const byName = new Map(built.map((b) => [b.name, b]));
  const ns = 'built-package';
  const result = await esbuild.build({
    stdin: { contents: options.code, loader: 'js', resolveDir: built[0]?.dir ?? process.cwd() },
    bundle: true,
    minify: true,
    treeShaking: true,
    platform: 'browser',
    format: 'esm',
    write: false,
    metafile: true,
    logLevel: 'silent',
    plugins: [
      {
        name: 'built-packages',
        setup(build) {
          build.onResolve({ filter: /^@[^/]+\/[^/]+|^[^./]/ }, (args) => {
            const match = /^(@[^/]+\/[^/]+|[^/]+)(\/.*)?$/.exec(args.path);
            const pkg = match && byName.get(match[1]!);
            if (!pkg) return undefined;
            const file = pkg.subpaths.get(match[2] ? `.${match[2]}` : '.');
            if (!file) return { errors: [{ text: `${args.path} is not exported by ${pkg.name}` }] };
            return { path: `${pkg.name}/${file}`, namespace: ns, sideEffects: pkg.sideEffects };
          });
          build.onResolve({ filter: /^\./, namespace: ns }, (args) => {
            const name = [...byName.keys()].find((n) => args.importer.startsWith(`${n}/`))!;
            const path = posix.join(posix.dirname(args.importer), args.path);
            return { path, namespace: ns, sideEffects: byName.get(name)!.sideEffects };
          });
          build.onLoad({ filter: /.*/, namespace: ns }, (args) => {
            const name = [...byName.keys()].find((n) => args.path.startsWith(`${n}/`))!;
            const pkg = byName.get(name)!;
            const contents = pkg.files.get(args.path.slice(name.length + 1));
            if (contents === undefined) return { errors: [{ text: `no built file ${args.path}` }] };
            return { contents, loader: 'js', resolveDir: dirname(join(pkg.dir, 'package.json')) };
          });
        },
      },
    ],
  });
  const output = Object.values(result.metafile.outputs)[0]!;
  const inputs = Object.entries(output.inputs)
    .map(([path, v]) => ({ path: path.replace(/^.*node_modules\//, 'node_modules/').replace(`${ns}:`, ''), bytes: v.bytesInOutput }))
    .filter((i) => i.bytes > 0)
    .sort((a, b) => b.bytes - a.bytes);
  return { bytes: result.outputFiles[0]!.contents.length, inputs };
}
