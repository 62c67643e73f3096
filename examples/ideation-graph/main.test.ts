import { describe, expect, it } from 'vitest';
import { run } from './main.js';

describe('example: ideation-graph', () => {
  it('the shared challenge merges across the two papers; the accepted idea links graph nodes that resolve', async () => {
    const r = await run({ log: () => {} });
    expect(r.reports.map((x) => [x.created, x.merged])).toEqual([[3, 0], [2, 1]]);
    expect(r.nodes).toBe(5);
    expect(r.solutions).toHaveLength(2);
    expect(r.result.idea).toBeDefined();
    expect(r.result.toolCalls).toBe(1);
    expect(r.result.kgRefs).toHaveLength(2);
    expect(r.result.unresolvedKgRefs).toHaveLength(0);
  }, 60_000);
});
