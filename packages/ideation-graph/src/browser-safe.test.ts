// Acceptance 1: importing `.` or `./eval` loads neither better-sqlite3 nor pg (nor any Node built-in):
// the entries are bundled for the browser and every reached input is checked.
import { checkBrowserSafety } from '@reasonkit/core/testing/node';
import { describe, expect, it } from 'vitest';

const src = new URL('./', import.meta.url).pathname;

describe('browser-safe entries', () => {
  for (const entry of ['index.ts', 'eval/index.ts']) {
    it(`${entry} reaches no database driver and no Node built-in`, async () => {
      const r = await checkBrowserSafety({ entry: `${src}${entry}`, nodeOnly: /better-sqlite3|node_modules\/pg(-[a-z]+)?\/|\/src\/(sqlite|postgres)\// });
      expect(r.nodeOnly).toEqual([]);
      expect(r.builtins).toEqual([]);
      expect(r.importsNode).toBe(false);
    }, 120_000);
  }
  it('the ./sqlite entry does reach the driver (the check can fail)', async () => {
    await expect(checkBrowserSafety({ entry: `${src}sqlite/index.ts` })).rejects.toThrow(/node:module/);
  }, 120_000);
});
