import { describe, expect, it } from 'vitest';
import { haveTestbedModel } from '@reasonkit/testbed/node';
import { run } from './main.js';

const skip = !haveTestbedModel();
if (skip) console.warn('example-mode-select: testbed model missing (packages/testbed/model); skipping');

describe.skipIf(skip)('example: mode-select', () => {
  it('routes every question; threshold 0 sends all to NoThinking, threshold 1 sends all to Thinking', async () => {
    const all = (await run({ perLevel: 1, threshold: 0, log: () => {} }))!;
    expect(all.length).toBeGreaterThan(0);
    expect(all.every((r) => r.mode === 'nothink')).toBe(true);
    for (const r of all) expect(r.pNoThink).toBeGreaterThanOrEqual(0);
    const none = (await run({ perLevel: 1, threshold: 1, log: () => {} }))!;
    expect(none.every((r) => r.mode === 'think')).toBe(true);
    // thinking writes the column-by-column trace, so it spends more tokens than answering directly
    const sum = (rows: typeof all) => rows.reduce((s, r) => s + r.tokens, 0);
    expect(sum(none)).toBeGreaterThan(sum(all));
    expect(none.filter((r) => r.correct).length).toBeGreaterThan(0);
  }, 120_000);
});
