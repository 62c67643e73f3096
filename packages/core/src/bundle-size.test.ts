// A light root (issue 9 item 6): importing an error class or a small helper from the root must not
// pull zod, Jinja or the tokenizer library into a browser bundle. Measured as a consumer gets it:
// the package built as tsup publishes it (entries + shared chunks, dependencies external), then
// `import { X } from '@reasonkit/core'` bundled by esbuild for the browser, minified, tree-shaken.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { measureBrowserBundle, type BrowserBundle } from './testing/node/browser-bundle.js';

const core = new URL('..', import.meta.url).pathname;
const LIGHT_LIMIT = 20 * 1024;
/**
 * `export * from '@reasonkit/core'` before the light-root change (main at 0c5b20f, measured the
 * same way): 664,621 bytes. It is 311,305 after it (`import * as z` lets zod tree-shake).
 */
const FULL_ROOT_BEFORE = 664_621;

const bundle = (code: string) => measureBrowserBundle({ packages: [core], code });
const describeInputs = (b: BrowserBundle) => b.inputs.slice(0, 8).map((i) => `${i.path}: ${i.bytes}`).join(', ');

describe('browser bundle size of the root', () => {
  for (const name of ['ReasonkitError', 'softmax', 'DenseKVCache']) {
    it(`import { ${name} } stays under 20 KB and pulls no zod, Jinja or tokenizers`, async () => {
      const b = await bundle(`import { ${name} } from '@reasonkit/core'; console.log(${name});`);
      expect(b.bytes, describeInputs(b)).toBeLessThan(LIGHT_LIMIT);
      expect(b.inputs.map((i) => i.path).filter((p) => p.startsWith('node_modules/'))).toEqual([]);
    });
  }

  it('the whole root is no larger than before the change', async () => {
    const b = await bundle(`export * from '@reasonkit/core';`);
    expect(b.bytes, describeInputs(b)).toBeLessThanOrEqual(FULL_ROOT_BEFORE);
  });

  it('code that validates still brings zod in (the measure sees it)', async () => {
    const b = await bundle(`import { generate } from '@reasonkit/core'; console.log(generate);`);
    expect(b.inputs.some((i) => i.path.startsWith('node_modules/zod/'))).toBe(true);
  });
});

// The two rules that keep it light, checked on source so a new file gets a message naming it.
describe('light-root rules in source', () => {
  const src = new URL('.', import.meta.url).pathname;
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((n) => {
      const p = join(dir, n);
      if (statSync(p).isDirectory()) return ['node', 'cli', 'test-utils'].includes(n) && dir === src.replace(/\/$/, '') ? [] : files(p);
      return n.endsWith('.ts') && !/\.test(-d)?\.ts$/.test(n) ? [p] : [];
    });
  const sources = files(src.replace(/\/$/, '')).map((p) => ({ file: relative(src, p), text: readFileSync(p, 'utf8') }));

  it('zod is imported as a namespace (`import * as z`), so bundlers keep only the zod that is called', () => {
    const named = sources.filter((s) => /^import \{ z \} from 'zod'/m.test(s.text)).map((s) => s.file);
    expect(named, "write `import * as z from 'zod'` in these files").toEqual([]);
  });

  it('module-level schemas are built on first use (`/* @__PURE__ */ lazySchema(() => z....)`)', () => {
    const eager = sources.flatMap((s) =>
      [...s.text.matchAll(/^(?:export )?const (\w+)(?::[^=]+)? = (?!\/\* @__PURE__ \*\/ lazySchema\()(?:z\s*\.|\w+Schema\s*\.)/gm)].map((m) => `${s.file}: ${m[1]}`),
    );
    expect(eager, 'write `export const XSchema = /* @__PURE__ */ lazySchema(() => z.object({ ... }));` (lazySchema from validation/lazy-schema.js)').toEqual([]);
  });
});
