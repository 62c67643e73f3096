import { describe, expect, it } from 'vitest';
import { run } from './main.js';

describe('example: planning-taxonomy', () => {
  it('plans a 4-block task, validates it, rejects the plan without its first step, queries the taxonomy', async () => {
    const lines: string[] = [];
    const r = await run({ blocks: 4, seed: 3, log: (l) => lines.push(l) });
    expect(r.plan.length).toBeGreaterThan(1);
    expect(r.valid).toBe(true);
    expect(r.broken.valid).toBe(false);
    expect(r.broken.failedStep).toBe(0);
    expect(r.planners).toBeGreaterThan(0);
    expect(lines.join('\n')).toMatch(/The plan is valid\./);
  });
});
