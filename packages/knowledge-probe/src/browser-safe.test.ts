import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkBrowserSafety } from '@reasonkit/core/testing/node';
import { describe, expect, it } from 'vitest';

// The root entry point runs in browsers (onnxruntime-web): it must not reach Node-only modules,
// which live under `/node`, the CLI and the test helpers.
const here = dirname(fileURLToPath(import.meta.url));

describe('browser-safe root', () => {
  it('src/index.ts bundles for the browser without Node built-ins or Node-only files', async () => {
    const report = await checkBrowserSafety({ entry: join(here, 'index.ts'), nodeOnly: /packages\/knowledge-probe\/src\/(node|test-utils)\/|cli\.ts$/ });
    expect(report).toEqual({ builtins: [], nodeOnly: [], importsNode: false });
  });
});
