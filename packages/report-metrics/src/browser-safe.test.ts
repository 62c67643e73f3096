// The root entry must be browser-safe: bundling it for the browser platform must not pull in any
// Node built-in module; Node-only code lives under src/node and src/runner/score-file.ts.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkBrowserSafety } from '@reasonkit/core/testing/node';
import { describe, expect, it } from 'vitest';

const src = dirname(fileURLToPath(import.meta.url));

describe('browser safety', () => {
  it('index.ts bundles for the browser without Node built-ins', async () => {
    const report = await checkBrowserSafety({ entry: resolve(src, 'index.ts'), nodeOnly: /packages\/report-metrics\/src\/(.*\/node\/|.*score-file|cli\.ts)/ });
    expect(report).toEqual({ builtins: [], nodeOnly: [], importsNode: false });
  });
});
