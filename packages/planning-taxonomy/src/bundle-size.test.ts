// Browser-safe subpaths must stay small (issue 10 item 17): `parseDomain` used to cost 481 KB in a
// browser bundle, 454 KB of it zod reached through core's `ReasonkitError`. Measured as a consumer
// gets it: this package and core built as tsup publishes them, then bundled by esbuild for the
// browser, minified and tree-shaken.
import { measureBrowserBundle } from '@reasonkit/core/testing/node';
import { describe, expect, it } from 'vitest';

const here = new URL('..', import.meta.url).pathname;
const packages = [here, new URL('../core/', `file://${here}`).pathname];

describe('browser bundle size', () => {
  for (const from of ['@reasonkit/planning-taxonomy/pddl', '@reasonkit/planning-taxonomy']) {
    it(`import { parseDomain } from '${from}' stays under 20 KB without zod`, async () => {
      const b = await measureBrowserBundle({ packages, code: `import { parseDomain } from '${from}'; console.log(parseDomain);` });
      expect(b.bytes, b.inputs.slice(0, 8).map((i) => `${i.path}: ${i.bytes}`).join(', ')).toBeLessThan(20 * 1024);
      expect(b.inputs.filter((i) => i.path.startsWith('node_modules/'))).toEqual([]);
    });
  }

  it("import { fromTextModel } from '@reasonkit/planning-taxonomy/strategies' stays under 20 KB without zod", async () => {
    const b = await measureBrowserBundle({ packages, code: `import { fromTextModel } from '@reasonkit/planning-taxonomy/strategies'; console.log(fromTextModel);` });
    expect(b.bytes).toBeLessThan(20 * 1024);
    expect(b.inputs.filter((i) => i.path.startsWith('node_modules/'))).toEqual([]);
  });

  it('a planner that validates its options brings only the zod it calls (457 KB before, with all of zod)', async () => {
    const b = await measureBrowserBundle({ packages, code: `import { bfs } from '@reasonkit/planning-taxonomy/search'; console.log(bfs);` });
    expect(b.bytes, b.inputs.slice(0, 8).map((i) => `${i.path}: ${i.bytes}`).join(', ')).toBeLessThan(100 * 1024);
  });
});
