import { haveTestbedModel } from '@reasonkit/testbed/node';
import { describe, expect, it } from 'vitest';
import { run } from './main.js';

describe.skipIf(!haveTestbedModel())('example: kv-sparse (testbed model)', () => {
  it('compressed caches hold fewer bytes, more at r = 0.8; r = 0.5 keeps the dense answers within one', async () => {
    const [dense, r5, r8] = await run({ problems: 1, log: () => {} });
    expect(dense!.cacheBytes).toBe(dense!.denseBytes);
    expect(r5!.cacheBytes).toBeLessThan(r5!.denseBytes);
    expect(r8!.cacheBytes).toBeLessThan(r5!.cacheBytes);
    expect(r5!.correct).toBeGreaterThanOrEqual(dense!.correct - 1);
  });
});
