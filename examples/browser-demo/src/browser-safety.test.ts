// Browser code must never import Node-only modules: bundling the page's logic for the browser
// (esbuild, platform browser, the packages' sources) must reach no Node built-in and no
// onnxruntime-node. (main.ts adds only DOM code and core/web's loader; the browser test checks
// the Vite build of the whole page the same way.)
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkBrowserSafety } from '@reasonkit/core/testing/node';
import { describe, expect, it } from 'vitest';

const src = dirname(fileURLToPath(import.meta.url));

describe('browser safety of the page logic', () => {
  for (const entry of ['browser-pipeline.ts', 'kv-memory.ts', 'parse-problem.ts']) {
    it(`${entry} bundles for the browser without Node built-ins`, async () => {
      const report = await checkBrowserSafety({ entry: join(src, entry), nodeOnly: /\/(node|cli)\// });
      expect(report).toEqual({ builtins: [], nodeOnly: [], importsNode: false });
    });
  }
});
