// The root entry must be browser-safe: bundling it for the browser must not pull in Node built-ins.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkBrowserSafety } from '@reasonkit/core/testing/node';
import { describe, expect, it } from 'vitest';

const src = dirname(fileURLToPath(import.meta.url));

describe('browser safety', () => {
  it('index.ts bundles for the browser without Node built-ins', async () => {
    const report = await checkBrowserSafety({ entry: resolve(src, 'index.ts'), nodeOnly: /packages\/video-bench\/src\/(.*\/)?(node\/|cli\.ts$)/ });
    expect(report).toEqual({ builtins: [], nodeOnly: [], importsNode: false });
  });
});
