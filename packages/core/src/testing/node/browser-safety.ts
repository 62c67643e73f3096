import { loadEsbuild } from './browser-bundle.js';

export interface CheckBrowserSafetyOptions {
  /** Source entry to bundle (absolute path), e.g. a package's `src/index.ts`. */
  entry: string;
  /**
   * Source files of the package that must not be reached from the entry (Node-only code):
   * matched against esbuild's input paths, e.g. `/packages\/my-pkg\/src\/(node|cli)\//`.
   */
  nodeOnly?: RegExp;
}

export interface BrowserSafetyReport {
  /** Node built-ins (`node:fs`, `fs`, …) the browser bundle reaches. Empty when browser-safe. */
  builtins: string[];
  /** Inputs matching `nodeOnly` the bundle reaches. */
  nodeOnly: string[];
  /** Whether the bundle's text still imports `node:` modules or `onnxruntime-node`. */
  importsNode: boolean;
}

const builtinPath = /(^|\/)node_modules\/(fs|path|os|http|https|child_process|crypto|net|worker_threads)\//;

/**
 * Bundles `entry` for the browser (esbuild, ESM, `@reasonkit/source` condition, onnxruntime left
 * external) and reports what in it is Node-only. A browser-safe entry gives empty lists and
 * `importsNode: false`; an entry that imports a Node built-in esbuild cannot resolve for the
 * browser rejects with esbuild's error naming the module. Needs the `esbuild` package.
 */
export async function checkBrowserSafety(options: CheckBrowserSafetyOptions): Promise<BrowserSafetyReport> {
  const esbuild = await loadEsbuild();
  const result = await esbuild.build({
    entryPoints: [options.entry],
    bundle: true,
    write: false,
    platform: 'browser',
    format: 'esm',
    metafile: true,
    logLevel: 'silent',
    conditions: ['@reasonkit/source'],
    external: ['onnxruntime-web', 'onnxruntime-node'],
  });
  const inputs = Object.keys(result.metafile.inputs);
  const text = result.outputFiles[0]!.text;
  return {
    builtins: inputs.filter((p) => p.startsWith('node:') || builtinPath.test(p)),
    nodeOnly: options.nodeOnly ? inputs.filter((p) => options.nodeOnly!.test(p)) : [],
    importsNode: /\bfrom ["']node:/.test(text) || /import\(["']onnxruntime-node["']\)/.test(text),
  };
}
