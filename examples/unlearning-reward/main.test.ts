import { describe, expect, it } from 'vitest';
import { run } from './main.js';

describe('example: unlearning-reward', () => {
  it('rewards the targeted refusal most and the leak least; detectors differ on RULE’s quirk', async () => {
    const r = await run({ log: () => {} });
    expect(r.rewards[0]).toBe(1);
    expect(r.rewards[1]).toBe(0.5);
    expect(Math.min(...r.rewards)).toBe(r.rewards[2]);
    expect(r.advantages[0]).toBeGreaterThan(0);
    expect(r.advantages[2]).toBeLessThan(0);
    // "The piano information sheet": a refusal for rule-parity (RULE quirk), not for rule-strict
    expect(r.detections[0]![0]).toBe(true);
    expect(r.detections[1]![0]).toBe(false);
  });
});
