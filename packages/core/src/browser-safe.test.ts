// The root entry and `@reasonkit/core/web` must be browser-safe: bundling them for the browser
// platform must not pull in any Node built-in module (or onnxruntime-node).
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkBrowserSafety } from './testing/node/browser-safety.js';

const src = dirname(fileURLToPath(import.meta.url));

describe('browser safety', () => {
  for (const entry of ['index.ts', 'web/index.ts', 'testing/index.ts', 'ai-sdk/index.ts']) {
    it(`${entry} bundles for the browser without Node built-ins`, async () => {
      const report = await checkBrowserSafety({ entry: resolve(src, entry), nodeOnly: /packages\/core\/src\/(.*\/)?(node|cli|test-utils)\// });
      expect(report).toEqual({ builtins: [], nodeOnly: [], importsNode: false });
    });
  }
  it('checkBrowserSafety reports Node-only files it reaches, and fails on a Node built-in', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rk-browser-safety-'));
    mkdirSync(join(dir, 'node'));
    writeFileSync(join(dir, 'node', 'helper.js'), 'export const x = 1;\n');
    writeFileSync(join(dir, 'entry.js'), "import { x } from './node/helper.js';\nconsole.log(x);\n");
    writeFileSync(join(dir, 'fs-entry.js'), "import { readFileSync } from 'node:fs';\nconsole.log(readFileSync);\n");
    const report = await checkBrowserSafety({ entry: join(dir, 'entry.js'), nodeOnly: /\/node\// });
    expect(report.nodeOnly).toHaveLength(1);
    await expect(checkBrowserSafety({ entry: join(dir, 'fs-entry.js') })).rejects.toThrow(/node:fs/);
  });
});
